// Child process for the generator bench: streams a scenario to nowhere (the writer's input) and reports
// the rate and the peak resident memory, in a fresh process so the figure is the generator's own.
import { DEFAULT_PARAMS, generateScenario } from '../../electron/core/generator/scenario.ts';

const shipments = Number(process.argv[2]);
const start = performance.now();
const scenario = generateScenario({ ...DEFAULT_PARAMS, seed: 1, shipments, passengers: 0 });
let count = 0;
let peak = 0;
let items = 0;
for (const item of scenario.items) {
  if (item.type === 'movement') count += item.movement.shipments.length;
  if ((++items & 255) === 0) peak = Math.max(peak, process.memoryUsage.rss());
}
const seconds = (performance.now() - start) / 1000;
peak = Math.max(peak, process.memoryUsage.rss());
process.stdout.write(JSON.stringify({ shipments: count, seconds, perSecond: count / seconds, peakRssMb: peak / 2 ** 20 }) + '\n');
