// The hidden schemes, each following a known modus operandi. They shape ordinary-looking records; which
// record belongs to which scheme, and what gives it away, is written to the answer key only.
import type { GenShipment, SchemeName } from './model.ts';
import { airShipments, seaShipment, type AirFlight, type SeaCall, type ShipmentContext } from './shipments.ts';
import { COMMODITIES } from './trade.ts';

export const SCHEME_INFO: Record<SchemeName, { description: string; indicators: string[] }> = {
  cocaine_reefer: {
    description: 'Cocaine in reefer containers of fruit from South America, routed through transshipment hubs.',
    indicators: [
      'origin in a cocaine source country',
      'reefer container with fresh fruit or seafood',
      'transshipment through a high-risk hub',
      'consignee with little or no trade history',
    ],
  },
  rip_on_rip_off: {
    description: 'Rip-on/rip-off: bags placed in a legitimate container at a hub, the seal replaced.',
    indicators: ['seal number differs between container events', 'short dwell at the transshipment hub'],
  },
  precursors: {
    description: 'Drug precursor chemicals under vague or false descriptions.',
    indicators: [
      'vague goods description for a chemical',
      'HS heading of precursor interest (2914, 2915, 2932)',
      'origin in a precursor source country',
      'consignee outside the chemical trade',
    ],
  },
  counterfeit_medicines: {
    description: 'Counterfeit medicines by air from a new consignee.',
    indicators: ['medicines (HS 3004) by air from a source country', 'consignee first seen in this period', 'declared value low for medicines'],
  },
  cigarettes_underdeclared: {
    description: 'Cigarettes under-declared by weight.',
    indicators: ['declared weight per package far below the norm for cigarettes', 'tobacco from a high-risk origin'],
  },
  front_company: {
    description: 'A front company registered weeks before its first shipment, using a forwarder’s address (found through the network).',
    indicators: ['consignee registered shortly before its first shipment', 'consignee address equals a forwarder’s address', 'free-mail e-mail address'],
  },
  air_couriers: {
    description:
      'Drug couriers on flights: one-way or very short trips paid in cash, booked hours before departure, via a source country, travelling with linked companions.',
    indicators: [
      'one-way ticket or stay of a few days',
      'paid in cash',
      'booked hours before departure',
      'itinerary through a source country',
      'companions linked by booking or contact',
    ],
  },
};

const SOUTH_AMERICA = ['ECGYE', 'COBUN', 'COCTG', 'PECLL', 'BRSSZ'];
const RISK_HUBS = ['PAONX', 'DOCAU', 'JMKIN', 'ESALG', 'MAPTM', 'ITGIT'];

export function schemeSeaShipment(ctx: ShipmentContext, scheme: SchemeName, call: SeaCall): GenShipment {
  const { rng, world } = ctx;
  let s: GenShipment;
  switch (scheme) {
    case 'cocaine_reefer': {
      const origin = rng.pick(SOUTH_AMERICA.filter((o) => o !== 'BRSSZ'));
      const commodity = COMMODITIES[rng.pick(origin === 'PECLL' ? ['avocados'] : ['bananas', 'bananas', 'shrimp'])]!;
      // Often a consignee new to the trade; otherwise one of the region's small importers.
      const pool = rng.chance(0.6) ? world.newcomers : world.consigneesByCountry.get(rng.pick(['ME', 'AL', 'BA', 'RS', 'MK']))!;
      s = seaShipment(ctx, call, {
        origin,
        hub: rng.pick(RISK_HUBS),
        commodity,
        containerType: '45R1',
        containerCount: 1,
        consignee: rng.pick(pool).canonical,
      });
      break;
    }
    case 'rip_on_rip_off': {
      const origin = rng.pick(SOUTH_AMERICA);
      s = seaShipment(ctx, call, { origin, hub: rng.pick(RISK_HUBS), ripSeal: true, hubDwellHours: [6, 20], containerCount: 1 });
      break;
    }
    case 'precursors': {
      const origin = rng.pick(['CNSHA', 'CNNGB', 'INNSA']);
      const textile = world.consigneesByCountry.get(rng.pick(['RS', 'BA', 'MK', 'AL', 'ME']))!;
      s = seaShipment(ctx, call, {
        origin,
        commodity: COMMODITIES['chemicals'],
        description: rng.pick(['CHEMICAL PRODUCTS', 'INDUSTRIAL RAW MATERIAL', 'ORGANIC COMPOUND', 'CHEMICALS N.O.S.', 'SOLVENT']),
        hs: [rng.pick(['291411', '291524', '293291', '381400'])],
        containerType: '22G1',
        containerCount: 1,
        consignee: rng.pick(textile).canonical,
      });
      break;
    }
    case 'cigarettes_underdeclared': {
      const origin = rng.pick(['AEJEA', 'TRMER']);
      s = seaShipment(ctx, call, {
        origin,
        commodity: COMMODITIES['cigarettes'],
        containerType: '45G1',
        containerCount: 1,
        weightFactor: 0.3 + rng.float() * 0.1,
      });
      break;
    }
    case 'front_company': {
      const front = rng.pick(world.frontCompanies);
      ctx.record(scheme, { kind: 'party', key: front.canonical.key, name: front.canonical.name });
      s = seaShipment(ctx, call, { origin: rng.pick(['ECGYE', 'COCTG', 'BRSSZ', 'CNSHA', 'TRMER']), consignee: front.canonical, containerCount: 1 });
      break;
    }
    default:
      throw new Error(`${scheme} is not a sea scheme`);
  }
  ctx.record(scheme, { kind: 'shipment', docNumber: s.docNumber, containers: s.containers.map((c) => c.number) });
  return s;
}

export function schemeAirShipments(ctx: ShipmentContext, scheme: SchemeName, flight: AirFlight): GenShipment[] {
  if (scheme !== 'counterfeit_medicines') throw new Error(`${scheme} is not an air scheme`);
  const { rng, world } = ctx;
  const newcomer = rng.pick(world.newcomers);
  const list = airShipments(ctx, flight, 0, {
    origin: rng.pick(['DEL', 'BOM', 'PVG']),
    commodity: COMMODITIES['pharma'],
    consignee: newcomer.canonical,
    valueFactor: 0.15,
    description: rng.pick(['MEDICINES', 'PHARMACEUTICAL PRODUCTS', 'HEALTH SUPPLEMENTS']),
  });
  for (const s of list) ctx.record(scheme, { kind: 'shipment', docNumber: s.docNumber, containers: [] });
  return list;
}
