// What a new workspace starts with: reference lists the indicators read, an empty watchlist of each main
// kind, lane controls, and profiles built on the indicators. All of it is the unit's to change.
import type { LaneControl, ProfileDraft } from '../../../shared/domain/targeting.ts';

export const DEFAULT_LISTS: { name: string; description: string; items: string[] }[] = [
  {
    name: 'High-risk origins',
    description: 'Countries (ISO codes) or places (UN/LOCODE) of origin that count as high-risk for drugs.',
    items: ['EC', 'CO', 'PE', 'BO', 'VE', 'PY', 'BR', 'GY', 'SR'],
  },
  {
    name: 'High-risk hubs',
    description: 'Transshipment ports (UN/LOCODE) through which cocaine is known to be routed.',
    items: ['PAONX', 'PAMIT', 'PABLB', 'DOCAU', 'JMKIN', 'ESALG', 'MAPTM', 'ITGIT'],
  },
  {
    name: 'Precursor source countries',
    description: 'Countries where drug precursor chemicals are diverted from legitimate trade.',
    items: ['CN', 'IN'],
  },
  {
    name: 'Precursor HS headings',
    description: 'HS headings of the chemicals most used to make drugs (ketones, acids, heterocyclics, solvents).',
    items: ['2914', '2915', '2932', '2939', '3814'],
  },
  {
    name: 'Source countries',
    description: 'Countries (ISO codes) whose airports count as drug source or departure points for couriers.',
    items: ['BR', 'CO', 'PE', 'EC', 'BO', 'VE'],
  },
  {
    name: 'Vague goods terms',
    description: 'Goods descriptions that say nothing of what is inside (matched as the whole description, or its start or end).',
    items: [
      'general cargo',
      'goods',
      'various goods',
      'mixed goods',
      'chemical products',
      'chemicals',
      'chemicals n o s',
      'industrial raw material',
      'raw material',
      'organic compound',
      'solvent',
      'spare parts',
      'parts',
      'accessories',
      'samples',
      'personal effects',
      'consolidated cargo',
      'freight of all kinds',
      'fak',
      'stc',
      'said to contain',
    ],
  },
  {
    name: 'Commodity HS chapters',
    description: 'A word in the goods description and the HS chapters or headings it belongs under, as "word: 08, 0803".',
    items: [
      'banana: 08',
      'avocado: 08',
      'orange: 08',
      'pineapple: 08',
      'shrimp: 03',
      'fish: 03, 16',
      'coffee: 09',
      'cigarette: 24',
      'tobacco: 24',
      'medicine: 30',
      'pharmaceutical: 30',
      'tablets: 30',
      'jeans: 62',
      'laptop: 8471',
      'refrigerator: 8418',
      'tyres: 4011',
      'steel: 72, 73',
    ],
  },
  {
    name: 'Forwarder name words',
    description: 'Words in a company name that mark a forwarding or logistics firm.',
    items: ['logistics', 'logistika', 'forwarding', 'spedicija', 'spedition', 'freight', 'cargo', 'shipping', 'transport'],
  },
  {
    name: 'Free-mail domains',
    description: 'E-mail domains anyone can register on; a company trading under one is worth a look.',
    items: ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'live.com', 'aol.com', 'mail.ru', 'yandex.ru', 'gmx.de', 'protonmail.com'],
  },
];

export const DEFAULT_WATCHLISTS: { name: string; kind: string; threshold: number; description: string }[] = [
  { name: 'Companies of interest', kind: 'party', threshold: 0.9, description: 'Companies named in seizures, intelligence or partner warnings.' },
  { name: 'Containers of interest', kind: 'container', threshold: 1, description: 'Container numbers from warnings and earlier seizures.' },
  { name: 'Phones of interest', kind: 'phone', threshold: 1, description: 'Phone numbers linked to earlier cases.' },
  { name: 'Travel documents of interest', kind: 'document', threshold: 1, description: 'Passports and identity cards from alerts.' },
];

export const DEFAULT_CONTROL: LaneControl = {
  office: '*',
  red: 60,
  yellow: 45,
  blue: 25,
  randomRate: 0.01,
  expected: { red: 0.02, yellow: 0.03, blue: 0.05 },
};

const rule = (name: string, weight: number, condition: ProfileDraft['rules'][number]['condition'], description = '') => ({
  name,
  weight,
  condition,
  description,
});

export const DEFAULT_PROFILES: ProfileDraft[] = [
  {
    name: 'Sea cargo: cocaine',
    description: 'Cocaine by sea: South American origins, high-risk hubs, reefers of fruit and seafood, rip-on/rip-off signs, little-known consignees.',
    owner: 'Portcullis defaults',
    modes: ['sea'],
    validFrom: null,
    validTo: null,
    enabled: true,
    rules: [
      rule('High-risk origin through a high-risk hub', 20, { all: [{ indicator: 'risk_origin' }, { indicator: 'risk_hub' }] }),
      rule('Reefer of fruit or seafood from a high-risk origin', 15, {
        all: [
          { indicator: 'risk_origin' },
          { field: 'containerTypes', op: 'pattern', value: '^..R' },
          { field: 'hs4', op: 'in', values: ['0803', '0804', '0805', '0306'] },
        ],
      }),
      rule('Seal changed between events', 45, { indicator: 'seal_changed' }),
      rule('Unusual dwell at a hub', 15, { indicator: 'unusual_dwell' }),
      rule('Little-known consignee', 15, { field: 'consignee.shipments', op: 'range', min: null, max: 3 }),
    ],
  },
  {
    name: 'Cargo: precursors, tobacco and front companies',
    description: 'Precursors under vague descriptions, under-declared tobacco, front companies at forwarders’ addresses, invalid identifiers.',
    owner: 'Portcullis defaults',
    modes: ['sea', 'road', 'air'],
    validFrom: null,
    validTo: null,
    enabled: true,
    rules: [
      rule('Precursor heading', 20, { field: 'hs4', op: 'in', list: 'Precursor HS headings' }),
      rule('Precursor heading under a vague description', 35, {
        all: [{ field: 'hs4', op: 'in', list: 'Precursor HS headings' }, { indicator: 'vague_goods' }],
      }),
      rule('Precursor heading from a source country', 10, {
        all: [
          { field: 'hs4', op: 'in', list: 'Precursor HS headings' },
          { field: 'originCountry', op: 'in', list: 'Precursor source countries' },
        ],
      }),
      rule('Vague goods description', 10, { indicator: 'vague_goods' }),
      rule('HS code does not fit the description', 15, { indicator: 'hs_mismatch' }),
      rule('Tobacco light for its packages', 45, { all: [{ field: 'hs4', op: 'in', values: ['2402', '2403'] }, { indicator: 'weight_band' }] }),
      rule('Weight per package outside its band', 10, { indicator: 'weight_band' }),
      rule('Consignee at a forwarder’s address', 30, { indicator: 'forwarder_address' }),
      rule('Consignee registered shortly before', 20, { indicator: 'recently_registered' }),
      rule('Consignee on free-mail', 5, { indicator: 'freemail_consignee' }),
      rule('Forwarder as consignee', 5, { indicator: 'forwarder_consignee' }),
      rule('Invalid container number', 20, { indicator: 'invalid_container' }),
      rule('Invalid IMO number', 20, { indicator: 'invalid_imo' }),
      rule('Invalid air waybill number', 20, { indicator: 'invalid_awb' }),
      rule('Listed company', 60, {
        any: [
          { watchlist: 'Companies of interest', field: 'consignee.name' },
          { watchlist: 'Companies of interest', field: 'shipper.name' },
          { watchlist: 'Companies of interest', field: 'notify.name' },
        ],
      }),
      rule('Listed container', 60, { watchlist: 'Containers of interest', field: 'containers' }),
    ],
  },
  {
    name: 'Air cargo: medicines',
    description: 'Counterfeit medicines by air: medicines from source countries, declared cheap, to consignees new to the trade.',
    owner: 'Portcullis defaults',
    modes: ['air'],
    validFrom: null,
    validTo: null,
    enabled: true,
    rules: [
      rule('Medicines from a source country', 25, {
        all: [
          { field: 'hs4', op: 'in', values: ['3003', '3004'] },
          { field: 'originCountry', op: 'in', list: 'Precursor source countries' },
        ],
      }),
      rule('Declared value per kg outside its band', 20, { indicator: 'value_band' }),
      rule('Little-known consignee', 15, { field: 'consignee.shipments', op: 'range', min: null, max: 3 }),
    ],
  },
  {
    name: 'Passengers: couriers',
    description: 'Drug couriers: cash, booked hours before departure, through a source country, one-way or short stays, linked companions.',
    owner: 'Portcullis defaults',
    modes: ['passengers'],
    validFrom: null,
    validTo: null,
    enabled: true,
    rules: [
      rule('Paid in cash', 20, { indicator: 'cash_payment' }),
      rule('Booked within 48 hours', 20, { indicator: 'late_booking' }),
      rule('Itinerary through a source country', 25, { indicator: 'source_itinerary' }),
      rule('One-way ticket', 10, { indicator: 'one_way' }),
      rule('Short stay', 10, { indicator: 'short_stay' }),
      rule('No checked bags on a long trip', 10, { indicator: 'no_bags_long_trip' }),
      rule('Companions linked by booking or contact', 5, { indicator: 'companions_linked' }),
      rule('Listed travel document', 60, { watchlist: 'Travel documents of interest', field: 'docNumber' }),
      rule('Listed phone', 40, { watchlist: 'Phones of interest', field: 'phones' }),
    ],
  },
];
