// UN/EDIFACT serialisation: service string advice, release character, interchange and message envelopes
// with their counts and references. Used by the scenario generator; the same rules the importer reads.
import type { TextSink } from './text-sink.ts';

export type Element = string | number | null | undefined | (string | number | null | undefined)[];

const SEPARATORS = { component: ':', element: '+', decimal: '.', release: '?', segment: "'" };

export function escapeEdifact(value: string): string {
  return value.replace(/[?:+']/g, (c) => `?${c}`);
}

function component(v: string | number | null | undefined): string {
  return v === null || v === undefined ? '' : escapeEdifact(String(v));
}

export function segment(tag: string, ...elements: Element[]): string {
  const parts = elements.map((e) => (Array.isArray(e) ? e.map(component).join(':').replace(/:+$/, '') : component(e)));
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return [tag, ...parts].join('+') + "'";
}

export type InterchangeOptions = { sender: string; recipient: string; reference: string; preparedAt: string; syntax?: string; newlines?: boolean };

/** One interchange (UNA, UNB … UNZ) holding any number of messages (UNH … UNT). */
export class EdifactInterchange {
  private messages = 0;
  private readonly eol: string;
  private readonly sink: TextSink;
  private readonly opts: InterchangeOptions;

  constructor(sink: TextSink, opts: InterchangeOptions) {
    this.sink = sink;
    this.opts = opts;
    this.eol = opts.newlines === false ? '' : '\n';
    const { component: c, element: e, decimal: d, release: r, segment: s } = SEPARATORS;
    const when = opts.preparedAt.replace(/[-:T]/g, '');
    sink.write(`UNA${c}${e}${d}${r} ${s}${this.eol}`);
    sink.write(
      segment(
        'UNB',
        (opts.syntax ?? 'UNOC:3').split(':'),
        [opts.sender, 'ZZZ'],
        [opts.recipient, 'ZZZ'],
        [when.slice(2, 8), when.slice(8, 12)],
        opts.reference,
      ) + this.eol,
    );
  }

  /** Writes one message; `build` returns its body segments (without UNH and UNT). */
  message(type: string, body: string[]): void {
    this.messages++;
    const ref = `${this.opts.reference.slice(-6)}${String(this.messages).padStart(5, '0')}`;
    this.sink.write(segment('UNH', ref, type.split(':')) + this.eol);
    for (const s of body) this.sink.write(s + this.eol);
    this.sink.write(segment('UNT', body.length + 2, ref) + this.eol);
  }

  close(): void {
    this.sink.write(segment('UNZ', this.messages, this.opts.reference) + this.eol);
  }
}

/** CCYYMMDDHHMM from an ISO timestamp (format 203). */
export const edi203 = (iso: string) => iso.replace(/[-:T]/g, '').slice(0, 12);
/** YYMMDDHHMM (format 201). */
export const edi201 = (iso: string) => iso.replace(/[-:T]/g, '').slice(2, 12);
/** CCYYMMDD (format 102). */
export const edi102 = (iso: string) => iso.replace(/-/g, '').slice(0, 8);
/** YYMMDD. */
export const edi101 = (iso: string) => iso.replace(/-/g, '').slice(2, 8);
