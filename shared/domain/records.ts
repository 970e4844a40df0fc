// One record as its view shows it: a shipment with its parties, containers and provenance; a container's
// track-and-trace timeline with what looks wrong on it; a party with its shipments and counterparties.

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
  /** Receipt, loading, transshipments, discharge, delivery, in the order the goods travel. */
  route: { role: 'receipt' | 'loading' | 'transshipment' | 'discharge' | 'delivery'; place: string }[];
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
