// Container numbers, seals and the track-and-trace events of a sea leg.
import { iso6346CheckDigit } from '../../../shared/domain/identifiers.ts';
import type { EventKind, GenContainer, GenEvent } from './model.ts';
import type { Rng } from './rng.ts';
import { DAY, HOUR, isoMinute } from './time.ts';

/** Unique ISO 6346 numbers without remembering them: per owner prefix, serial = a bijection of a counter. */
export class ContainerNumbers {
  private readonly counters = new Map<string, number>();

  next(prefix: string): string {
    const n = this.counters.get(prefix) ?? 0;
    this.counters.set(prefix, n + 1);
    let offset = 0;
    for (let i = 0; i < prefix.length; i++) offset = (offset * 31 + prefix.charCodeAt(i)) % 1_000_000;
    const serial = String((n * 7919 + offset) % 1_000_000).padStart(6, '0');
    const body = prefix + serial;
    return body + iso6346CheckDigit(body);
  }
}

export function sealNumber(rng: Rng, carrierCode: string): string {
  return `${carrierCode.slice(0, 2)}${rng.digits(7)}`;
}

export type SeaLeg = {
  origin: string;
  hub: string | null;
  destination: string;
  bookingAt: number;
  departureAt: number;
  hubArrivalAt: number | null;
  hubDepartureAt: number | null;
  arrivalAt: number;
  firstVesselKey: string;
  firstVoyage: string;
  lastVesselKey: string;
  lastVoyage: string;
};

/**
 * Events consistent with the voyage: empty out and full in at origin, loaded, discharged and transshipped
 * at the hub, discharged at destination, full out to the consignee. `sealAfterHub` differs from `seal`
 * only in the rip-on/rip-off scheme.
 */
export function seaEvents(rng: Rng, leg: SeaLeg, seal: string, sealAfterHub: string): GenEvent[] {
  const ev = (kind: EventKind, at: number, place: string, s: string | null, fullEmpty: 'F' | 'E', vessel: string | null, voyage: string | null): GenEvent => ({
    kind,
    at: isoMinute(at),
    place,
    seal: s,
    fullEmpty,
    conveyanceKey: vessel,
    voyage,
  });
  const events: GenEvent[] = [];
  const emptyOut = Math.max(leg.bookingAt + DAY, leg.departureAt - rng.int(4, 9) * DAY) + rng.int(7, 17) * HOUR;
  events.push(ev('gate_out_empty', emptyOut, leg.origin, null, 'E', null, null));
  events.push(ev('gate_in_full', Math.min(leg.departureAt - 12 * HOUR, emptyOut + rng.int(1, 3) * DAY), leg.origin, seal, 'F', null, null));
  events.push(ev('loaded', leg.departureAt - rng.int(2, 10) * HOUR, leg.origin, seal, 'F', leg.firstVesselKey, leg.firstVoyage));
  if (leg.hub && leg.hubArrivalAt !== null && leg.hubDepartureAt !== null) {
    // Discharge and reloading stay inside the dwell, however short (rip-on/rip-off dwells are hours).
    const third = Math.max(1, Math.floor((leg.hubDepartureAt - leg.hubArrivalAt) / HOUR / 3));
    events.push(ev('discharged', leg.hubArrivalAt + rng.int(1, Math.min(10, third)) * HOUR, leg.hub, seal, 'F', leg.firstVesselKey, leg.firstVoyage));
    events.push(ev('transshipped', leg.hubDepartureAt - rng.int(1, Math.min(6, third)) * HOUR, leg.hub, sealAfterHub, 'F', leg.lastVesselKey, leg.lastVoyage));
  }
  events.push(ev('discharged', leg.arrivalAt + rng.int(2, 14) * HOUR, leg.destination, sealAfterHub, 'F', leg.lastVesselKey, leg.lastVoyage));
  events.push(ev('gate_out_full', leg.arrivalAt + rng.int(1, 6) * DAY + rng.int(7, 16) * HOUR, leg.destination, sealAfterHub, 'F', null, null));
  return events;
}

export function emptyContainer(number: string, sizeType: string, tareKg: number, seal: string, events: GenEvent[]): GenContainer {
  return { number, sizeType, tareKg, seals: [seal], events };
}
