// Container track-and-trace messages: IFTSTA (status events), CODECO (gate in/out at a terminal), COARRI
// (load/discharge report of a vessel call) and BAPLIE (what is on board, where, at departure).
import type { EventKind } from '../../generator/model.ts';
import type { IssueLog } from '../report.ts';
import type { ParsedVessel } from '../store.ts';
import type { EdiMessage, EdiSegment } from './tokenizer.ts';

export type ParsedEvent = {
  container: string;
  sizeType: string;
  kind: EventKind;
  at: string;
  place: string;
  seal: string | null;
  fullEmpty: 'F' | 'E' | null;
  docNumber: string | null;
  vessel: ParsedVessel | null;
  voyage: string | null;
  statusText: string | null;
  segment: number;
};

const el = (s: EdiSegment, i: number, c = 0) => (s.elements[i]?.[c] ?? '').trim();

/** ISO-like minute from an EDIFACT date/time (203 CCYYMMDDHHMM, 201 YYMMDDHHMM, 102 CCYYMMDD). */
export function ediTime(value: string, format: string): string | null {
  const v = value.trim();
  const full = format === '201' || (format === '' && v.length === 10) ? `20${v}` : v;
  if (!/^\d{8}/.test(full)) return null;
  const hh = full.slice(8, 10) || '00';
  const mm = full.slice(10, 12) || '00';
  return `${full.slice(0, 4)}-${full.slice(4, 6)}-${full.slice(6, 8)}T${hh}:${mm}Z`;
}

/** Status codes (UN/EDIFACT 4405 and common carrier codes) to the event kinds the workspace keeps. */
const STATUS: Record<string, EventKind> = {
  EE: 'gate_out_empty',
  I: 'gate_in_full',
  AE: 'loaded',
  UV: 'discharged',
  TS: 'transshipped',
  OA: 'gate_out_full',
  RD: 'gate_in_empty',
  '1': 'gate_in_full',
  '2': 'loaded',
  '3': 'discharged',
  '4': 'gate_out_full',
};

function vesselOf(s: EdiSegment): { vessel: ParsedVessel | null; voyage: string | null } {
  const imo = el(s, 7, 0);
  const name = el(s, 7, 3);
  return { vessel: imo || name ? { imo, name, flag: el(s, 7, 4), carrierCode: el(s, 4, 0) } : null, voyage: el(s, 1) || null };
}

export function mapEvents(msg: EdiMessage, log: IssueLog): ParsedEvent[] {
  const events: ParsedEvent[] = [];
  const type = msg.type;
  let headerVessel: ParsedVessel | null = null;
  let headerVoyage: string | null = null;
  let headerPlace = '';
  let headerTime: string | null = null;
  let gateKind: EventKind = 'gate_out_full';
  let pending: Partial<ParsedEvent> & { segment: number } = { segment: 0 };
  let cell = '';

  const flush = () => {
    if (!pending.container) return;
    const at = pending.at ?? headerTime;
    const place = pending.place ?? headerPlace;
    if (!at || !place) {
      log.reject(pending.segment, 'EDI_EVENT_INCOMPLETE', `The event for container ${pending.container} has no ${at ? 'place' : 'date'}; it was not imported.`);
    } else {
      events.push({
        container: pending.container,
        sizeType: pending.sizeType ?? '',
        kind: pending.kind ?? (type === 'COARRI' ? 'discharged' : type === 'CODECO' ? gateKind : 'status'),
        at,
        place,
        seal: pending.seal ?? null,
        fullEmpty: pending.fullEmpty ?? null,
        docNumber: pending.docNumber ?? null,
        vessel: pending.vessel ?? headerVessel,
        voyage: pending.voyage ?? headerVoyage,
        statusText: pending.statusText ?? null,
        segment: pending.segment,
      });
    }
    pending = { segment: 0 };
  };

  for (const s of msg.segments) {
    const inDetail = pending.container !== undefined || (type === 'IFTSTA' && pending.kind !== undefined);
    switch (s.tag) {
      case 'BGM':
        if (type === 'CODECO') gateKind = el(s, 0) === '34' ? 'gate_in_full' : 'gate_out_full';
        if (type === 'COARRI' && (el(s, 0) === '122' || el(s, 0) === '46')) gateKind = 'loaded';
        break;
      case 'TDT': {
        const v = vesselOf(s);
        if (inDetail) Object.assign(pending, v);
        else [headerVessel, headerVoyage] = [v.vessel, v.voyage];
        break;
      }
      case 'STS':
        if (type === 'IFTSTA') {
          flush();
          const code = el(s, 1);
          pending = { segment: s.index, kind: STATUS[code] ?? 'status', statusText: STATUS[code] ? null : code };
        }
        break;
      case 'LOC': {
        const q = el(s, 0);
        if (q === '147') cell = el(s, 1);
        else if (inDetail && (q === '175' || q === '165')) pending.place = el(s, 1);
        else if (!inDetail && (q === '11' || q === '165' || q === '5' || q === '175')) headerPlace ||= el(s, 1);
        break;
      }
      case 'DTM': {
        const t = ediTime(el(s, 0, 1), el(s, 0, 2));
        const q = el(s, 0, 0);
        if (inDetail && ['334', '7', '203', '178'].includes(q)) pending.at = t ?? undefined;
        else if (!inDetail && ['137', '178', '132'].includes(q) && !headerTime) headerTime = t;
        break;
      }
      case 'RFF':
        if (el(s, 0, 0) === 'BM' && inDetail) pending.docNumber = el(s, 0, 1);
        break;
      case 'EQD':
        if (el(s, 0) !== 'CN') break;
        if (type !== 'IFTSTA') {
          flush();
          pending = { segment: s.index };
          if (type === 'BAPLIE') Object.assign(pending, { kind: 'status' as EventKind, statusText: cell ? `on board, cell ${cell}` : 'on board' });
        }
        pending.container = el(s, 1).replace(/\s/g, '').toUpperCase();
        pending.sizeType = el(s, 2, 0);
        pending.fullEmpty = el(s, 5) === '4' ? 'E' : el(s, 5) ? 'F' : null;
        break;
      case 'SEL':
        if (pending.container) pending.seal = el(s, 0) || null;
        break;
    }
  }
  flush();
  if (type === 'COARRI' && gateKind === 'loaded') for (const e of events) e.kind = 'loaded';
  return events;
}
