// Training mode (issue 10) end to end in the core: a trainer authors an exercise (a background job that
// packs the scenario's files, the instructions and the answer key encrypted to the trainer), a trainee
// opens it into a marked training workspace kept apart from live work, imports its files, selects
// targets and submits; the trainer verifies and scores the submission. Altered packs and submissions
// are refused.
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExerciseDraft } from '../../shared/domain/training.ts';
import { importFile } from '../../electron/core/ingest/import-file.ts';
import { PackageZipWriter, readZipStream } from '../../electron/core/exchange/package-zip.ts';
import { readPack } from '../../electron/core/training/exercise-pack.ts';
import { PASSPHRASE, testCore, type TestCore } from './helpers/workspace.ts';

const draft = (over: Partial<ExerciseDraft> = {}): ExerciseDraft => ({
  title: 'Reefers through Bar',
  template: 'seaport',
  size: 300,
  difficulty: 'standard',
  schemes: ['cocaine_reefer', 'rip_on_rip_off'],
  targets: 8,
  timeLimitMinutes: 60,
  instructions: 'Select the containers to examine.',
  objectives: ['Read a CUSCAR', 'Spot a seal change'],
  seed: 7,
  ...over,
});

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
    return 'accepted';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

describe('training', () => {
  let trainer: TestCore;
  let trainee: TestCore;
  let pack: string;
  let exerciseRow: number;

  beforeAll(async () => {
    trainer = testCore();
    trainee = testCore();
    await trainer.core.workspace.create({ dir: join(trainer.root, 'ws'), name: 'Trainer', passphrase: PASSPHRASE });
    trainer.core.exchange.saveProfile({ name: 'CCP Training', agency: 'UNODC', country: 'AT', unitType: 'other' });
  });
  afterAll(async () => {
    await trainer.dispose();
    await trainee.dispose();
  });

  it('authors an exercise pack in a background job, its answer key kept by the trainer', async () => {
    const { jobId, file } = trainer.core.training.author(draft(), join(trainer.root, 'reefers.pcexercise'));
    const job = await trainer.core.jobs.wait(jobId);
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    pack = file;
    const ex = trainer.core.training.exercises().at(-1);
    expect(ex).toMatchObject({ title: 'Reefers through Bar', template: 'seaport', submissions: 0 });
    exerciseRow = ex!.id;
    const key = trainer.core.training.answerKey(ex!.id);
    expect(key.targets.length).toBeGreaterThan(0);
    // The debrief can say which network links lead to each hidden record (a shared party, address or booking).
    const linked = key.targets.filter((t) => (t.links ?? []).length > 0);
    expect(linked.length).toBeGreaterThan(0);
    for (const t of linked) for (const l of t.links!) expect(key.targets.map((x) => x.ref)).toContain(l.other);
    expect(key.schemes.map((s) => s.name).sort()).toEqual(['cocaine_reefer', 'rip_on_rip_off'].sort().filter((n) => key.schemes.some((s) => s.name === n)));
    // The pack holds the files in their real formats and the answer key encrypted: no target's number in clear.
    const opened = await readPack(pack);
    expect(opened.files.map((f) => f.format).sort()).toEqual(['coarri', 'codeco', 'cuscar', 'iftsta']);
    expect(opened.answerKey.subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    expect(opened.answerKey.includes(Buffer.from(key.targets[0]!.ref))).toBe(false);
    expect(opened.manifest.briefing.map((b) => b.indicators.length)).toEqual(opened.manifest.briefing.map(() => 0));
    // Without a path: an Exercises folder beside the workspace, and a second pack of the same title does not replace the first.
    for (let i = 0; i < 2; i++) {
      const j = trainer.core.training.author(draft({ size: 60, targets: 2 }), null);
      expect((await trainer.core.jobs.wait(j.jobId)).state).toBe('done');
      expect(j.file).toBe(join(trainer.root, 'Exercises', i === 0 ? 'Reefers-through-Bar.pcexercise' : 'Reefers-through-Bar-2.pcexercise'));
      expect(existsSync(j.file) && !existsSync(`${j.file}.files`)).toBe(true);
    }
  });

  it('refuses a pack altered after the trainer signed it', async () => {
    const entries: { name: string; data: Buffer }[] = [];
    for await (const e of readZipStream(createReadStream(pack))) {
      const parts: Buffer[] = [];
      for await (const c of e.data) parts.push(c);
      entries.push({ name: e.name, data: Buffer.concat(parts) });
    }
    const remade = async (change: (e: { name: string; data: Buffer }[]) => void) => {
      const copy = entries.map((e) => ({ ...e }));
      change(copy);
      const parts: Buffer[] = [];
      const w = new PackageZipWriter((c) => void parts.push(Buffer.from(c)));
      for (const e of copy) await w.addBuffer(e.name, e.data, 'deflate');
      await w.finish();
      const file = join(trainer.root, `altered-${Math.random()}.pcexercise`);
      writeFileSync(file, Buffer.concat(parts));
      return file;
    };
    // The manifest changed (a longer time limit): the trainer's signature no longer verifies.
    const longer = await remade((e) => {
      const m = e.find((x) => x.name === 'manifest.json')!;
      m.data = Buffer.from(m.data.toString().replace('"timeLimitMinutes":60', '"timeLimitMinutes":600'));
    });
    expect(await codeOf(readPack(longer))).toBe('TRAINING_PACK_INVALID');
    // A file swapped under a valid signature: its hash no longer matches.
    const swapped = await remade((e) => {
      const f = e.find((x) => x.name.startsWith('files/'))!;
      f.data = Buffer.concat([f.data, Buffer.from('extra')]);
    });
    expect(await codeOf(readPack(swapped))).toBe('TRAINING_PACK_INVALID');
    // A byte flipped in the file itself.
    const bytes = readFileSync(pack);
    bytes[Math.floor(bytes.length / 2)] = bytes[Math.floor(bytes.length / 2)]! ^ 0xff;
    writeFileSync(join(trainer.root, 'flipped.pcexercise'), bytes);
    expect(await codeOf(readPack(join(trainer.root, 'flipped.pcexercise')))).toBe('TRAINING_PACK_INVALID');
  });

  it('opens the pack into a marked training workspace, kept apart from live work', async () => {
    const info = await trainee.core.training.openPack({
      uploadId: null,
      path: pack,
      dir: join(trainee.root, 'training'),
      passphrase: PASSPHRASE,
      trainee: 'Ana Petrović',
    });
    expect(info.training).toMatchObject({ title: 'Reefers through Bar', trainee: 'Ana Petrović' });
    const mark = trainee.core.training.status()!;
    expect(mark).toMatchObject({ timeLimitMinutes: 60, objectives: ['Read a CUSCAR', 'Spot a seal change'], submittedAt: null });
    expect(mark.briefing.map((b) => b.name).sort()).toEqual(['cocaine_reefer', 'rip_on_rip_off']);
    expect(mark.indicatorChoices.length).toBeGreaterThan(10);
    // Nothing is exchanged with live workspaces.
    trainee.core.exchange.saveProfile({ name: 'Trainee', agency: 'x', country: 'ME', unitType: 'PCU' });
    expect(await codeOf(trainee.core.exchange.receive({ uploadId: null, path: pack, dryRun: true }))).toBe('TRAINING_ISOLATED');
    expect(await codeOf(() => trainee.core.training.author(draft(), null))).toBe('TRAINING_ISOLATED');
  });

  it('imports the exercise files with the ordinary importers', () => {
    // No peeking: the answers are revealed only once the selections are in or the time is up.
    expect(() => trainee.core.training.reveal({ uploadId: null, path: pack })).toThrow(expect.objectContaining({ code: 'TRAINING_NOT_OVER' }));
    const files = trainee.core.training.files();
    expect(files.map((f) => f.format).sort()).toEqual(['coarri', 'codeco', 'cuscar', 'iftsta']);
    const cuscar = files.find((f) => f.format === 'cuscar')!;
    const upload = trainee.core.training.fileUpload(cuscar.name);
    const path = (trainee.core as unknown as { imports: { deps: { uploads: { get(id: string): { file: string } } } } }).imports.deps.uploads.get(
      upload.uploadId,
    ).file;
    const r = importFile(trainee.core.workspace.db(), path, { format: 'cuscar', strict: false, actor: 'trainee', displayName: cuscar.name });
    expect(r.refused).toBe(false);
    expect(r.report.accepted).toBe(300);
  });

  it('scores a submission: the true targets found, a false alarm costed, the answer key never with the trainee', async () => {
    const key = trainer.core.training.answerKey(exerciseRow);
    const [t1, t2] = key.targets;
    trainee.core.training.select({ entity: 'shipment', ref: t1!.ref, indicators: [t1!.indicators[0]!], justification: 'Reefer from Guayaquil via a hub' });
    trainee.core.training.select({ entity: 'shipment', ref: t2!.ref, indicators: [], justification: '' });
    const wrong = trainee.core.workspace
      .db()
      .prepare('SELECT doc_number FROM shipment WHERE doc_number NOT IN (?, ?) LIMIT 1')
      .pluck()
      .get(t1!.ref, t2!.ref) as string;
    trainee.core.training.select({ entity: 'shipment', ref: wrong, indicators: [], justification: 'hunch' });
    const sent = await trainee.core.training.submit(join(trainee.root, 'ana.pcsubmission'));
    expect(sent).toMatchObject({ selections: 3, late: false });
    expect(await codeOf(() => trainee.core.training.select({ entity: 'shipment', ref: 'X', indicators: [], justification: '' }))).toBe('TRAINING_SUBMITTED');
    // Only the trainer can open it.
    expect(readFileSync(sent.file).includes(Buffer.from(t1!.ref))).toBe(false);

    const result = await trainer.core.training.receiveSubmission({ uploadId: null, path: sent.file });
    const isTarget = (ref: string) => key.targets.some((t) => t.ref === ref);
    const expectedTp = [t1!.ref, t2!.ref, wrong].filter(isTarget).length;
    expect(result).toMatchObject({ trainee: 'Ana Petrović', rank: 1 });
    expect(result.score.truePositives).toBe(expectedTp);
    expect(result.score.precision).toBeCloseTo(expectedTp / 3, 3);
    expect(result.score.missed).toHaveLength(key.targets.length - expectedTp);
    // The same file again is the same submission.
    await trainer.core.training.receiveSubmission({ uploadId: null, path: sent.file });
    expect(trainer.core.training.results(exerciseRow).submissions).toHaveLength(1);
    expect(trainer.core.training.results(exerciseRow).rules.length).toBeGreaterThan(3);
  });

  it('reveals the ground truth for the debrief: signed by the trainer, marked on the grids and the graph', async () => {
    const { file, targets } = trainer.core.training.exportAnswers(exerciseRow, join(trainer.root, 'answers.pcanswers'));
    // Altered, it is refused and nothing is marked.
    const text = readFileSync(file, 'utf8');
    writeFileSync(join(trainer.root, 'forged.pcanswers'), text.replace('cocaine_reefer', 'precursors'));
    expect(await codeOf(() => trainee.core.training.reveal({ uploadId: null, path: join(trainer.root, 'forged.pcanswers') }))).toBe('TRAINING_ANSWERS_INVALID');
    expect(trainee.core.training.truth()).toEqual([]);
    expect(trainee.core.training.reveal({ uploadId: null, path: file })).toEqual({ targets });
    const truth = trainee.core.training.truth();
    expect(truth).toHaveLength(targets);
    const found = truth.filter((t) => t.recordId !== null);
    expect(found.length).toBe(targets);
    const page = trainee.core.grids.page({
      grid: 'shipments',
      sort: null,
      filters: { truth: { kind: 'flag', value: true } },
      search: '',
      start: 0,
      limit: 1000,
    });
    expect(page.rows.map((r) => r['docNumber']).sort()).toEqual(found.map((t) => t.ref).sort());
    const [node] = trainee.core.graph.describe([`shipment:${found[0]!.recordId}`]);
    expect(node!.watch).toEqual([`Ground truth: ${found[0]!.scheme}`]);
  });

  it('refuses a submission that is altered or not for this trainer', async () => {
    const file = join(trainee.root, 'ana.pcsubmission');
    const bytes = readFileSync(file);
    const altered = Buffer.from(bytes);
    altered[altered.length - 20] = altered[altered.length - 20]! ^ 1;
    writeFileSync(join(trainee.root, 'bad.pcsubmission'), altered);
    expect(await codeOf(trainer.core.training.receiveSubmission({ uploadId: null, path: join(trainee.root, 'bad.pcsubmission') }))).toBe(
      'TRAINING_SUBMISSION_INVALID',
    );
  });
});
