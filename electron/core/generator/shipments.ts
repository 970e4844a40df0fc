// Ordinary shipments by sea, air and road, grouped into arrivals (vessel calls, cargo flights, truck
// crossings), with the scheme shipments made the same way but following their modus operandi.
import type { AnswerRecord, GenConveyance, GenMovement, GenParty, GenShipment, PartyRole, SchemeName } from './model.ts';
import { type ContainerNumbers, emptyContainer, seaEvents, sealNumber, type SeaLeg } from './containers.ts';
import { reference, type AirCarrier, type ContainerType } from './reference.ts';
import type { Rng } from './rng.ts';
import type { Mode, SchemeSchedule } from './schedule.ts';
import { DAY, HOUR, isoDay, isoMinute } from './time.ts';
import { AIR_GOODS, COMMODITIES, ORIGIN_WEIGHTS, ROAD_GOODS, ROAD_ORIGINS, SEA_LANES, TRANSIT, type Commodity } from './trade.ts';
import type { PartyTruth, Vessel, World } from './world.ts';

export type ShipmentContext = {
  rng: Rng;
  world: World;
  schedule: SchemeSchedule;
  containers: ContainerNumbers;
  startMs: number;
  days: number;
  seaports: string[];
  airports: string[];
  record(scheme: SchemeName, record: AnswerRecord): void;
  counters: { bl: number; awb: Map<string, number>; house: number; cmr: number };
};

const CONSIGNEE_COUNTRIES: Record<string, [string, number][]> = {
  MEBAR: [
    ['ME', 4],
    ['RS', 3],
    ['BA', 2],
    ['XK', 1],
  ],
  ALDRZ: [
    ['AL', 5],
    ['XK', 3],
    ['MK', 2],
  ],
  SIKOP: [
    ['SI', 2],
    ['HR', 1],
    ['BA', 1],
    ['RS', 2],
  ],
  HRRJK: [
    ['HR', 3],
    ['BA', 2],
    ['RS', 2],
  ],
  HRPLE: [
    ['BA', 5],
    ['HR', 2],
  ],
  GRSKG: [
    ['MK', 4],
    ['RS', 3],
    ['XK', 2],
    ['AL', 1],
  ],
  ROCND: [
    ['RS', 3],
    ['MK', 1],
  ],
  ITTRS: [
    ['SI', 1],
    ['HR', 1],
    ['RS', 1],
    ['BA', 1],
  ],
  SJJ: [['BA', 1]],
  SKP: [['MK', 1]],
  BEG: [['RS', 1]],
  TGD: [['ME', 1]],
  TIA: [['AL', 1]],
  PRN: [['XK', 1]],
  ZAG: [['HR', 1]],
};
const INLAND: Record<string, string> = { BA: 'BASJJ', RS: 'RSBEG', MK: 'MKSKP', XK: 'XKPRN' };
const EU = new Set(['DE', 'NL', 'BE', 'ES', 'IT', 'GR', 'HR', 'SI', 'FR', 'AT']);

let seaportCountries: Map<string, string> | null = null;
function seaportCountry(code: string): string {
  seaportCountries ??= new Map(reference().seaports.map((p) => [p.code, p.country]));
  return seaportCountries.get(code)!;
}

function pickForm(rng: Rng, truth: PartyTruth): GenParty {
  return truth.forms.length === 1 || rng.chance(0.6) ? truth.canonical : rng.pick(truth.forms);
}

function consigneeFor(ctx: ShipmentContext, place: string): { party: GenParty; country: string } {
  const country = ctx.rng.weighted(CONSIGNEE_COUNTRIES[place] ?? [['BA', 1]]);
  const list = ctx.world.consigneesByCountry.get(country) ?? [...ctx.world.consigneesByCountry.values()][0]!;
  return { party: pickForm(ctx.rng, ctx.rng.pick(list)), country };
}

function shipperFrom(ctx: ShipmentContext, country: string): GenParty {
  const list = ctx.world.shippersByCountry.get(country) ?? ctx.world.shippersByCountry.get('DE')!;
  return pickForm(ctx.rng, ctx.rng.pick(list));
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function blNumber(ctx: ShipmentContext, prefix: string): string {
  const i = ctx.counters.bl++;
  return prefix + String(100_000_000 + ((i * 48_271 + 12_345) % 900_000_000));
}

export function awbNumber(ctx: ShipmentContext, carrier: AirCarrier): string {
  const i = ctx.counters.awb.get(carrier.iata) ?? 0;
  ctx.counters.awb.set(carrier.iata, i + 1);
  const serial = (i * 7919 + 1_234_567) % 10_000_000;
  return `${carrier.prefix}-${String(serial).padStart(7, '0')}${serial % 7}`;
}

type SeaOptions = {
  origin?: string;
  hub?: string | null;
  commodity?: Commodity;
  description?: string;
  hs?: string[];
  containerType?: string;
  consignee?: GenParty;
  weightFactor?: number;
  valueFactor?: number;
  ripSeal?: boolean;
  hubDwellHours?: [number, number];
  containerCount?: number;
};

function containerTypeFor(rng: Rng, commodity: Commodity, requested?: string): ContainerType {
  const types = reference().containerTypes;
  const code =
    requested ??
    (commodity.reefer
      ? rng.chance(0.8)
        ? '45R1'
        : '22R1'
      : commodity.fill[0] > 0.8
        ? '22G1'
        : rng.weighted([
            ['45G1', 5],
            ['42G1', 3],
            ['22G1', 2],
          ] as const));
  return types.find((t) => t.code === code)!;
}

export function seaShipment(
  ctx: ShipmentContext,
  call: { vessel: Vessel; voyage: string; port: string; arrivalAt: number },
  opts: SeaOptions = {},
): GenShipment {
  const { rng, world } = ctx;
  const origin = opts.origin ?? rng.weighted(ORIGIN_WEIGHTS);
  const transit = TRANSIT[origin]!;
  const hub = opts.hub !== undefined ? opts.hub : transit.hubs.length > 0 && rng.chance(0.85) ? rng.pick(transit.hubs) : null;
  const commodity = opts.commodity ?? COMMODITIES[rng.weighted(SEA_LANES[origin]!)]!;
  const transitDays = rng.int(transit.days[0], transit.days[1]);
  let hubArrivalAt: number | null = null;
  let hubDepartureAt: number | null = null;
  let departureAt: number;
  if (hub) {
    hubDepartureAt = call.arrivalAt - rng.int(1, 4) * DAY - rng.int(0, 20) * HOUR;
    const dwell = opts.hubDwellHours ? rng.int(opts.hubDwellHours[0], opts.hubDwellHours[1]) : rng.int(30, 9 * 24);
    hubArrivalAt = hubDepartureAt - dwell * HOUR;
    departureAt = hubArrivalAt - Math.max(2, transitDays - 6) * DAY;
  } else {
    departureAt = call.arrivalAt - transitDays * DAY;
  }
  const bookingAt = departureAt - rng.int(7, 21) * DAY;
  const carrier = call.vessel.carrier;
  const mainline = hub ? rng.pick(world.vesselsByCarrier.get(carrier.code)!) : call.vessel;
  const leg: SeaLeg = {
    origin,
    hub,
    destination: call.port,
    bookingAt,
    departureAt,
    hubArrivalAt,
    hubDepartureAt,
    arrivalAt: call.arrivalAt,
    firstVesselKey: mainline.key,
    firstVoyage: `${rng.digits(3)}${rng.pick(['W', 'E', 'N', 'S'])}`,
    lastVesselKey: call.vessel.key,
    lastVoyage: call.voyage,
  };
  const count =
    opts.containerCount ??
    rng.weighted([
      [1, 70],
      [2, 20],
      [3, 6],
      [4, 3],
      [5, 1],
    ] as const);
  const type = containerTypeFor(rng, commodity, opts.containerType);
  let weight = 0;
  let packages = 0;
  const containers = [];
  for (let c = 0; c < count; c++) {
    const kg = type.max_payload_kg * (commodity.fill[0] + rng.float() * (commodity.fill[1] - commodity.fill[0]));
    const perPackage = commodity.kgPerPackage[0] + rng.float() * (commodity.kgPerPackage[1] - commodity.kgPerPackage[0]);
    const pk = Math.max(1, Math.round(kg / perPackage));
    packages += pk;
    weight += pk * perPackage;
    const seal = sealNumber(rng, carrier.code);
    const sealAfter = opts.ripSeal ? sealNumber(rng, carrier.code) : seal;
    const number = ctx.containers.next(rng.pick(carrier.containerPrefixes));
    const container = emptyContainer(number, type.code, type.tare_kg, seal, seaEvents(rng, leg, seal, sealAfter));
    if (sealAfter !== seal) container.seals.push(sealAfter);
    containers.push(container);
  }
  const originCountry = seaportCountry(origin);
  const consigneeChoice = opts.consignee ? { party: opts.consignee, country: opts.consignee.country } : consigneeFor(ctx, call.port);
  const forwarder = rng.chance(0.6) ? pickForm(rng, rng.pick(world.regionForwarders)) : null;
  const parties: { role: PartyRole; partyKey: string }[] = [
    { role: 'shipper', partyKey: shipperFrom(ctx, originCountry).key },
    { role: 'consignee', partyKey: consigneeChoice.party.key },
    { role: 'notify', partyKey: forwarder && rng.chance(0.5) ? forwarder.key : consigneeChoice.party.key },
  ];
  if (forwarder) parties.push({ role: 'forwarder', partyKey: forwarder.key });
  const declaredWeight = weight * (opts.weightFactor ?? 1);
  const value = weight * (commodity.usdPerKg[0] + rng.float() * (commodity.usdPerKg[1] - commodity.usdPerKg[0])) * (opts.valueFactor ?? 1);
  const inland = consigneeChoice.country in INLAND && rng.chance(0.5) ? INLAND[consigneeChoice.country]! : call.port;
  return {
    mode: 'sea',
    docType: 'BL',
    docNumber: blNumber(ctx, carrier.blPrefix),
    masterDocNumber: null,
    isHouse: false,
    goodsDescription: opts.description ?? rng.pick(commodity.descriptions),
    hsCodes: opts.hs ?? [rng.pick(commodity.hs)],
    packages,
    packageType: commodity.packageType,
    grossWeightKg: round1(declaredWeight),
    volumeM3: round1(count * (type.capacity_m3 || 30) * (0.6 + rng.float() * 0.35)),
    declaredValue: Math.round(value),
    currency: EU.has(originCountry) ? 'EUR' : 'USD',
    freightTerms: rng.chance(0.6) ? 'PREPAID' : 'COLLECT',
    placeReceipt: origin,
    placeLoading: origin,
    placesTransshipment: hub ? [hub] : [],
    placeDischarge: call.port,
    placeDelivery: inland,
    bookingDate: isoDay(bookingAt),
    departureDate: isoDay(departureAt),
    arrivalDate: isoDay(call.arrivalAt),
    conveyanceKey: call.vessel.key,
    voyage: call.voyage,
    parties,
    containers,
  };
}

export function vesselConveyance(v: Vessel): GenConveyance {
  return { key: v.key, mode: 'sea', imo: v.imo, vesselName: v.name, flag: v.flag, carrierCode: v.carrier.code };
}

/** Arrival time of the n-th of `total` slots, spread over the scenario's days. */
export function arrivalFor(ctx: ShipmentContext, done: number, total: number, hour: number): number {
  const day = Math.min(ctx.days - 1, Math.floor((done / Math.max(1, total)) * ctx.days));
  return ctx.startMs + day * DAY + hour * HOUR + ctx.rng.int(0, 59) * 60_000;
}

export function seaMovement(ctx: ShipmentContext, size: number, arrivalAt: number, applyScheme: (s: SchemeName, call: SeaCall) => GenShipment): GenMovement {
  const { rng, world } = ctx;
  const vessel = rng.pick(world.vessels);
  const port = rng.pick(ctx.seaports);
  const call: SeaCall = { vessel, voyage: `${rng.digits(3)}${rng.pick(['E', 'W', 'N', 'S'])}`, port, arrivalAt };
  const shipments: GenShipment[] = [];
  for (let i = 0; i < size; i++) {
    const scheme = ctx.schedule.next('sea');
    shipments.push(scheme ? applyScheme(scheme, call) : seaShipment(ctx, call));
  }
  return { conveyance: vesselConveyance(vessel), arrivalAt: isoMinute(arrivalAt), place: port, shipments };
}

export type SeaCall = { vessel: Vessel; voyage: string; port: string; arrivalAt: number };

type AirOptions = { origin?: string; commodity?: Commodity; consignee?: GenParty; valueFactor?: number; description?: string };

export function airMovement(
  ctx: ShipmentContext,
  size: number,
  arrivalAt: number,
  applyScheme: (s: SchemeName, flight: AirFlight) => GenShipment[],
): GenMovement {
  const { rng } = ctx;
  const carrier = rng.pick(reference().carriers.air);
  const destination = rng.pick(ctx.airports);
  const origin = carrier.hub === destination ? rng.pick(['IST', 'FRA', 'VIE', 'ZRH']) : carrier.hub;
  const number = `${carrier.iata}${String(100 + ((destination.charCodeAt(0) * 31 + destination.charCodeAt(2)) % 900)).padStart(3, '0')}`;
  const flightDate = isoDay(arrivalAt);
  const conveyance: GenConveyance = {
    key: `F${carrier.iata}${number}${flightDate}`,
    mode: 'air',
    carrierCode: carrier.iata,
    flightNumber: number,
    flightDate,
    origin,
    destination,
  };
  const flight: AirFlight = { carrier, origin, destination, arrivalAt, conveyance, number };
  const shipments: GenShipment[] = [];
  while (shipments.length < size) {
    const scheme = ctx.schedule.next('air');
    if (scheme) {
      shipments.push(...applyScheme(scheme, flight));
      continue;
    }
    const planned = size - shipments.length >= 4 && rng.chance(0.25) ? rng.int(2, Math.min(6, size - shipments.length - 1)) : 0;
    // Each house is a slot of its own: ask the schedule for each, and give any scheme its slot.
    const schemes: SchemeName[] = [];
    for (let h = 0; h < planned; h++) {
      const s = ctx.schedule.next('air');
      if (s) schemes.push(s);
    }
    shipments.push(...airShipments(ctx, flight, planned - schemes.length));
    for (const s of schemes) shipments.push(...applyScheme(s, flight));
  }
  return { conveyance, arrivalAt: isoMinute(arrivalAt), place: destination, shipments };
}

export type AirFlight = { carrier: AirCarrier; origin: string; destination: string; arrivalAt: number; conveyance: GenConveyance; number: string };

/** One air waybill, or a consolidation: a master with `houses` house waybills (each a shipment). */
export function airShipments(ctx: ShipmentContext, flight: AirFlight, houses: number, opts: AirOptions = {}): GenShipment[] {
  const { rng, world } = ctx;
  const originAirport = opts.origin ?? flight.origin;
  const originCountry = reference().airports.find((a) => a.iata === originAirport)?.country ?? 'DE';
  const departureAt = flight.arrivalAt - rng.int(2, 9) * HOUR;
  const make = (docNumber: string, master: string | null, isHouse: boolean, consignee: GenParty, shipper: GenParty): GenShipment => {
    const commodity = opts.commodity ?? COMMODITIES[rng.weighted(AIR_GOODS)]!;
    const packages = rng.int(1, 60);
    const weight = packages * (commodity.kgPerPackage[0] + rng.float() * (commodity.kgPerPackage[1] - commodity.kgPerPackage[0]));
    return {
      mode: 'air',
      docType: 'AWB',
      docNumber,
      masterDocNumber: master,
      isHouse,
      goodsDescription: opts.description ?? rng.pick(commodity.descriptions),
      hsCodes: [rng.pick(commodity.hs)],
      packages,
      packageType: commodity.packageType,
      grossWeightKg: round1(weight),
      volumeM3: round1(weight / 167),
      declaredValue: Math.round(weight * (commodity.usdPerKg[0] + rng.float() * (commodity.usdPerKg[1] - commodity.usdPerKg[0])) * (opts.valueFactor ?? 1)),
      currency: EU.has(originCountry) ? 'EUR' : 'USD',
      freightTerms: rng.chance(0.7) ? 'PREPAID' : 'COLLECT',
      placeReceipt: originAirport,
      placeLoading: flight.origin,
      placesTransshipment: originAirport !== flight.origin ? [flight.origin] : [],
      placeDischarge: flight.destination,
      placeDelivery: flight.destination,
      bookingDate: isoDay(departureAt - rng.int(1, 6) * DAY),
      departureDate: isoDay(departureAt),
      arrivalDate: isoDay(flight.arrivalAt),
      conveyanceKey: flight.conveyance.key,
      voyage: flight.number,
      parties: [
        { role: 'shipper', partyKey: shipper.key },
        { role: 'consignee', partyKey: consignee.key },
      ],
      containers: [],
    };
  };
  const masterNumber = awbNumber(ctx, flight.carrier);
  if (houses === 0) {
    const consignee = opts.consignee ?? consigneeFor(ctx, flight.destination).party;
    return [make(masterNumber, null, false, consignee, shipperFrom(ctx, originCountry))];
  }
  const origFwd = pickForm(rng, rng.pick(world.foreignForwarders));
  const destFwd = pickForm(rng, rng.pick(world.regionForwarders));
  const master = make(masterNumber, null, false, destFwd, origFwd);
  master.goodsDescription = 'CONSOLIDATION AS PER ATTACHED MANIFEST';
  master.parties.push({ role: 'forwarder', partyKey: destFwd.key });
  const list = [master];
  const code = origFwd.name
    .replace(/[^A-Za-z]/g, '')
    .slice(0, 3)
    .toUpperCase()
    .padEnd(3, 'X');
  for (let h = 0; h < houses; h++) {
    const house = make(
      `${code}${String(10_000_000 + ctx.counters.house++).slice(1)}`,
      masterNumber,
      true,
      consigneeFor(ctx, flight.destination).party,
      shipperFrom(ctx, originCountry),
    );
    house.parties.push({ role: 'forwarder', partyKey: origFwd.key });
    list.push(house);
  }
  master.packages = list.slice(1).reduce((s, x) => s + x.packages, 0);
  master.grossWeightKg = round1(list.slice(1).reduce((s, x) => s + x.grossWeightKg, 0));
  master.volumeM3 = round1(master.grossWeightKg / 167);
  return list;
}

export function roadMovement(ctx: ShipmentContext, size: number, arrivalAt: number): GenMovement {
  const { rng, world } = ctx;
  const crossing = rng.pick(reference().landCrossings);
  const truck = rng.pick(world.trucks);
  const conveyance: GenConveyance = { key: truck.key, mode: 'road', plates: truck.plates, carrierCode: truck.haulierKey };
  const shipments: GenShipment[] = [];
  const destCountry = crossing.between[0];
  for (let i = 0; i < size; i++) {
    ctx.schedule.next('road');
    const originCountry = rng.weighted(ROAD_ORIGINS.filter(([c]) => c !== destCountry));
    const commodity = COMMODITIES[rng.weighted(ROAD_GOODS)]!;
    const packages = rng.int(4, 40);
    const perPackage = commodity.kgPerPackage[0] + rng.float() * (commodity.kgPerPackage[1] - commodity.kgPerPackage[0]);
    const weight = Math.min(24_000, packages * perPackage * (commodity.kgPerPackage[1] < 30 ? 20 : 1));
    const departureAt = arrivalAt - rng.int(10, 60) * HOUR;
    const consignees = world.consigneesByCountry.get(destCountry) ?? [...world.consigneesByCountry.values()][0]!;
    shipments.push({
      mode: 'road',
      docType: 'CMR',
      docNumber: `${originCountry}${String(1_000_000 + ctx.counters.cmr++).slice(1)}`,
      masterDocNumber: null,
      isHouse: false,
      goodsDescription: rng.pick(commodity.descriptions),
      hsCodes: [rng.pick(commodity.hs)],
      packages,
      packageType: commodity.packageType,
      grossWeightKg: round1(weight),
      volumeM3: round1(weight / 250),
      declaredValue: Math.round(weight * (commodity.usdPerKg[0] + rng.float() * (commodity.usdPerKg[1] - commodity.usdPerKg[0]))),
      currency: 'EUR',
      freightTerms: rng.chance(0.5) ? 'PREPAID' : 'COLLECT',
      placeReceipt: originCountry,
      placeLoading: originCountry,
      placesTransshipment: [],
      placeDischarge: crossing.code,
      placeDelivery: INLAND[destCountry] ?? crossing.code,
      bookingDate: isoDay(departureAt - rng.int(1, 5) * DAY),
      departureDate: isoDay(departureAt),
      arrivalDate: isoDay(arrivalAt),
      conveyanceKey: truck.key,
      voyage: '',
      parties: [
        { role: 'shipper', partyKey: shipperFrom(ctx, originCountry).key },
        { role: 'consignee', partyKey: pickForm(rng, rng.pick(consignees)).key },
        { role: 'carrier', partyKey: truck.haulierKey },
      ],
      containers: [],
    });
  }
  return { conveyance, arrivalAt: isoMinute(arrivalAt), place: crossing.code, shipments };
}

export type { Mode };
