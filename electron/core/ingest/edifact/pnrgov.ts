// PNRGOV (IATA/UN passenger name record push): the flight, then each reservation with its dates,
// agency, contacts, travellers (names and travel documents), bags, form of payment and itinerary.
// Special service requests that reveal religion or health (meals, wheelchairs, medical) are dropped
// here, on import, and only their number is reported.
import type { IssueLog } from '../report.ts';
import type { ParsedFlight, ParsedPassenger } from '../store.ts';
import { ediTime } from './events.ts';
import type { EdiMessage, EdiSegment } from './tokenizer.ts';
import type { BaggageItem, BookingContact } from '../../../../shared/domain/records.ts';

export type ParsedSegment = {
  carrierCode: string;
  flightNumber: string;
  origin: string;
  destination: string;
  departureAt: string | null;
  arrivalAt: string | null;
};
export type ParsedBooking = {
  recordLocator: string;
  carrierCode: string;
  bookingDate: string | null;
  ticketingDate: string | null;
  agency: string | null;
  paymentForm: string | null;
  contacts: BookingContact[];
  baggage: BaggageItem[];
  passengers: ParsedPassenger[];
  segments: ParsedSegment[];
  segment: number;
};
export type PnrgovResult = { flight: ParsedFlight | null; origin: string; destination: string; bookings: ParsedBooking[]; sensitiveDropped: number };

/** SSR codes that reveal religion, health or disability: never stored (EU PNR Directive art. 13(4)). */
export const SENSITIVE_SSR = new Set([
  'AVML',
  'BBML',
  'BLML',
  'CHML',
  'DBML',
  'FPML',
  'GFML',
  'HFML',
  'HNML',
  'JPML',
  'KSML',
  'LCML',
  'LFML',
  'LPML',
  'LSML',
  'MOML',
  'NLML',
  'NOML',
  'ORML',
  'PRML',
  'RVML',
  'SFML',
  'SPML',
  'VGML',
  'VJML',
  'VLML',
  'VOML',
  'WCHR',
  'WCHS',
  'WCHC',
  'WCBD',
  'WCBW',
  'WCMP',
  'WCOB',
  'MEDA',
  'MAAS',
  'DEAF',
  'BLND',
  'DPNA',
  'OXYG',
  'STCR',
  'SVAN',
  'ESAN',
  'PETC',
  'LANG',
]);

const el = (s: EdiSegment, i: number, c = 0) => (s.elements[i]?.[c] ?? '').trim();
/** PNRGOV dates are DDMMYY with HHMM beside them. */
const ddmmyy = (d: string, t: string) =>
  /^\d{6}$/.test(d) ? ediTime(`20${d.slice(4, 6)}${d.slice(2, 4)}${d.slice(0, 2)}${/^\d{4}$/.test(t) ? t : '0000'}`, '203') : null;

function docs(text: string, p: ParsedPassenger): void {
  // /P/BIH/A1234567/BIH/850412/M/310101/SURNAME/GIVEN — the DOCS free text (dates as YYMMDD or DDMMMYY).
  const f = text.split('/');
  if (f.length < 8) return;
  p.docType = f[1] || null;
  p.docCountry = f[2] || null;
  p.docNumber = f[3] || null;
  p.nationality = f[4] || null;
  const yymmdd = (v: string | undefined) => (v && /^\d{6}$/.test(v) ? v : null);
  const birth = yymmdd(f[5]);
  if (birth)
    p.birthDate = `${Number(birth.slice(0, 2)) > new Date().getUTCFullYear() % 100 ? 19 : 20}${birth.slice(0, 2)}-${birth.slice(2, 4)}-${birth.slice(4, 6)}`;
  p.sex = f[6] || null;
  const expiry = yymmdd(f[7]);
  if (expiry) p.docExpiry = `20${expiry.slice(0, 2)}-${expiry.slice(2, 4)}-${expiry.slice(4, 6)}`;
}

export function mapPnrgov(msg: EdiMessage, log: IssueLog): PnrgovResult {
  let flight: ParsedFlight | null = null;
  let origin = '';
  let destination = '';
  const bookings: ParsedBooking[] = [];
  let b: ParsedBooking | null = null;
  let pax: ParsedPassenger | null = null;
  let sensitiveDropped = 0;

  for (const s of msg.segments) {
    switch (s.tag) {
      case 'TVL': {
        const seg: ParsedSegment = {
          carrierCode: el(s, 3),
          flightNumber: `${el(s, 3)}${el(s, 4)}`,
          origin: el(s, 1),
          destination: el(s, 2),
          departureAt: ddmmyy(el(s, 0, 0), el(s, 0, 1)),
          arrivalAt: ddmmyy(el(s, 0, 2), el(s, 0, 3)),
        };
        if (!b) {
          flight = { carrierCode: seg.carrierCode, flightNumber: seg.flightNumber, flightDate: seg.departureAt?.slice(0, 10) ?? '' };
          origin = seg.origin;
          destination = seg.destination;
        } else b.segments.push(seg);
        break;
      }
      case 'SRC':
        if (b) bookings.push(b);
        b = null;
        pax = null;
        break;
      case 'RCI':
        b = {
          recordLocator: el(s, 0, 1),
          carrierCode: el(s, 0, 0),
          bookingDate: ddmmyy(el(s, 0, 3), el(s, 0, 4)),
          ticketingDate: null,
          agency: null,
          paymentForm: null,
          contacts: [],
          baggage: [],
          passengers: [],
          segments: [],
          segment: s.index,
        };
        if (!b.recordLocator) log.warn(s.index, 'PNR_WITHOUT_LOCATOR', 'A reservation has no record locator.', 'RCI');
        break;
      case 'DAT':
        if (b) for (const e of s.elements) if (e[0] === '710') b.ticketingDate = ddmmyy(e[1] ?? '', e[2] ?? '');
        break;
      case 'ORG':
        if (b && el(s, 6)) b.agency = el(s, 6);
        break;
      case 'IFT':
        if (b && el(s, 0, 0) === '4') b.contacts.push({ type: el(s, 0, 1) === 'CTCE' ? 'email' : 'phone', value: el(s, 1).replace(/\/\//g, '@') });
        break;
      case 'TIF':
        if (!b) break;
        pax = {
          surname: el(s, 0, 0),
          givenNames: el(s, 1, 0),
          birthDate: null,
          sex: null,
          nationality: null,
          docType: null,
          docNumber: null,
          docCountry: null,
          docExpiry: null,
          crew: false,
          origin,
          destination,
        };
        b.passengers.push(pax);
        break;
      case 'SSR': {
        const code = el(s, 0, 0);
        if (SENSITIVE_SSR.has(code)) {
          sensitiveDropped++;
          break;
        }
        if (code === 'DOCS' && pax) docs(el(s, 0, 8), pax);
        break;
      }
      case 'EBD':
        if (b) b.baggage.push({ pieces: Number(el(s, 0, 3)) || 0, weightKg: Number(el(s, 2, 0)) || 0 });
        break;
      case 'FOP':
        if (b) b.paymentForm = el(s, 0, 0) || null;
        break;
    }
  }
  if (b) bookings.push(b);
  return { flight, origin, destination, bookings, sensitiveDropped };
}
