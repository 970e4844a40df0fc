// What the generator emits. These records carry only what a real document would; the scheme a record
// belongs to, and a party's real identity, go to the answer key and nowhere else.

export type PartyRole = 'shipper' | 'consignee' | 'notify' | 'forwarder' | 'carrier' | 'agent';

export type GenParty = {
  key: string;
  kind: 'company' | 'person';
  name: string;
  address: string;
  city: string;
  postcode: string;
  country: string;
  phones: string[];
  emails: string[];
  identifiers: Record<string, string>;
};

export type GenConveyance =
  | { key: string; mode: 'sea'; imo: string; vesselName: string; flag: string; carrierCode: string }
  | { key: string; mode: 'air'; carrierCode: string; flightNumber: string; flightDate: string; origin: string; destination: string }
  | { key: string; mode: 'road'; plates: string; carrierCode: string };

export type EventKind = 'gate_out_empty' | 'gate_in_full' | 'loaded' | 'discharged' | 'transshipped' | 'gate_out_full' | 'gate_in_empty' | 'status';

export type GenEvent = {
  kind: EventKind;
  at: string;
  place: string;
  seal: string | null;
  fullEmpty: 'F' | 'E';
  conveyanceKey: string | null;
  voyage: string | null;
};

export type GenContainer = { number: string; sizeType: string; seals: string[]; events: GenEvent[]; tareKg: number };

export type GenShipment = {
  mode: 'sea' | 'air' | 'road';
  docType: 'BL' | 'AWB' | 'CMR';
  docNumber: string;
  masterDocNumber: string | null;
  isHouse: boolean;
  goodsDescription: string;
  hsCodes: string[];
  packages: number;
  packageType: string;
  grossWeightKg: number;
  volumeM3: number;
  declaredValue: number;
  currency: string;
  freightTerms: 'PREPAID' | 'COLLECT';
  placeReceipt: string;
  placeLoading: string;
  placesTransshipment: string[];
  placeDischarge: string;
  placeDelivery: string;
  bookingDate: string;
  departureDate: string;
  arrivalDate: string;
  conveyanceKey: string;
  voyage: string;
  parties: { role: PartyRole; partyKey: string }[];
  containers: GenContainer[];
};

/** One arrival: a vessel call, a cargo flight or a truck crossing, with the shipments it carries. */
export type GenMovement = { conveyance: GenConveyance; arrivalAt: string; place: string; shipments: GenShipment[] };

export type GenPassenger = {
  key: string;
  surname: string;
  givenNames: string;
  birthDate: string;
  sex: 'M' | 'F';
  nationality: string;
  docType: 'P' | 'I';
  docNumber: string;
  docCountry: string;
  docExpiry: string;
  mrz: string;
};

export type GenSegment = { carrierCode: string; flightNumber: string; origin: string; destination: string; departureAt: string; arrivalAt: string };

export type GenBooking = {
  recordLocator: string;
  carrierCode: string;
  bookingDate: string;
  ticketingDate: string;
  agency: string;
  paymentForm: 'CC' | 'CA' | 'MS' | 'IN';
  contacts: { type: 'phone' | 'email'; value: string }[];
  baggage: { pieces: number; weightKg: number }[];
  passengers: GenPassenger[];
  segments: GenSegment[];
};

/** One passenger flight arriving in the region, with its API (passengers) and PNR (bookings) data. */
export type GenFlight = { conveyance: GenConveyance & { mode: 'air' }; departureAt: string; arrivalAt: string; bookings: GenBooking[] };

export type ScenarioParams = {
  seed: number;
  shipments: number;
  passengers: number;
  schemes: SchemeName[];
  rate: number;
  /** First arrival day, YYYY-MM-DD. */
  start: string;
  days: number;
  /** Share of shipments by mode; defaults to sea 0.7, air 0.2, road 0.1. */
  modes?: { sea: number; air: number; road: number };
  /** Regional arrival places to use; defaults to all of the region's. */
  seaports?: string[];
  airports?: string[];
};

export const SCHEMES = [
  'cocaine_reefer',
  'rip_on_rip_off',
  'precursors',
  'counterfeit_medicines',
  'cigarettes_underdeclared',
  'front_company',
  'air_couriers',
] as const;
export type SchemeName = (typeof SCHEMES)[number];

export type AnswerRecord =
  | { kind: 'shipment'; docNumber: string; containers: string[] }
  | { kind: 'passenger'; docNumber: string; recordLocator: string; flight: string }
  | { kind: 'party'; key: string; name: string };

export type AnswerKey = {
  seed: number;
  params: ScenarioParams;
  schemes: Record<SchemeName, { description: string; indicators: string[]; records: AnswerRecord[] }>;
  parties: { truthId: string; canonicalName: string; variants: { key: string; name: string; variant: string }[] }[];
};

export type ScenarioItem =
  | { type: 'party'; party: GenParty }
  | { type: 'conveyance'; conveyance: GenConveyance }
  | { type: 'movement'; movement: GenMovement }
  | { type: 'flight'; flight: GenFlight };
