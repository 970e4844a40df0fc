// The scenario generator: parties first, then arrivals (vessel calls, cargo flights, trucks) in time
// order, then passenger flights, streamed one item at a time in bounded memory. The answer key is
// built on the side and never mixed into the records.
import { ContainerNumbers } from './containers.ts';
import { SCHEMES, type AnswerKey, type AnswerRecord, type ScenarioItem, type ScenarioParams, type SchemeName } from './model.ts';
import { passengerFlight, type PassengerContext } from './passengers.ts';
import { reference } from './reference.ts';
import { Rng } from './rng.ts';
import { SchemeSchedule } from './schedule.ts';
import { SCHEME_INFO, schemeAirShipments, schemeSeaShipment } from './schemes.ts';
import { airMovement, arrivalFor, roadMovement, seaMovement, vesselConveyance, type ShipmentContext } from './shipments.ts';
import { parseDay } from './time.ts';
import { buildWorld } from './world.ts';

export const DEFAULT_PARAMS: Omit<ScenarioParams, 'seed' | 'shipments' | 'passengers'> = {
  schemes: [...SCHEMES],
  rate: 0.005,
  start: '2026-11-16',
  days: 14,
};

export type Scenario = { items: Generator<ScenarioItem>; answerKey: AnswerKey };

export function generateScenario(params: ScenarioParams): Scenario {
  const root = new Rng(params.seed, 'scenario');
  const startMs = parseDay(params.start);
  const ref = reference();
  const answerKey: AnswerKey = {
    seed: params.seed,
    params,
    schemes: Object.fromEntries(SCHEMES.map((s) => [s, { ...SCHEME_INFO[s], records: [] as AnswerRecord[] }])) as AnswerKey['schemes'],
    parties: [],
  };
  const enabled = new Set(params.schemes);
  const record = (scheme: SchemeName, r: AnswerRecord) => {
    const list = answerKey.schemes[scheme].records;
    if (r.kind === 'party' && list.some((x) => x.kind === 'party' && x.key === r.key)) return;
    list.push(r);
  };

  const schemeShipments = Math.round(params.shipments * params.rate);
  const world = buildWorld(root.fork('world'), params.shipments, Math.max(2, Math.ceil(schemeShipments / 6)), startMs);
  for (const t of world.truths) {
    if (t.forms.length > 1) {
      answerKey.parties.push({
        truthId: t.truthId,
        canonicalName: t.canonical.name,
        variants: t.forms.map((f, i) => ({ key: f.key, name: f.name, variant: t.variantKinds[i]! })),
      });
    }
  }

  const modes = params.modes ?? { sea: 0.7, air: 0.2, road: 0.1 };
  const sea = Math.round(params.shipments * modes.sea);
  const air = Math.round(params.shipments * modes.air);
  const road = params.shipments - sea - air;
  const shipRng = root.fork('shipments');
  const ctx: ShipmentContext = {
    rng: shipRng,
    world,
    schedule: new SchemeSchedule(
      root.fork('schedule'),
      { sea, air, road },
      params.schemes.filter((s) => enabled.has(s)),
      params.shipments,
      params.rate,
    ),
    containers: new ContainerNumbers(),
    startMs,
    days: params.days,
    seaports: params.seaports ?? ref.seaports.filter((p) => p.region).map((p) => p.code),
    airports: params.airports ?? ref.airports.filter((a) => a.region && ['SJJ', 'SKP', 'BEG'].includes(a.iata)).map((a) => a.iata),
    record,
    counters: { bl: 0, awb: new Map(), house: 0, cmr: 0 },
  };

  const courierQuota = enabled.has('air_couriers') ? Math.round(params.passengers * params.rate) : 0;
  const paxCtx: PassengerContext = {
    rng: root.fork('passengers'),
    counters: { booking: 0, passenger: 0 },
    couriers: { quota: courierQuota, slotsLeft: params.passengers, organiserPhone: null },
    record: (r) => record('air_couriers', { kind: 'passenger', ...r }),
  };

  function* items(): Generator<ScenarioItem> {
    for (const party of world.parties) yield { type: 'party', party };
    for (const vessel of world.vessels) yield { type: 'conveyance', conveyance: vesselConveyance(vessel) };
    const left = { sea, air, road };
    const total = params.shipments;
    let done = 0;
    while (done < total) {
      // Interleave the modes in proportion to what each has left, so arrivals stay in time order.
      const mode = shipRng.weighted([
        ['sea', left.sea],
        ['air', left.air],
        ['road', left.road],
      ] as const);
      let movement;
      if (mode === 'sea') {
        const size = Math.min(left.sea, shipRng.int(20, 160));
        movement = seaMovement(ctx, size, arrivalFor(ctx, done, total, shipRng.int(0, 23)), (s, call) => schemeSeaShipment(ctx, s, call));
      } else if (mode === 'air') {
        const size = Math.min(left.air, shipRng.int(4, 40));
        movement = airMovement(ctx, size, arrivalFor(ctx, done, total, shipRng.int(5, 23)), (s, flight) => schemeAirShipments(ctx, s, flight));
      } else {
        movement = roadMovement(ctx, Math.min(left.road, shipRng.int(1, 2)), arrivalFor(ctx, done, total, shipRng.int(0, 23)));
      }
      left[mode] -= movement.shipments.length;
      done += movement.shipments.length;
      yield { type: 'movement', movement };
    }
    let seated = 0;
    const airports = ctx.airports;
    while (seated < params.passengers) {
      const seats = Math.min(params.passengers - seated, paxCtx.rng.int(90, 180));
      const destination = paxCtx.rng.pick(airports);
      const arrivalAt = arrivalFor({ ...ctx, rng: paxCtx.rng }, seated, params.passengers, paxCtx.rng.int(6, 23));
      const flight = passengerFlight(paxCtx, { destination, arrivalAt, seats });
      seated += seats;
      yield { type: 'flight', flight };
    }
  }

  return { items: items(), answerKey };
}
