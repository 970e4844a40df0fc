// Where the schemes go: exactly round(N × rate) records, split evenly over the enabled schemes, at
// random positions among the slots of the mode each scheme uses.
import type { SchemeName } from './model.ts';
import { ExactSampler, type Rng } from './rng.ts';

export type Mode = 'sea' | 'air' | 'road';

/** The transport mode each shipment scheme works through. */
export const SCHEME_MODE: Record<Exclude<SchemeName, 'air_couriers'>, Mode> = {
  cocaine_reefer: 'sea',
  rip_on_rip_off: 'sea',
  precursors: 'sea',
  counterfeit_medicines: 'air',
  cigarettes_underdeclared: 'sea',
  front_company: 'sea',
};

export function isShipmentScheme(s: SchemeName): s is Exclude<SchemeName, 'air_couriers'> {
  return s !== 'air_couriers';
}

export class SchemeSchedule {
  private readonly samplers = new Map<Mode, ExactSampler>();
  private readonly queues = new Map<Mode, SchemeName[]>();

  constructor(rng: Rng, slots: Record<Mode, number>, schemes: SchemeName[], totalShipments: number, rate: number) {
    const shipmentSchemes = schemes.filter(isShipmentScheme);
    const total = Math.round(totalShipments * rate);
    const per = new Map<SchemeName, number>();
    shipmentSchemes.forEach((s, i) => per.set(s, Math.floor(total / shipmentSchemes.length) + (i < total % shipmentSchemes.length ? 1 : 0)));
    for (const mode of ['sea', 'air', 'road'] as const) {
      const queue: SchemeName[] = [];
      for (const s of shipmentSchemes) if (SCHEME_MODE[s] === mode) for (let i = 0; i < per.get(s)!; i++) queue.push(s);
      queue.length = Math.min(queue.length, slots[mode]);
      // Deterministic shuffle, so schemes of one mode are interleaved at random.
      for (let i = queue.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        [queue[i], queue[j]] = [queue[j]!, queue[i]!];
      }
      this.queues.set(mode, queue);
      this.samplers.set(mode, new ExactSampler(rng.fork(`sampler-${mode}`), slots[mode], queue.length));
    }
  }

  next(mode: Mode): SchemeName | null {
    return this.samplers.get(mode)!.take() ? (this.queues.get(mode)!.pop() ?? null) : null;
  }
}
