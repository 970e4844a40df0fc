// Targeting (issue 6): the rule language, profiles, lanes, hits and their explanations, review decisions
// and inspection outcomes. Shared by the engine (main) and the screens (renderer).
import { z } from 'zod';

export const LANES = ['red', 'yellow', 'blue', 'green'] as const;
export type Lane = (typeof LANES)[number];
/** What a lane means at the border. */
export const LANE_MEANING: Record<Lane, string> = {
  red: 'physical examination',
  yellow: 'documentary check',
  blue: 'post-clearance audit',
  green: 'release',
};

export const TARGET_ENTITIES = ['shipment', 'passenger'] as const;
export type TargetEntity = (typeof TARGET_ENTITIES)[number];
export const PROFILE_MODES = ['sea', 'air', 'road', 'passengers'] as const;
export type ProfileMode = (typeof PROFILE_MODES)[number];

// ---------------------------------------------------------------------------------------------------
// Fields: what a rule can test. Every record scored is read into a flat set of facts (targeting/facts.ts).

export type FieldType = 'text' | 'number' | 'date' | 'list' | 'flag';
export type FieldDef = { id: string; type: FieldType; entity: TargetEntity; doc: string };

const S = (id: string, type: FieldType, doc: string): FieldDef => ({ id, type, entity: 'shipment', doc });
const P = (id: string, type: FieldType, doc: string): FieldDef => ({ id, type, entity: 'passenger', doc });

export const FIELDS: readonly FieldDef[] = [
  S('mode', 'text', 'sea, air or road'),
  S('docType', 'text', 'BL, AWB, CMR or OTHER'),
  S('docNumber', 'text', 'bill of lading, air waybill or CMR number'),
  S('docValid', 'flag', 'the document number passes its check digit (air waybills)'),
  S('goods', 'text', 'goods description, normalised (lower case, no punctuation)'),
  S('hs', 'list', 'HS codes as declared'),
  S('hs4', 'list', 'HS headings (first four digits)'),
  S('packages', 'number', 'number of packages'),
  S('grossWeightKg', 'number', 'gross weight in kg'),
  S('kgPerPackage', 'number', 'gross weight per package'),
  S('value', 'number', 'declared value'),
  S('currency', 'text', 'currency of the declared value'),
  S('valuePerKg', 'number', 'declared value per kg'),
  S('freightTerms', 'text', 'freight terms as declared (PP prepaid, CC collect, CASH…)'),
  S('placeReceipt', 'text', 'place of receipt (UN/LOCODE)'),
  S('placeLoading', 'text', 'port or airport of loading'),
  S('placeDischarge', 'text', 'port or airport of discharge'),
  S('placeDelivery', 'text', 'place of final delivery'),
  S('transshipments', 'list', 'places of transshipment'),
  S('route', 'list', 'every place from receipt to delivery'),
  S('originCountry', 'text', 'country of receipt, else of loading'),
  S('routeCountries', 'list', 'countries of every place on the route'),
  S('arrivalDate', 'date', 'arrival date'),
  S('bookingLeadDays', 'number', 'days from booking to departure'),
  S('shipper.name', 'text', 'shipper name, normalised'),
  S('shipper.country', 'text', 'shipper country'),
  S('shipper.ageDays', 'number', 'days since the shipper was first seen in this workspace'),
  S('consignee.name', 'text', 'consignee name, normalised'),
  S('consignee.country', 'text', 'consignee country'),
  S('consignee.address', 'text', 'consignee address, normalised'),
  S('consignee.emails', 'list', 'consignee e-mail addresses'),
  S('consignee.ageDays', 'number', 'days since the consignee was first seen in this workspace'),
  S('consignee.shipments', 'number', 'shipments to this consignee in the workspace'),
  S('notify.name', 'text', 'notify party name, normalised'),
  S('forwarder.name', 'text', 'freight forwarder name, normalised'),
  S('pair.shipments', 'number', 'shipments between this shipper and this consignee in the workspace'),
  S('containers', 'list', 'container numbers'),
  S('containerTypes', 'list', 'ISO size/type codes of the containers'),
  S('containerCount', 'number', 'number of containers'),
  S('vessel.imo', 'text', 'IMO number of the vessel'),
  S('vessel.name', 'text', 'vessel name'),
  S('vessel.flag', 'text', 'flag state of the vessel'),
  S('hubDwellHours', 'list', 'hours each container spent at a transshipment place (from its events)'),
  P('surname', 'text', 'surname, normalised'),
  P('name', 'text', 'full name, normalised'),
  P('nationality', 'text', 'nationality'),
  P('birthDate', 'date', 'date of birth'),
  P('age', 'number', 'age in years at travel'),
  P('docNumber', 'text', 'travel document number'),
  P('docValid', 'flag', 'the document passes its MRZ check digits'),
  P('crew', 'flag', 'crew member'),
  P('origin', 'text', 'airport of departure (IATA)'),
  P('destination', 'text', 'airport of arrival (IATA)'),
  P('itinerary', 'list', 'every airport on the booking'),
  P('itineraryCountries', 'list', 'countries of every airport on the booking'),
  P('paymentForm', 'text', 'form of payment (CA cash, CC card, MS miscellaneous…)'),
  P('bookingLeadHours', 'number', 'hours from booking to departure'),
  P('stayDays', 'number', 'days between arrival and the return flight (none for one-way)'),
  P('bags', 'number', 'checked bags'),
  P('tripHours', 'number', 'hours from first departure to last arrival'),
  P('companions', 'number', 'other travellers on the same booking'),
  P('agency', 'text', 'travel agency'),
  P('emails', 'list', 'booking contact e-mail addresses'),
  P('phones', 'list', 'booking contact phone numbers'),
];

// ---------------------------------------------------------------------------------------------------
// Indicators: derived yes/no facts, each documented, usable in rules as `indicator NAME`.

export type IndicatorDef = { id: string; entity: TargetEntity; label: string; doc: string };
const I = (id: string, entity: TargetEntity, label: string, doc: string): IndicatorDef => ({ id, entity, label, doc });

export const INDICATORS: readonly IndicatorDef[] = [
  I(
    'first_pair',
    'shipment',
    'First shipment between this shipper and consignee',
    'No earlier shipment in the workspace names both this shipper and this consignee.',
  ),
  I('new_consignee', 'shipment', 'Consignee first seen within 30 days', 'The consignee’s first shipment in the workspace is at most 30 days before this one.'),
  I('new_shipper', 'shipment', 'Shipper first seen within 30 days', 'The shipper’s first shipment in the workspace is at most 30 days before this one.'),
  I('risk_origin', 'shipment', 'Origin in a high-risk country', 'The place of receipt or loading is in a country of the "High-risk origins" list.'),
  I('risk_hub', 'shipment', 'Through a high-risk transshipment hub', 'A place of transshipment is on the "High-risk hubs" list.'),
  I(
    'vague_goods',
    'shipment',
    'Vague goods description',
    'The description is one of the vague terms listed in "Vague goods terms", or shorter than 3 letters.',
  ),
  I(
    'hs_mismatch',
    'shipment',
    'HS code does not fit the description',
    'The description names a commodity (list "Commodity HS chapters") and no declared HS code is in its chapters.',
  ),
  I(
    'weight_band',
    'shipment',
    'Weight per package outside its band',
    'Weight per package is under a quarter or over four times the median for its HS heading in this workspace (headings with 30 or more shipments).',
  ),
  I(
    'value_band',
    'shipment',
    'Declared value per kg outside its band',
    'Value per kg is under a quarter or over four times the median for its HS heading in this workspace (headings with 30 or more shipments).',
  ),
  I('cash_prepaid', 'shipment', 'Freight prepaid in cash', 'The freight terms say the freight was paid in cash.'),
  I(
    'forwarder_consignee',
    'shipment',
    'Forwarder as consignee',
    'The consignee acts as freight forwarder on other shipments, or its name is that of a forwarding or logistics firm.',
  ),
  I(
    'forwarder_address',
    'shipment',
    'Consignee at a forwarder’s address',
    'The consignee’s address is the address of a party that acts as freight forwarder (and is not that forwarder).',
  ),
  I('freemail_consignee', 'shipment', 'Consignee uses a free-mail address', 'The consignee’s e-mail is at a domain on the "Free-mail domains" list.'),
  I(
    'recently_registered',
    'shipment',
    'Consignee registered shortly before',
    'The consignee’s company registration date is at most 90 days before this shipment.',
  ),
  I('invalid_container', 'shipment', 'Invalid container number', 'A container number fails its ISO 6346 check digit.'),
  I('invalid_imo', 'shipment', 'Invalid IMO number', 'The vessel’s IMO number fails its check digit.'),
  I('invalid_awb', 'shipment', 'Invalid air waybill number', 'The air waybill number fails its check digit (serial mod 7).'),
  I('seal_changed', 'shipment', 'Seal changed between events', 'A container’s seal number differs between two of its events, or from the seal declared.'),
  I('unusual_dwell', 'shipment', 'Unusual dwell at a hub', 'A container stayed under 24 hours or over 14 days at a transshipment place.'),
  I('short_notice_booking', 'shipment', 'Short-notice booking', 'The booking was made two days or less before departure.'),
  I('one_way', 'passenger', 'One-way ticket', 'The booking has no flight back to the first departure airport.'),
  I('cash_payment', 'passenger', 'Paid in cash', 'The form of payment is cash.'),
  I('late_booking', 'passenger', 'Booked within 48 hours of departure', 'The booking was made at most 48 hours before the first departure.'),
  I('source_itinerary', 'passenger', 'Itinerary through a source country', 'An airport on the booking is in a country of the "Source countries" list.'),
  I('short_stay', 'passenger', 'Short stay', 'The return flight leaves at most 3 days after arrival.'),
  I('no_bags_long_trip', 'passenger', 'No checked bags on a long trip', 'No checked bags on a trip of 6 hours or more, or with a stay of 5 days or more.'),
  I(
    'companions_linked',
    'passenger',
    'Companions linked by booking or contact',
    'Another traveller is on the same booking, or another booking gives the same phone or e-mail.',
  ),
];
export const INDICATOR_IDS = new Set(INDICATORS.map((i) => i.id));

// ---------------------------------------------------------------------------------------------------
// Conditions: the rule language. The visual builder edits this tree; the text form is its other face.

export const COMPARISONS = ['equals', 'in', 'contains', 'pattern', 'range', 'within', 'missing'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { indicator: string }
  | { watchlist: string; field: string }
  | { field: string; op: 'equals'; value: string | number | boolean }
  | { field: string; op: 'in'; values: (string | number)[] }
  | { field: string; op: 'in'; list: string }
  | { field: string; op: 'contains'; value: string }
  | { field: string; op: 'pattern'; value: string }
  | { field: string; op: 'range'; min: number | null; max: number | null }
  | { field: string; op: 'within'; from: string | null; to: string | null }
  | { field: string; op: 'missing' };

const scalar = z.union([z.string().max(500), z.number().finite(), z.boolean()]);
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ConditionSchema).min(1).max(100) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1).max(100) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
    z.object({ indicator: z.string().min(1).max(60) }).strict(),
    z.object({ watchlist: z.string().min(1).max(100), field: z.string().min(1).max(60) }).strict(),
    z.object({ field: z.string().min(1).max(60), op: z.literal('equals'), value: scalar }).strict(),
    z
      .object({
        field: z.string().min(1).max(60),
        op: z.literal('in'),
        values: z
          .array(z.union([z.string().max(500), z.number().finite()]))
          .min(1)
          .max(10_000),
      })
      .strict(),
    z.object({ field: z.string().min(1).max(60), op: z.literal('in'), list: z.string().min(1).max(100) }).strict(),
    z.object({ field: z.string().min(1).max(60), op: z.literal('contains'), value: z.string().min(1).max(500) }).strict(),
    z.object({ field: z.string().min(1).max(60), op: z.literal('pattern'), value: z.string().min(1).max(500) }).strict(),
    z.object({ field: z.string().min(1).max(60), op: z.literal('range'), min: z.number().finite().nullable(), max: z.number().finite().nullable() }).strict(),
    z.object({ field: z.string().min(1).max(60), op: z.literal('within'), from: z.string().max(30).nullable(), to: z.string().max(30).nullable() }).strict(),
    z.object({ field: z.string().min(1).max(60), op: z.literal('missing') }).strict(),
  ]),
);

export const RuleSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).default(''),
    weight: z.number().int().min(-1000).max(1000),
    condition: ConditionSchema,
  })
  .strict();
export type Rule = z.infer<typeof RuleSchema>;

export const ProfileDraftSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(4000).default(''),
    owner: z.string().trim().min(1).max(200),
    modes: z.array(z.enum(PROFILE_MODES)).min(1),
    validFrom: z.string().date().nullable(),
    validTo: z.string().date().nullable(),
    enabled: z.boolean(),
    rules: z.array(RuleSchema).max(500),
  })
  .strict();
export type ProfileDraft = z.infer<typeof ProfileDraftSchema>;

export type Profile = ProfileDraft & { id: number; version: number; updatedAt: string; updatedBy: string };
/** A saved profile as a draft to edit. */
export function draftOf(p: Profile): ProfileDraft {
  const { name, description, owner, modes, validFrom, validTo, enabled, rules } = p;
  return { name, description, owner, modes, validFrom, validTo, enabled, rules };
}
export type ProfileChange = { version: number; at: string; by: string; summary: string };

export type ReferenceList = { name: string; description: string; items: string[]; updatedAt: string; updatedBy: string };
export const WATCHLIST_KINDS = ['party', 'address', 'phone', 'email', 'container', 'vessel', 'document'] as const;
export type WatchlistKind = (typeof WATCHLIST_KINDS)[number];
export type Watchlist = { id: number; name: string; kind: WatchlistKind; threshold: number; description: string; entries: number };
export type WatchlistEntry = { id: number; value: string; note: string; addedBy: string; addedAt: string };

/** Lane thresholds and random selection, per office (place of discharge; '*' for every other). */
export const LaneControlSchema = z
  .object({
    office: z.string().trim().min(1).max(10),
    red: z.number().min(1).max(100_000),
    yellow: z.number().min(1).max(100_000),
    blue: z.number().min(1).max(100_000),
    /** Share of green records sent to documentary check at random (0–1). */
    randomRate: z.number().min(0).max(1),
    /** The share of records each lane is expected to take, for the statistics (0–1). */
    expected: z.object({ red: z.number().min(0).max(1), yellow: z.number().min(0).max(1), blue: z.number().min(0).max(1) }).strict(),
  })
  .strict()
  .refine((c) => c.red > c.yellow && c.yellow > c.blue, { message: 'Thresholds must fall from red to yellow to blue.' });
export type LaneControl = z.infer<typeof LaneControlSchema>;

export function laneOf(score: number, c: Pick<LaneControl, 'red' | 'yellow' | 'blue'>): Lane {
  return score >= c.red ? 'red' : score >= c.yellow ? 'yellow' : score >= c.blue ? 'blue' : 'green';
}

// ---------------------------------------------------------------------------------------------------
// Hits, their explanation, decisions and outcomes.

export type RuleHit = {
  profile: string;
  profileId: number;
  version: number;
  rule: string;
  weight: number;
  /** The facts the rule looked at, with their values for this record. */
  values: { field: string; value: unknown }[];
  /** Watchlist matches behind the rule: entry, how close, why. */
  watchlist?: { list: string; entry: string; value: string; score: number; detail: string }[];
};
export type Explanation = { rules: RuleHit[]; random: boolean };

export const DECISIONS = ['inspect', 'documents', 'dismiss'] as const;
export type Decision = (typeof DECISIONS)[number];
export const OUTCOMES = ['negative', 'positive'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type HitSummary = {
  id: number;
  entity: TargetEntity;
  entityId: number;
  label: string;
  score: number;
  lane: Lane;
  random: boolean;
  scoredAt: string;
  status: 'open' | 'decided';
  decision: Decision | null;
  outcome: Outcome | null;
  rules: string[];
};
export type Hit = HitSummary & {
  explanation: Explanation;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  seizures: Seizure[];
};

export const CONCEALMENT = [
  'none',
  'in_goods',
  'rip_on_rip_off',
  'container_structure',
  'reefer_unit',
  'false_declaration',
  'luggage',
  'body',
  'clothing',
  'vehicle',
  'other',
] as const;
export const DETECTION = ['risk_profile', 'random', 'intelligence', 'x_ray', 'dog', 'physical', 'documentary', 'other'] as const;
export const COMMODITY_CATEGORIES = ['drugs', 'precursors', 'tobacco', 'medicines', 'weapons', 'wildlife', 'ipr', 'cash', 'other'] as const;

export const SeizureInputSchema = z
  .object({
    category: z.enum(COMMODITY_CATEGORIES),
    commodity: z.string().trim().min(1).max(200),
    quantity: z.number().positive().finite(),
    unit: z.enum(['kg', 'g', 'l', 'pieces', 'sticks', 'packs', 'doses']),
    concealment: z.enum(CONCEALMENT),
    detection: z.enum(DETECTION),
    place: z.string().max(100).default(''),
    date: z.string().date(),
    notes: z.string().max(4000).default(''),
  })
  .strict();
export type SeizureInput = z.infer<typeof SeizureInputSchema>;
export type Seizure = SeizureInput & {
  id: number;
  hitId: number | null;
  entity: TargetEntity;
  entityId: number;
  /** The record as it was named when the seizure was recorded (it stays if the record is removed). */
  entityLabel: string;
  createdBy: string;
  createdAt: string;
};

export type ScoreResult = { scored: number; hits: number; lanes: Record<Lane, number>; ms: number };
export type RuleStats = { profile: string; rule: string; fired: number; selected: number; positive: number; seizures: number; hitRate: number | null };
export type ProfileStats = {
  profile: string;
  profileId: number;
  hits: number;
  selected: number;
  positive: number;
  seizures: number;
  hitRate: number | null;
  rules: RuleStats[];
};

export type BacktestResult = {
  profile: string;
  version: number | 'draft';
  from: string;
  to: string;
  records: number;
  selected: number;
  selectionRate: number;
  /** Records in the period with a known outcome (positive: a seizure or a positive inspection). */
  known: number;
  positives: number;
  truePositives: number;
  precision: number | null;
  recall: number | null;
  /** Precision over the positives' share among records with a known outcome (what random selection would give). */
  lift: number | null;
  lanes: Record<Lane, number>;
  rules: { rule: string; fired: number; truePositives: number }[];
  ms: number;
};
