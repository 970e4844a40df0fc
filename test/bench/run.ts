// `npm run bench`: builds the renderer, measures every figure, prints the table, writes bench/results.json.
//   npm run bench -- --only insert,unlock,roundtrip,coldstart
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { coldStartFigures, insertFigures, roundTripFigures, unlockFigures } from './foundation.bench.ts';
import { demoFigures, generatorFigures } from './generator.bench.ts';
import { gridFigures } from './grids.bench.ts';
import { gridUiFigures } from './grid-ui.bench.ts';
import { importFigures } from './imports.bench.ts';
import { graphFigures } from './graph.bench.ts';
import { targetingFigures } from './targeting.bench.ts';
import { casesFigures } from './cases.bench.ts';
import { exchangeFigures } from './exchange.bench.ts';
import { trainingFigures } from './training.bench.ts';
import { report, type Figure } from './harness.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const suites: Record<string, () => Promise<Figure[]>> = {
  insert: insertFigures,
  unlock: unlockFigures,
  roundtrip: roundTripFigures,
  coldstart: coldStartFigures,
  generator: () => generatorFigures(writerRate),
  demo: demoFigures,
  imports: importFigures,
  grids: gridFigures,
  gridui: gridUiFigures,
  targeting: targetingFigures,
  graph: graphFigures,
  cases: casesFigures,
  exchange: exchangeFigures,
  training: trainingFigures,
};
// The generator's rate is shown beside the writer's (the encrypted insert rate measured in this run).
let writerRate: number | undefined;

const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? process.argv[onlyArg + 1]!.split(',') : Object.keys(suites);

if (spawnSync('vite', ['build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) process.exit(1);
const figures: Figure[] = [];
for (const name of only) {
  const suite = suites[name];
  if (!suite) throw new Error(`unknown bench suite ${name}`);
  console.log(`running ${name}…`);
  const result = await suite();
  if (name === 'insert') writerRate = result.find((f) => f.name.includes('shipment rows'))?.value;
  figures.push(...result);
}
report(figures, `${ROOT}bench/results.json`);
