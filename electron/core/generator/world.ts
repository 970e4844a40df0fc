// The fixed cast of a scenario, built once from the seed: companies (with the several ways some of them
// get written), forwarders, vessels with valid IMO numbers, airlines' flights, trucks. Sized to the
// scenario, bounded whatever its size.
import type { GenParty } from './model.ts';
import { address, companyName, email, LOCALES, nameVariant, personName, phone, renderCompany, type CompanyName, type VariantKind } from './names.ts';
import { reference, type SeaCarrier } from './reference.ts';
import type { Rng } from './rng.ts';

export type Vessel = { key: string; imo: string; name: string; flag: string; carrier: SeaCarrier };
export type Truck = { key: string; plates: string; country: string; haulierKey: string };

/** A real-world party and the written forms it appears under. */
export type PartyTruth = { truthId: string; canonical: GenParty; forms: GenParty[]; variantKinds: string[] };

export type World = {
  parties: GenParty[];
  truths: PartyTruth[];
  consigneesByCountry: Map<string, PartyTruth[]>;
  shippersByCountry: Map<string, PartyTruth[]>;
  regionForwarders: PartyTruth[];
  foreignForwarders: PartyTruth[];
  hauliers: PartyTruth[];
  vessels: Vessel[];
  vesselsByCarrier: Map<string, Vessel[]>;
  trucks: Truck[];
  /** Companies set up for the front-company scheme: registered shortly before their first shipment. */
  frontCompanies: PartyTruth[];
  /** Importers that appear for the first time in this period (the counterfeit-medicines scheme). */
  newcomers: PartyTruth[];
};

const REGION = ['ME', 'AL', 'BA', 'RS', 'MK', 'XK', 'HR', 'SI'];
const FLAGS = ['PA', 'LR', 'MT', 'MH', 'PT', 'SG', 'CY', 'GR', 'DE'];
const VESSEL_WORDS = [
  'ADRIANA',
  'AURORA',
  'BEATRICE',
  'CORNELIA',
  'DANIELA',
  'ELENA',
  'FLAVIA',
  'GIOVANNA',
  'HELENA',
  'ISABELLA',
  'LORENA',
  'MARTINA',
  'NOVA',
  'OLYMPIA',
  'PALOMA',
  'ROSA',
  'SIRIUS',
  'TERESA',
  'VALERIA',
  'VICTORIA',
  'HORIZON',
  'PIONEER',
  'TRADER',
  'SPIRIT',
  'PRIDE',
  'STAR',
  'BRIDGE',
  'GLORY',
];

/** IMO number: 9 + 5 random digits + check digit. */
export function imoNumber(rng: Rng): string {
  const six = '9' + rng.digits(5);
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(six[i]) * (7 - i);
  return six + (sum % 10);
}

function taxId(rng: Rng, country: string): Record<string, string> {
  switch (country) {
    case 'BA':
      return { taxId: `4${rng.digits(12)}` };
    case 'RS':
      return { taxId: `1${rng.digits(8)}` };
    case 'ME':
      return { taxId: `0${rng.digits(7)}` };
    case 'MK':
      return { taxId: `MK40${rng.digits(9)}` };
    case 'AL':
    case 'XK':
      return { taxId: `${rng.letters(1)}${rng.digits(8)}${rng.letters(1)}` };
    case 'DE':
    case 'NL':
    case 'BE':
    case 'ES':
    case 'IT':
    case 'GR':
    case 'HR':
    case 'SI':
      return { eori: `${country}${rng.digits(12)}` };
    case 'CN':
      return { taxId: `91${rng.digits(6)}${rng.letters(10, '0123456789ABCDEFGHJKLMNPQRTUWXY')}` };
    default:
      return {};
  }
}

type Builder = { rng: Rng; parties: GenParty[]; truths: PartyTruth[] };

function company(b: Builder, country: string, variantShare: number): PartyTruth {
  const { rng } = b;
  const n: CompanyName = companyName(rng, country);
  const addr = address(rng, country);
  const truthId = `T${b.truths.length + 1}`;
  const canonical: GenParty = {
    key: `P${b.parties.length + 1}`,
    kind: 'company',
    name: renderCompany(n),
    address: addr.street,
    city: addr.city,
    postcode: addr.postcode,
    country,
    phones: [phone(rng, country)],
    emails: [email(rng, `${n.stem}${n.trade}`, country)],
    identifiers: taxId(rng, country),
  };
  b.parties.push(canonical);
  const truth: PartyTruth = { truthId, canonical, forms: [canonical], variantKinds: ['canonical'] };
  if (rng.chance(variantShare)) {
    const kinds: VariantKind[] = ['transliteration', 'typo', 'legal-form', 'word-order', 'phone'];
    const count = rng.int(1, 3);
    for (let i = 0; i < count; i++) {
      const kind = rng.pick(kinds);
      const form: GenParty = {
        ...canonical,
        key: `P${b.parties.length + 1}`,
        name: nameVariant(rng, n, kind, country),
        phones: kind === 'phone' ? [phone(rng, country)] : rng.chance(0.3) ? [] : canonical.phones,
        emails: rng.chance(0.5) ? canonical.emails : [],
        identifiers: rng.chance(0.5) ? canonical.identifiers : {},
      };
      if (form.name === canonical.name && kind !== 'phone') continue;
      b.parties.push(form);
      truth.forms.push(form);
      truth.variantKinds.push(kind);
    }
  }
  b.truths.push(truth);
  return truth;
}

function person(b: Builder, country: string): PartyTruth {
  const { rng } = b;
  const p = personName(rng, country);
  const addr = address(rng, country);
  const party: GenParty = {
    key: `P${b.parties.length + 1}`,
    kind: 'person',
    name: `${p.given} ${p.surname}`,
    address: addr.street,
    city: addr.city,
    postcode: addr.postcode,
    country,
    phones: [phone(rng, country)],
    emails: [email(rng, `${p.given}.${p.surname}`, country)],
    identifiers: {},
  };
  b.parties.push(party);
  const truth = { truthId: `T${b.truths.length + 1}`, canonical: party, forms: [party], variantKinds: ['canonical'] };
  b.truths.push(truth);
  return truth;
}

function group(map: Map<string, PartyTruth[]>, country: string, truth: PartyTruth) {
  const list = map.get(country);
  if (list) list.push(truth);
  else map.set(country, [truth]);
}

export function buildWorld(rng: Rng, shipments: number, frontCompanyCount: number, startMs: number): World {
  const ref = reference();
  const b: Builder = { rng, parties: [], truths: [] };
  const consigneesByCountry = new Map<string, PartyTruth[]>();
  const shippersByCountry = new Map<string, PartyTruth[]>();

  const consignees = Math.max(60, Math.min(20_000, Math.round(shipments / 40)));
  for (let i = 0; i < consignees; i++) {
    const country = rng.weighted(REGION.map((c) => [c, c === 'SI' || c === 'HR' ? 1 : 3] as const));
    group(consigneesByCountry, country, rng.chance(0.08) ? person(b, country) : company(b, country, 0.12));
  }
  // Shippers: every trading partner, plus the region's own exporters (road traffic within the region).
  const origins = Object.keys(LOCALES).filter((c) => !REGION.includes(c) || ['RS', 'HR', 'SI', 'BA'].includes(c));
  const shippers = Math.max(80, Math.min(30_000, Math.round(shipments / 30)));
  for (let i = 0; i < shippers; i++) {
    const country = origins[i % origins.length]!;
    group(shippersByCountry, country, company(b, country, 0.05));
  }
  const forwarderCount = Math.max(12, Math.min(400, Math.round(shipments / 400)));
  const regionForwarders = Array.from({ length: forwarderCount }, () => company(b, rng.pick(REGION), 0.1));
  const foreignForwarders = Array.from({ length: forwarderCount }, () => company(b, rng.pick(['DE', 'NL', 'TR', 'CN', 'AE', 'IT', 'ES', 'GR']), 0.05));
  const hauliers = Array.from({ length: Math.max(10, Math.min(300, Math.round(shipments / 500))) }, () =>
    company(b, rng.pick(['TR', 'RS', 'BA', 'MK', 'AL', 'HR', 'DE', 'IT']), 0.05),
  );

  // Front companies: new, in the region, registered at the address of a forwarder.
  const frontCompanies: PartyTruth[] = [];
  for (let i = 0; i < frontCompanyCount; i++) {
    const country = rng.pick(['ME', 'AL', 'BA', 'RS', 'MK']);
    const truth = company(b, country, 0);
    const local = regionForwarders.filter((f) => f.canonical.country === country);
    const fwd = rng.pick(local.length > 0 ? local : regionForwarders);
    Object.assign(truth.canonical, { address: fwd.canonical.address, city: fwd.canonical.city, postcode: fwd.canonical.postcode });
    truth.canonical.emails = [`${truth.canonical.emails[0]!.split('@')[0]}@gmail.com`];
    truth.canonical.identifiers = { ...truth.canonical.identifiers, registeredOn: new Date(startMs - rng.int(14, 60) * 86_400_000).toISOString().slice(0, 10) };
    frontCompanies.push(truth);
  }
  const newcomers = Array.from({ length: frontCompanyCount }, () => company(b, rng.pick(['ME', 'AL', 'BA', 'RS', 'MK', 'XK']), 0));

  const vessels: Vessel[] = [];
  for (const carrier of ref.carriers.sea) {
    const count = rng.int(6, 12);
    for (let i = 0; i < count; i++) {
      const name = `${carrier.vesselPrefix} ${rng.pick(VESSEL_WORDS)}${rng.chance(0.3) ? ` ${rng.pick(['I', 'II', 'III'])}` : ''}`.trim();
      vessels.push({ key: `V${vessels.length + 1}`, imo: imoNumber(rng), name, flag: rng.pick(FLAGS), carrier });
    }
  }

  const trucks: Truck[] = [];
  for (let i = 0; i < Math.max(40, Math.min(5000, Math.round(shipments / 50))); i++) {
    const haulier = rng.pick(hauliers);
    trucks.push({ key: `R${i + 1}`, plates: plates(rng, haulier.canonical.country), country: haulier.canonical.country, haulierKey: haulier.canonical.key });
  }

  return {
    parties: b.parties,
    truths: b.truths,
    consigneesByCountry,
    shippersByCountry,
    regionForwarders,
    foreignForwarders,
    hauliers,
    vessels,
    vesselsByCarrier: groupVessels(vessels),
    trucks,
    frontCompanies,
    newcomers,
  };
}

export function plates(rng: Rng, country: string): string {
  switch (country) {
    case 'BA':
      return `${rng.letters(1, 'AEJKMOT')}${rng.digits(2)}-${rng.letters(1, 'AEJKMOT')}-${rng.digits(3)}`;
    case 'RS':
      return `${rng.pick(['BG', 'NS', 'NI', 'KG', 'SU'])} ${rng.digits(3)}-${rng.letters(2)}`;
    case 'ME':
      return `${rng.pick(['PG', 'BR', 'NK', 'BD'])} ${rng.letters(2)}${rng.digits(3)}`;
    case 'MK':
      return `${rng.pick(['SK', 'BT', 'KU', 'TE'])} ${rng.digits(4)} ${rng.letters(2)}`;
    case 'AL':
      return `${rng.letters(2)} ${rng.digits(3)} ${rng.letters(2)}`;
    case 'TR':
      return `${rng.pick(['34', '33', '16', '35'])} ${rng.letters(3)} ${rng.digits(3)}`;
    case 'DE':
      return `${rng.pick(['HH', 'F', 'M', 'S'])}-${rng.letters(2)} ${rng.int(100, 9999)}`;
    case 'IT':
      return `${rng.letters(2)}${rng.digits(3)}${rng.letters(2)}`;
    default:
      return `${rng.letters(2)}-${rng.digits(4)}-${rng.letters(2)}`;
  }
}

function groupVessels(vessels: Vessel[]): Map<string, Vessel[]> {
  const map = new Map<string, Vessel[]>();
  for (const v of vessels) map.set(v.carrier.code, [...(map.get(v.carrier.code) ?? []), v]);
  return map;
}
