// The demo workspace: synthetic data only, so its passphrase is public and shown on the first-run screen.
import { SCHEMES, type ScenarioParams } from '../generator/model.ts';

export const DEMO_PASSPHRASE = 'portcullis demo workspace';
export const DEMO_NAME = 'Demo — Bar, Belgrade, Skopje';

/** About two weeks of arrivals at Bar, plus passenger flights into Belgrade and Skopje. */
export function demoParams(startDay: string): ScenarioParams {
  return {
    schemes: [...SCHEMES],
    seed: 20261116,
    shipments: 6000,
    passengers: 4000,
    rate: 0.01,
    start: startDay,
    days: 14,
    modes: { sea: 0.7, air: 0.2, road: 0.1 },
    seaports: ['MEBAR'],
    airports: ['BEG', 'SKP'],
  };
}
