// Child process for the training bench (issue 10). Prints progress to stderr and one JSON object as the
// last line of stdout.
//   author: a 50,000-shipment seaport exercise authored through the service (a job: the scenario
//           generated, written as CUSCAR, CODECO, COARRI and IFTSTA, packed, signed, the answer key
//           encrypted). Baseline: the generator alone writing the same scenario's records (no files).
//   open:   the pack opened by a trainee into a new training workspace (verified whole, workspace created
//           with the real key derivation, files stored).
//   score:  a class of 30 submissions received by the trainer (decrypted, signature checked, scored,
//           stored), each with 5–40 selections, some true and some false.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/core.ts';
import { generateScenario } from '../../electron/core/generator/scenario.ts';
import { Rng } from '../../electron/core/generator/rng.ts';
import { scenarioParams } from '../../electron/core/training/exercise-pack.ts';
import { writeSubmission } from '../../electron/core/training/submission.ts';
import type { ExerciseDraft } from '../../shared/domain/training.ts';

const log = (msg: string) => process.stderr.write(`training bench: ${msg}\n`);
const SIZE = Number(process.env['PORTCULLIS_BENCH_TRAINING_SHIPMENTS'] ?? 50_000);

export type TrainingRun = {
  shipments: number;
  targets: number;
  authorMs: number;
  generatorMs: number;
  packBytes: number;
  openMs: number;
  scoreMs: number;
  submissions: number;
  load: [number, number];
};

const load0 = loadavg()[0]!;
const root = mkdtempSync(join(tmpdir(), 'pc-training-bench-'));
const trainer = createCore({ configDir: join(root, 'config-t'), shell: 'cli', version: 'bench', rememberRecent: false });
const trainee = createCore({ configDir: join(root, 'config-s'), shell: 'cli', version: 'bench', rememberRecent: false });
try {
  await trainer.workspace.create({ dir: join(root, 'trainer'), name: 'Trainer', passphrase: 'bench passphrase for the trainer' });
  trainer.exchange.saveProfile({ name: 'CCP Training', agency: 'UNODC', country: 'AT', unitType: 'other' });
  const draft: ExerciseDraft = {
    title: 'Bench exercise',
    template: 'seaport',
    size: SIZE,
    difficulty: 'standard',
    schemes: ['cocaine_reefer', 'rip_on_rip_off', 'precursors', 'cigarettes_underdeclared', 'front_company'],
    targets: Math.round(SIZE * 0.005),
    timeLimitMinutes: 120,
    instructions: '',
    objectives: [],
    seed: 42,
  };
  log('generator baseline');
  const g0 = performance.now();
  let items = 0;
  for (const item of generateScenario(scenarioParams(draft)).items) if (item) items++;
  const generatorMs = performance.now() - g0;

  log(`authoring ${SIZE} shipments`);
  const out = join(root, 'bench.pcexercise');
  const a0 = performance.now();
  const { jobId } = trainer.training.author(draft, out);
  const job = await trainer.jobs.wait(jobId);
  if (job.state !== 'done') throw new Error(`authoring ${job.state}: ${job.error?.message}`);
  const authorMs = performance.now() - a0;
  const exercise = trainer.training.exercises()[0]!;
  const key = trainer.training.answerKey(exercise.id);
  log(`authored in ${authorMs.toFixed(0)} ms, ${statSync(out).size} bytes`);

  const o0 = performance.now();
  await trainee.training.openPack({ uploadId: null, path: out, dir: join(root, 'trainee'), passphrase: 'bench passphrase for a trainee', trainee: 'Bench' });
  const openMs = performance.now() - o0;
  log(`opened in ${openMs.toFixed(0)} ms`);

  // A class of 30: each trainee's selections, signed with their own key, encrypted to the trainer.
  const mark = trainee.training.status()!;
  const recipient = trainer.exchange.identity().keys[0]!.recipient;
  const rng = new Rng(5, 'class');
  const files: string[] = [];
  for (let i = 0; i < 30; i++) {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const n = 5 + rng.int(0, 35);
    const selections = Array.from({ length: n }, (_, k) => {
      const t = key.targets[rng.int(0, key.targets.length - 1)]!;
      const real = rng.next() < 0.6;
      return {
        entity: 'shipment' as const,
        ref: real ? t.ref : `FAKE${randomBytes(4).toString('hex')}`,
        indicators: real ? t.indicators.slice(0, 1 + rng.int(0, 2)) : [],
        justification: 'bench',
        selectedAt: new Date(Date.parse(mark.startedAt) + (k + 1) * 60_000).toISOString(),
      };
    });
    const bytes = await writeSubmission(
      {
        format: 'portcullis-submission/1',
        exerciseId: mark.exerciseId,
        trainee: `Trainee ${i + 1} ${randomUUID().slice(0, 4)}`,
        traineeKey: publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('base64'),
        startedAt: mark.startedAt,
        submittedAt: new Date(Date.parse(mark.startedAt) + 90 * 60_000).toISOString(),
        selections,
      },
      privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      recipient,
    );
    const file = join(root, `s${i}.pcsubmission`);
    writeFileSync(file, bytes);
    files.push(file);
  }
  const s0 = performance.now();
  for (const file of files) await trainer.training.receiveSubmission({ uploadId: null, path: file });
  const results = trainer.training.results(exercise.id);
  const scoreMs = performance.now() - s0;
  if (results.submissions.length !== 30) throw new Error('lost submissions');
  log(`30 submissions scored in ${scoreMs.toFixed(0)} ms`);

  const run: TrainingRun = {
    shipments: SIZE,
    targets: key.targets.length,
    authorMs,
    generatorMs,
    packBytes: statSync(out).size,
    openMs,
    scoreMs,
    submissions: results.submissions.length,
    load: [load0, loadavg()[0]!],
  };
  void items;
  process.stdout.write(JSON.stringify(run) + '\n');
} finally {
  await trainer.shutdown();
  await trainee.shutdown();
  rmSync(root, { recursive: true, force: true });
}
