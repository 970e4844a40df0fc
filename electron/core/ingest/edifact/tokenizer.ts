// A streaming UN/EDIFACT reader that copes with what real senders write: no UNA, unusual separators,
// a UNA the body ignores, release characters, any line ends and breaks inside segments, a space after a
// tag, junk after UNZ, several interchanges, counts and references that disagree. What it can read
// unambiguously it delivers message by message; every deviation is a warning (a refusal in strict mode);
// truncation and what cannot be tokenised are refused in every mode.
import { closeSync, openSync, readSync } from 'node:fs';
import { ImportRefused, type IssueLog } from '../report.ts';

export type Separators = { component: string; element: string; decimal: string; release: string; segment: string };
export type EdiSegment = { tag: string; elements: string[][]; index: number };
export type EdiMessage = { type: string; version: string; ref: string; segments: EdiSegment[]; interchangeRef: string; sender: string };

/** White space, and the SUB and NUL padding old systems leave at the end of a file. */
// eslint-disable-next-line no-control-regex
const END_PADDING = /[\s\u001a\u0000]+/g;

export const LIMITS = { segmentChars: 100_000, segmentsPerMessage: 5_000_000, fileBytes: 4 * 1024 ** 3 };

const CHARSETS: Record<string, { decoder: string; ascii: boolean }> = {
  UNOA: { decoder: 'latin1', ascii: true },
  UNOB: { decoder: 'latin1', ascii: true },
  UNOC: { decoder: 'latin1', ascii: false },
  UNOD: { decoder: 'iso-8859-2', ascii: false },
  UNOE: { decoder: 'iso-8859-5', ascii: false },
  UNOF: { decoder: 'iso-8859-7', ascii: false },
  UNOW: { decoder: 'utf-8', ascii: false },
  UNOY: { decoder: 'utf-8', ascii: false },
};

/** True when the bytes hold at least one multi-byte UTF-8 sequence and no invalid one. */
function looksLikeUtf8(bytes: Buffer): boolean {
  let multi = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    const n = b >= 0xf0 && b <= 0xf4 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b <= 0xdf ? 1 : -1;
    if (n < 0) return false;
    if (i + n >= bytes.length) return multi; // cut at the chunk's end: judge by what came before
    for (let k = 1; k <= n; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return false;
    multi = true;
    i += n;
  }
  return multi;
}

/** Works out the separators from UNA, or from the UNB and the first segment end when UNA is missing or wrong. */
export function detectSeparators(head: string, log: IssueLog): { sep: Separators; start: number } {
  // A byte-order mark, as decoded from UTF-8 or read byte by byte.
  const text = head.replace(/^(\ufeff|\u00ef\u00bb\u00bf)/, '');
  const offset = head.length - text.length;
  const trimmed = text.trimStart();
  const lead = offset + (text.length - trimmed.length);
  let declared: Separators | null = null;
  let body = trimmed;
  let start = lead;
  if (trimmed.startsWith('UNA')) {
    declared = { component: trimmed[3]!, element: trimmed[4]!, decimal: trimmed[5]!, release: trimmed[6]!, segment: trimmed[8]! };
    body = trimmed.slice(9).replace(/^[\r\n]+/, '');
    start = lead + (trimmed.length - body.length);
  }
  if (!body.startsWith('UNB')) throw new ImportRefused('IMPORT_NOT_EDIFACT', 'This file is not UN/EDIFACT: it does not begin with UNA or UNB.');
  const element = body.slice(3).trimStart()[0] ?? '';
  const syntax = /^UNB\s*.(UNO[A-Z])(.)/.exec(body);
  const component = syntax?.[2] ?? declared?.component ?? ':';
  // The segment terminator is the character just before the next segment's tag.
  const next = /(.)([\r\n ]*)(UNG|UNH)\s*[^A-Z0-9\s]/.exec(body);
  // Some senders end segments with a line break alone.
  const segment = next ? (/[A-Za-z0-9]/.test(next[1]!) && /\n/.test(next[2]!) ? '\n' : next[1]!) : (declared?.segment ?? "'");
  const found: Separators = { component, element, decimal: declared?.decimal ?? '.', release: declared?.release ?? '?', segment };
  if (!element || /[A-Za-z0-9]/.test(element) || /[A-Za-z0-9]/.test(segment)) {
    throw new ImportRefused('EDI_SYNTAX', 'The separators of this EDIFACT file cannot be worked out.');
  }
  const isDefault = found.component === ':' && found.element === '+' && found.segment === "'";
  if (!declared && !isDefault)
    log.warn(
      1,
      'EDI_UNA_MISSING',
      `No UNA service string advice, yet the separators are not the defaults (elements '${found.element}', segments '${found.segment === '\n' ? 'line end' : found.segment}'); read as used.`,
    );
  if (declared) {
    const differs = (['component', 'element', 'segment'] as const).filter((k) => declared[k] !== found[k]);
    if (differs.length > 0)
      log.warn(
        0,
        'EDI_UNA_RECOVERED',
        `The UNA declares ${differs.map((k) => `${k} '${declared[k]}'`).join(', ')} but the file uses ${differs.map((k) => `'${found[k]}'`).join(', ')}; read as used.`,
      );
  }
  return { sep: found, start };
}

/** Splits one segment's text into its tag and elements/components, honouring the release character. */
export function splitSegment(text: string, sep: Separators, index: number): EdiSegment {
  const elements: string[][] = [];
  let comps: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === sep.release && i + 1 < text.length) {
      cur += text[++i];
    } else if (ch === sep.element) {
      comps.push(cur);
      elements.push(comps);
      comps = [];
      cur = '';
    } else if (ch === sep.component) {
      comps.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  comps.push(cur);
  elements.push(comps);
  const tag = elements.shift()![0]!.trim();
  return { tag, elements, index };
}

type Handlers = { onMessage(message: EdiMessage): void; onProgress?(bytesRead: number): void };

/** Reads an EDIFACT file chunk by chunk; calls onMessage for each complete, envelope-checked message. */
export function readEdifactFile(path: string, log: IssueLog, handlers: Handlers): { messages: number; interchanges: number } {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    let n = readSync(fd, chunk, 0, chunk.length, 0);
    let position = n;
    const first = chunk.subarray(0, n);
    const headText = first.toString('latin1');
    const { sep, start } = detectSeparators(headText, log);
    const syntaxId = /UNB.(UNO[A-Z])/.exec(headText.slice(start))?.[1] ?? 'UNOA';
    const charset = CHARSETS[syntaxId];
    if (!charset) log.warn(1, 'EDI_UNKNOWN_SYNTAX', `Unknown syntax identifier ${syntaxId}; read as ISO 8859-1.`);
    let decoderName = charset?.decoder ?? 'latin1';
    const bom = first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf ? 3 : 0;
    if (decoderName !== 'utf-8' && looksLikeUtf8(first.subarray(bom))) {
      log.warn(1, 'TEXT_OUTSIDE_CHARSET', `The file declares ${syntaxId} but holds UTF-8 text; decoded as UTF-8.`);
      decoderName = 'utf-8';
    } else if (charset?.ascii && first.some((b) => b > 0x7f)) {
      log.warn(1, 'TEXT_OUTSIDE_CHARSET', `The file declares ${syntaxId} (ASCII letters only) but holds other bytes; decoded as ISO 8859-1.`);
    }
    const decoder = new TextDecoder(decoderName);
    const parser = new EnvelopeParser(sep, log, handlers);
    let text = decoder.decode(first.subarray(start), { stream: true });
    for (;;) {
      text = parser.consume(text, false);
      if (n === 0) break;
      handlers.onProgress?.(position);
      n = readSync(fd, chunk, 0, chunk.length, position);
      position += n;
      if (position > LIMITS.fileBytes) throw new ImportRefused('IMPORT_TOO_LARGE', 'The file is larger than Portcullis accepts in one import.');
      text += n === 0 ? decoder.decode() : decoder.decode(chunk.subarray(0, n), { stream: true });
    }
    parser.consume(text, true);
    return parser.finish();
  } finally {
    closeSync(fd);
  }
}

/** The envelope state machine: UNB/UNZ, UNG/UNE, UNH/UNT with their counts and references. */
class EnvelopeParser {
  private readonly sep: Separators;
  private readonly log: IssueLog;
  private readonly handlers: Handlers;
  private segmentIndex = 0;
  private interchange: { ref: string; sender: string; messages: number; groups: number; segment: number } | null = null;
  private group: { ref: string; messages: number } | null = null;
  private message: { ref: string; type: string; version: string; segments: EdiSegment[]; start: number } | null = null;
  private interchanges = 0;
  private messages = 0;
  private ended = false;
  private ignoring = false;

  constructor(sep: Separators, log: IssueLog, handlers: Handlers) {
    this.sep = sep;
    this.log = log;
    this.handlers = handlers;
  }

  /** Takes whole segments from `text` and returns what is left (an incomplete segment). */
  consume(input: string, atEnd: boolean): string {
    const { segment: term, release } = this.sep;
    const lineEnds = term === '\n' ? /\r+/g : /[\r\n]+/g;
    // Line ends are never data: drop them first, so a line break after a release character is harmless.
    const text = input.replace(lineEnds, '');
    let from = 0;
    for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) {
      // A terminator is data when an odd run of release characters precedes it ("?'" but not "??'").
      let released = 0;
      while (release && i - released - 1 >= from && text[i - released - 1] === release) released++;
      if (released % 2 === 1) continue;
      const raw = text.slice(from, i);
      from = i + 1;
      if (raw.trim() === '') continue;
      if (raw.length > LIMITS.segmentChars)
        throw new ImportRefused(
          'EDI_SEGMENT_TOO_LONG',
          `Segment ${this.segmentIndex + 1} is longer than ${LIMITS.segmentChars} characters.`,
          this.segmentIndex + 1,
        );
      this.segment(splitSegment(raw.trimStart(), this.sep, ++this.segmentIndex));
    }
    const rest = text.slice(from);
    if (atEnd && rest.replace(END_PADDING, '') !== '') {
      if (this.ended) {
        this.trailing();
        return '';
      }
      throw new ImportRefused('EDI_TRUNCATED', `The file ends inside a segment after segment ${this.segmentIndex}: it is truncated.`, this.segmentIndex);
    }
    return rest;
  }

  /** After UNZ only a new interchange may follow; anything else is ignored, once warned. */
  private trailing(): void {
    if (!this.ignoring) this.log.warn(this.segmentIndex, 'EDI_TRAILING_DATA', 'Data after the end of the interchange (UNZ) was ignored.');
    this.ignoring = true;
  }

  private segment(s: EdiSegment): void {
    const el = (i: number, c = 0) => s.elements[i]?.[c] ?? '';
    if (this.ended && s.tag !== 'UNB' && s.tag !== 'UNA') return this.trailing();
    switch (s.tag) {
      case 'UNA':
        return;
      case 'UNB':
        this.ignoring = false;
        if (this.interchange)
          throw new ImportRefused('EDI_TRUNCATED', `A new interchange starts at segment ${s.index} before the previous one ended (no UNZ).`, s.index);
        this.interchange = { ref: el(4), sender: el(1), messages: 0, groups: 0, segment: s.index };
        this.ended = false;
        this.interchanges++;
        return;
      case 'UNG':
        this.group = { ref: el(4), messages: 0 };
        if (this.interchange) this.interchange.groups++;
        return;
      case 'UNE':
        if (this.group) {
          if (Number(el(0)) !== this.group.messages)
            this.log.warn(s.index, 'EDI_MESSAGE_COUNT_MISMATCH', `UNE counts ${el(0)} messages; the group holds ${this.group.messages}.`);
          if (el(1) !== this.group.ref)
            this.log.warn(s.index, 'EDI_REFERENCE_MISMATCH', `UNE reference ${el(1)} differs from UNG reference ${this.group.ref}.`);
        }
        this.group = null;
        return;
      case 'UNH':
        if (!this.interchange) throw new ImportRefused('EDI_SYNTAX', `Message header at segment ${s.index} outside an interchange (no UNB).`, s.index);
        if (this.message) throw new ImportRefused('EDI_TRUNCATED', `Message ${this.message.ref} has no trailer (UNT) before segment ${s.index}.`, s.index);
        this.message = { ref: el(0), type: el(1, 0), version: `${el(1, 1)}:${el(1, 2)}`, segments: [s], start: s.index };
        return;
      case 'UNT': {
        const m = this.message;
        if (!m) {
          this.log.warn(s.index, 'EDI_UNEXPECTED_SEGMENT', 'A message trailer (UNT) without a header was ignored.');
          return;
        }
        m.segments.push(s);
        const count = s.index - m.start + 1;
        if (Number(el(0)) !== count) this.log.warn(s.index, 'EDI_SEGMENT_COUNT_MISMATCH', `UNT counts ${el(0)} segments; message ${m.ref} has ${count}.`);
        if (el(1) !== m.ref) this.log.warn(s.index, 'EDI_REFERENCE_MISMATCH', `UNT reference ${el(1)} differs from UNH reference ${m.ref}.`);
        this.message = null;
        this.interchange!.messages++;
        if (this.group) this.group.messages++;
        this.messages++;
        this.handlers.onMessage({
          type: m.type,
          version: m.version,
          ref: m.ref,
          segments: m.segments,
          interchangeRef: this.interchange!.ref,
          sender: this.interchange!.sender,
        });
        return;
      }
      case 'UNZ': {
        const ic = this.interchange;
        if (!ic) {
          this.log.warn(s.index, 'EDI_UNEXPECTED_SEGMENT', 'An interchange trailer (UNZ) without a header was ignored.');
          return;
        }
        if (this.message) throw new ImportRefused('EDI_TRUNCATED', `Message ${this.message.ref} has no trailer (UNT) before UNZ.`, s.index);
        const expected = ic.groups > 0 ? ic.groups : ic.messages;
        if (Number(el(0)) !== expected) this.log.warn(s.index, 'EDI_MESSAGE_COUNT_MISMATCH', `UNZ counts ${el(0)}; the interchange holds ${expected}.`);
        if (el(1) !== ic.ref) this.log.warn(s.index, 'EDI_REFERENCE_MISMATCH', `UNZ reference ${el(1)} differs from UNB reference ${ic.ref}.`);
        this.interchange = null;
        this.ended = true;
        return;
      }
      default:
        if (!this.message) {
          this.log.warn(s.index, 'EDI_UNEXPECTED_SEGMENT', `Segment ${s.tag} outside a message was ignored.`);
          return;
        }
        if (!/^[A-Z][A-Z0-9]{2}$/.test(s.tag)) throw new ImportRefused('EDI_SYNTAX', `Segment ${s.index} has no valid tag ("${s.tag.slice(0, 10)}").`, s.index);
        if (this.message.segments.length >= LIMITS.segmentsPerMessage)
          throw new ImportRefused('EDI_TOO_MANY_SEGMENTS', `Message ${this.message.ref} has too many segments.`, s.index);
        this.message.segments.push(s);
    }
  }

  finish(): { messages: number; interchanges: number } {
    if (this.message)
      throw new ImportRefused('EDI_TRUNCATED', `The file ends inside message ${this.message.ref} (no UNT): it is truncated.`, this.segmentIndex);
    if (this.interchange) throw new ImportRefused('EDI_TRUNCATED', 'The file ends inside an interchange (no UNZ): it is truncated.', this.segmentIndex);
    if (this.interchanges === 0) throw new ImportRefused('IMPORT_NOT_EDIFACT', 'No EDIFACT interchange was found in this file.');
    return { messages: this.messages, interchanges: this.interchanges };
  }
}

/** A party from a NAD segment (C080 name, C059 street, city, postcode, country), or null without a name. */
export function nadParty<R extends string>(
  s: EdiSegment,
  role: R,
): { role: R; name: string; address: string; city: string; postcode: string; country: string } | null {
  const el = (i: number) => (s.elements[i]?.[0] ?? '').trim();
  const name = (s.elements[3] ?? []).filter(Boolean).join(' ') || el(1);
  if (!name) return null;
  return { role, name, address: (s.elements[4] ?? []).filter(Boolean).join(' '), city: el(5), postcode: el(7), country: el(8).toUpperCase() };
}
