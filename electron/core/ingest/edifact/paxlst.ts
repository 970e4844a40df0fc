// PAXLST (advance passenger information): the flight, then each traveller (NAD+FL passenger, NAD+FM
// crew) with sex, birth date, nationality, reservation reference and travel document.
import type { IssueLog } from '../report.ts';
import type { ParsedFlight, ParsedPassenger } from '../store.ts';
import { ediDate } from './cuscar.ts';
import type { EdiMessage, EdiSegment } from './tokenizer.ts';

export type PaxlstResult = { flight: ParsedFlight | null; travellers: { passenger: ParsedPassenger; segment: number }[] };

const el = (s: EdiSegment, i: number, c = 0) => (s.elements[i]?.[c] ?? '').trim();

/** Birth dates come as YYMMDD: a year after this one's two digits belongs to the last century. */
function birthDate(v: string, now = new Date()): string | null {
  if (!/^\d{6}$/.test(v)) return null;
  const yy = Number(v.slice(0, 2));
  const century = yy > now.getUTCFullYear() % 100 ? 1900 : 2000;
  return `${century + yy}-${v.slice(2, 4)}-${v.slice(4, 6)}`;
}

export function mapPaxlst(msg: EdiMessage, log: IssueLog): PaxlstResult {
  let crewList = false;
  let flight: ParsedFlight | null = null;
  let origin: string | null = null;
  let destination: string | null = null;
  let declaredCount: number | null = null;
  let lastLoc = '';
  const travellers: PaxlstResult['travellers'] = [];
  let current: { passenger: ParsedPassenger; segment: number } | null = null;
  const close = () => {
    if (current) travellers.push(current);
    current = null;
  };

  for (const s of msg.segments) {
    switch (s.tag) {
      case 'BGM':
        crewList = el(s, 0) === '250';
        break;
      case 'TDT':
        flight = { carrierCode: el(s, 4, 0) || el(s, 1).replace(/\d.*$/, ''), flightNumber: el(s, 1), flightDate: '' };
        break;
      case 'LOC':
        lastLoc = el(s, 0);
        if (!current) {
          if (lastLoc === '125') origin = el(s, 1);
          if (lastLoc === '87') destination = el(s, 1);
        } else if (lastLoc === '91') current.passenger.docCountry = el(s, 1) || null;
        break;
      case 'DTM': {
        const q = el(s, 0, 0);
        if (!current && q === '189' && flight) flight.flightDate = ediDate(el(s, 0, 1), el(s, 0, 2) || '201') ?? '';
        if (current && q === '329') current.passenger.birthDate = birthDate(el(s, 0, 1));
        if (current && q === '36') current.passenger.docExpiry = ediDate(el(s, 0, 1), '201');
        break;
      }
      case 'NAD': {
        const role = el(s, 0);
        if (role !== 'FL' && role !== 'FM' && role !== 'DDT' && role !== 'DDU') break;
        close();
        const name = s.elements[3] ?? [];
        if (!name[0]) {
          log.reject(s.index, 'EDI_TRAVELLER_WITHOUT_NAME', 'A traveller without a surname was not imported.', 'NAD');
          break;
        }
        current = {
          segment: s.index,
          passenger: {
            surname: name[0]!,
            givenNames: name.slice(1).filter(Boolean).join(' '),
            birthDate: null,
            sex: null,
            nationality: null,
            docType: null,
            docNumber: null,
            docCountry: null,
            docExpiry: null,
            crew: crewList || role === 'FM' || role === 'DDU',
            origin,
            destination,
          },
        };
        break;
      }
      case 'ATT':
        if (current && el(s, 0) === '2') current.passenger.sex = el(s, 2, 0) || null;
        break;
      case 'NAT':
        if (current) current.passenger.nationality = el(s, 1) || null;
        break;
      case 'DOC':
        if (current) {
          current.passenger.docType = el(s, 0, 0) || null;
          current.passenger.docNumber = el(s, 1) || null;
        }
        break;
      case 'CNT':
        if (el(s, 0, 0) === '42' || el(s, 0, 0) === '41') declaredCount = Number(el(s, 0, 1));
        break;
    }
  }
  close();
  if (declaredCount !== null && declaredCount !== travellers.length) {
    log.warn(msg.segments.at(-1)!.index, 'EDI_COUNT_MISMATCH', `CNT declares ${declaredCount} travellers; the message lists ${travellers.length}.`, 'CNT');
  }
  if (flight && !flight.flightDate) log.warn(msg.segments[0]!.index, 'EDI_FLIGHT_WITHOUT_DATE', 'The flight has no departure date (DTM+189).', 'DTM');
  return { flight, travellers };
}
