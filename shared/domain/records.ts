// One record as its view shows it: a shipment with its parties, containers and provenance; a container's
// track-and-trace timeline with what looks wrong on it; a party with its shipments and counterparties.

/** A booking's contacts and checked baggage, as PNR data gives them. */
export type BookingContact = { type: string; value: string };
export type BaggageItem = { pieces: number; weightKg: number };

export type PartyRef = { id: number; name: string; country: string | null; role: string };

export type ShipmentRecord = {
  id: number;
  mode: string;
  docType: string;
  docNumber: string;
  docValid: number | null;
  masterDocNumber: string | null;
  isHouse: boolean;
  version: number;
  versions: { id: number; version: number; source: string | null }[];
  goodsDescription: string | null;
  hsCodes: string[];
  packages: number | null;
  packageType: string | null;
  grossWeightKg: number | null;
  volumeM3: number | null;
  declaredValue: number | null;
  currency: string | null;
  freightTerms: string | null;
  /** Receipt, loading, transshipments, discharge, delivery, in the order the goods travel; each place with
   * its name and coordinates from the reference data (null for a country code or an unknown place). */
  route: {
    role: 'receipt' | 'loading' | 'transshipment' | 'discharge' | 'delivery';
    place: string;
    name: string | null;
    lat: number | null;
    lon: number | null;
  }[];
  departureDate: string | null;
  arrivalDate: string | null;
  conveyance: string | null;
  voyage: string | null;
  parties: PartyRef[];
  containers: { id: number; number: string; numberValid: boolean; sizeType: string | null; seals: string[] }[];
  source: { file: string | null; importId: number | null; line: number | null; ref: string | null };
};

/** What the timeline flags: a long gap, a transshipment no document announced, a very long or very
 * short dwell, a seal that changed. */
/** Thresholds of the timeline's flags (the core applies them; the views explain them). */
export const TIMELINE_RULES = { gapDays: 21, longDwellDays: 14, shortDwellHours: 2 };

export type TimelineFlag = 'gap' | 'unexpectedTransshipment' | 'longDwell' | 'shortDwell' | 'sealChanged';

export type ContainerRecord = {
  id: number;
  number: string;
  numberValid: boolean;
  sizeType: string | null;
  shipments: { id: number; docNumber: string; placeLoading: string | null; placeDischarge: string | null }[];
  events: { id: number; at: string; kind: string; place: string | null; conveyance: string | null; seal: string | null; flags: TimelineFlag[] }[];
};

export type PartyRecord = {
  id: number;
  name: string;
  address: string | null;
  city: string | null;
  postcode: string | null;
  country: string | null;
  roles: { role: string; count: number }[];
  firstSeen: string | null;
  lastSeen: string | null;
  lanes: { from: string | null; to: string | null; count: number }[];
  /** Shipments per month (YYYY-MM) of arrival. */
  volume: { month: string; count: number }[];
  counterparties: { id: number; name: string; country: string | null; role: string; count: number }[];
  sameAddress: { id: number; name: string; country: string | null }[];
  shipments: { id: number; docNumber: string; role: string; arrivalDate: string | null; placeLoading: string | null; placeDischarge: string | null }[];
};

/** A traveller as API and PNR data describe them. Flight numbers are written with their airline designator
 * (JU1234), as the messages carry them; times are as recorded (UTC). */
export type PassengerRecord = {
  id: number;
  surname: string;
  givenNames: string | null;
  birthDate: string | null;
  sex: string | null;
  nationality: string | null;
  crew: boolean;
  docType: string | null;
  docNumber: string | null;
  docCountry: string | null;
  docExpiry: string | null;
  /** The MRZ check digits: 1 hold, 0 do not, null not checked. */
  docValid: number | null;
  /** The flights the passenger list (API) puts them on, earliest first. */
  flights: {
    conveyanceId: number;
    carrierCode: string | null;
    flightNumber: string | null;
    flightDate: string | null;
    origin: string | null;
    destination: string | null;
  }[];
  /** The reservations (PNR) naming them, each with its itinerary in order. */
  bookings: {
    id: number;
    recordLocator: string;
    carrierCode: string | null;
    bookingDate: string | null;
    ticketingDate: string | null;
    agency: string | null;
    paymentForm: string | null;
    contacts: BookingContact[];
    baggage: BaggageItem[];
    segments: {
      seq: number;
      carrierCode: string | null;
      flightNumber: string | null;
      origin: string;
      destination: string;
      departureAt: string | null;
      arrivalAt: string | null;
    }[];
  }[];
  /** The other travellers on the same reservations, with the locators they share. */
  coTravellers: { id: number; surname: string; givenNames: string | null; birthDate: string | null; nationality: string | null; recordLocators: string[] }[];
  /** Other passenger records with the same document number: the same person on another trip, a duplicate, or an alias.
   * `sameIdentity`: same normalised name and birth date. */
  sameDocument: {
    id: number;
    surname: string;
    givenNames: string | null;
    birthDate: string | null;
    nationality: string | null;
    docCountry: string | null;
    flight: string | null;
    sameIdentity: boolean;
  }[];
  source: { file: string | null; importId: number | null; line: number | null; ref: string | null };
};

/** A flight as travellers read it (JU1234): the messages mostly carry the number with its airline's
 * designator already in front; where one does not, the designator is put there. */
export function flightDesignator(carrierCode: string | null, flightNumber: string | null): string | null {
  if (!flightNumber) return carrierCode || null;
  return carrierCode && !flightNumber.startsWith(carrierCode) ? `${carrierCode}${flightNumber}` : flightNumber;
}
