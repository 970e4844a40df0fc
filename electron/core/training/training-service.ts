// Training mode (issue 10) for the UI and the CLI. The trainer authors exercises (a background job that
// generates the scenario and writes a signed pack), previews the answer key, receives submissions and
// sees the class's scores. A trainee opens a pack into a new training workspace — marked, and kept
// apart from live work — imports its files with the ordinary importers, selects targets with the
// indicators and reasons, and submits a signed file for the trainer.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  ExerciseDraftSchema,
  scoreSubmission,
  SCORING_RULES,
  type AnswerPreview,
  type AnswerTarget,
  type ClassResults,
  type ExerciseDraft,
  type ExerciseSummary,
  type Selection,
  type SelectionInput,
  type SubmissionResult,
  type TrainingFile,
  type TrainingMark,
} from '../../../shared/domain/training.ts';
import type { WorkspaceInfo } from '../../../shared/domain/workspace.ts';
import { AppError } from '../../../shared/errors.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { EventBus } from '../app/events.ts';
import { canonicalJson } from '../audit/audit-log.ts';
import { ownIdentities, ownKey, unitProfile, verifySignature } from '../exchange/unit-keys.ts';
import type { Uploads } from '../ingest/uploads.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { writeTransaction, type Db } from '../workspace/database.ts';
import type { WorkspaceService } from '../workspace/workspace-service.ts';
import { workerUrl } from '../../workers/index.ts';
import { readPack } from './exercise-pack.ts';
import { readSubmission, writeSubmission, type Submission } from './submission.ts';

export type TrainingServiceDeps = { jobs: JobRunner; events: EventBus; workspace: WorkspaceService; uploads: Uploads; actor: string; now?: () => Date };

const MARK = 'training';
const ANSWERS_FORMAT = 'portcullis-answers/1';
const KEY = 'training.key';

/** The training mark of a workspace, or null for a live one. */
export function trainingMark(db: Db): TrainingMark | null {
  const row = db.prepare('SELECT value FROM setting WHERE key = ?').get(MARK) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as TrainingMark) : null;
}

/** Refuses, in a training workspace, what would move data between it and live work. */
export function assertLive(db: Db): void {
  if (trainingMark(db)) throw new AppError('TRAINING_ISOLATED', 'A training workspace exchanges nothing with live workspaces.');
}

type ExerciseRow = { id: number; exercise_id: string; title: string; draft: string; answer: string; file: string | null; created_at: string };

export class TrainingService {
  private readonly deps: TrainingServiceDeps;

  constructor(deps: TrainingServiceDeps) {
    this.deps = deps;
  }

  private db(): Db {
    return this.deps.workspace.db();
  }
  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
  private write<T>(db: Db, fn: () => T): T {
    return writeTransaction(db, fn);
  }

  // --- Trainer ------------------------------------------------------------------------------------

  /** Starts authoring an exercise: the scenario is generated and packed by a background job; the pack is
   * written to `out` (or beside the workspace) and the exercise with its answer key kept here. */
  author(draft: ExerciseDraft, out: string | null): { jobId: string; file: string } {
    const db = this.db();
    assertLive(db);
    const profile = unitProfile(db);
    const key = ownKey(db);
    const secret = (db.prepare('SELECT signing_secret FROM unit_key WHERE fingerprint = ?').get(key.fingerprint) as { signing_secret: string }).signing_secret;
    const status = this.deps.workspace.status();
    const base = status.state === 'unlocked' ? dirname(status.workspace.dir) : '.';
    const stem =
      draft.title
        .replace(/[^\p{L}\p{N}]+/gu, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 60) || 'exercise';
    const file = out ?? freeName(join(base, 'Exercises'), stem, '.pcexercise');
    mkdirSync(dirname(file), { recursive: true });
    const job = this.deps.jobs.start({
      // A cancelled job leaves neither the half-written pack nor the scenario's files.
      cleanup: () => {
        rmSync(`${file}.partial`, { force: true });
        rmSync(`${file}.files`, { recursive: true, force: true });
      },
      kind: 'training.author',
      label: draft.title,
      worker: workerUrl('training'),
      input: {
        draft,
        out: file,
        trainer: { unit: profile!, fingerprint: key.fingerprint, signingKey: key.signingKey, signingSecret: secret, recipient: key.recipient },
      },
      onResult: (result) => {
        const r = result as { exerciseId: string; targets: AnswerTarget[]; bytes: number };
        const at = this.now().toISOString();
        const db = this.db();
        this.write(db, () => {
          const id = Number(
            db
              .prepare('INSERT INTO training_exercise (exercise_id, title, draft, answer, file, created_by, created_at) VALUES (?,?,?,?,?,?,?)')
              .run(r.exerciseId, draft.title, JSON.stringify(draft), JSON.stringify(r.targets), file, this.deps.actor, at).lastInsertRowid,
          );
          appendAudit(db, {
            actor: this.deps.actor,
            action: 'training.exercise.author',
            entity: 'training_exercise',
            entityId: String(id),
            details: { exercise: r.exerciseId, targets: r.targets.length, bytes: r.bytes },
          });
        });
        this.deps.events.emit('data.changed', { tables: ['training_exercise'] });
        return { ...r, targets: r.targets.length, file };
      },
    });
    return { jobId: job.id, file };
  }

  private exerciseRow(db: Db, id: number): ExerciseRow {
    const r = db.prepare('SELECT * FROM training_exercise WHERE id = ?').get(id) as ExerciseRow | undefined;
    if (!r) throw new AppError('TRAINING_EXERCISE_NOT_FOUND', 'There is no such exercise.', { id });
    return r;
  }

  private summary(db: Db, r: ExerciseRow): ExerciseSummary {
    const draft = ExerciseDraftSchema.parse(JSON.parse(r.draft));
    return {
      id: r.id,
      exerciseId: r.exercise_id,
      title: r.title,
      template: draft.template,
      difficulty: draft.difficulty,
      size: draft.size,
      targets: (JSON.parse(r.answer) as unknown[]).length,
      timeLimitMinutes: draft.timeLimitMinutes,
      createdAt: r.created_at,
      file: r.file,
      submissions: db.prepare('SELECT count(*) FROM training_submission WHERE exercise_row = ?').pluck().get(r.id) as number,
    };
  }

  exercises(): ExerciseSummary[] {
    const db = this.db();
    return (db.prepare('SELECT * FROM training_exercise ORDER BY created_at DESC').all() as ExerciseRow[]).map((r) => this.summary(db, r));
  }

  answerKey(id: number): AnswerPreview {
    const db = this.db();
    const r = this.exerciseRow(db, id);
    const targets = JSON.parse(r.answer) as AnswerTarget[];
    const schemes = new Map<string, { name: string; count: number; indicators: string[] }>();
    for (const t of targets) {
      const s = schemes.get(t.scheme) ?? { name: t.scheme, count: 0, indicators: t.indicators };
      s.count++;
      schemes.set(t.scheme, s);
    }
    this.write(db, () =>
      appendAudit(db, { actor: this.deps.actor, action: 'training.answers.view', entity: 'training_exercise', entityId: String(id), details: {} }),
    );
    return { exercise: this.summary(db, r), schemes: [...schemes.values()], targets };
  }

  /** Verifies and scores a trainee's submission against the exercise it answers. */
  async receiveSubmission(input: { uploadId: string | null; path: string | null }): Promise<SubmissionResult> {
    const path = input.uploadId ? this.deps.uploads.get(input.uploadId).file : input.path;
    if (!path) throw new AppError('API_INVALID_INPUT', 'Name the submission file.');
    const db = this.db();
    const { submission, sha256 } = await readSubmission(readFileSync(path), ownIdentities(db));
    const r = db.prepare('SELECT * FROM training_exercise WHERE exercise_id = ?').get(submission.exerciseId) as ExerciseRow | undefined;
    if (!r)
      throw new AppError('TRAINING_SUBMISSION_INVALID', 'This submission answers an exercise that is not one of yours.', { exercise: submission.exerciseId });
    const draft = ExerciseDraftSchema.parse(JSON.parse(r.draft));
    const score = scoreSubmission({
      targets: JSON.parse(r.answer) as AnswerTarget[],
      selections: submission.selections,
      startedAt: submission.startedAt,
      submittedAt: submission.submittedAt,
      timeLimitMinutes: draft.timeLimitMinutes,
    });
    const id = this.write(db, () => {
      const known = db.prepare('SELECT id FROM training_submission WHERE file_sha256 = ?').pluck().get(sha256) as number | undefined;
      if (known) return known;
      const rowId = Number(
        db
          .prepare(
            `INSERT INTO training_submission (exercise_row, trainee, trainee_key, started_at, submitted_at, selections, score, total, file_sha256, received_at, received_by)
             VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
          )
          .run(
            r.id,
            submission.trainee,
            submission.traineeKey,
            submission.startedAt,
            submission.submittedAt,
            JSON.stringify(submission.selections),
            JSON.stringify(score),
            score.total,
            sha256,
            this.now().toISOString(),
            this.deps.actor,
          ).lastInsertRowid,
      );
      appendAudit(db, {
        actor: this.deps.actor,
        action: 'training.submission.receive',
        entity: 'training_submission',
        entityId: String(rowId),
        details: { exercise: r.exercise_id, total: score.total, sha256 },
      });
      return rowId;
    });
    this.deps.events.emit('data.changed', { tables: ['training_submission'] });
    return this.results(r.id).submissions.find((s) => s.id === id)!;
  }

  /** The class: every submission with its score, best first (ties by the earlier submission). */
  results(id: number): ClassResults {
    const db = this.db();
    const r = this.exerciseRow(db, id);
    const rows = db.prepare('SELECT * FROM training_submission WHERE exercise_row = ? ORDER BY total DESC, submitted_at, id').all(id) as {
      id: number;
      trainee: string;
      started_at: string;
      submitted_at: string;
      score: string;
      total: number;
    }[];
    let rank = 0;
    let previous: number | null = null;
    const submissions = rows.map((s, i) => {
      if (s.total !== previous) rank = i + 1;
      previous = s.total;
      return {
        id: s.id,
        trainee: s.trainee,
        startedAt: s.started_at,
        submittedAt: s.submitted_at,
        total: s.total,
        score: JSON.parse(s.score),
        rank,
      } as SubmissionResult;
    });
    return { exercise: this.summary(db, r), submissions, rules: SCORING_RULES.text };
  }

  /** For the debrief: the answer key as a file signed by this unit (the key that signed the pack), which a
   * training workspace opened from the pack accepts to mark the ground truth on its grids and graph. */
  exportAnswers(id: number, out: string | null): { file: string; targets: number } {
    const db = this.db();
    const r = this.exerciseRow(db, id);
    const key = ownKey(db);
    const body = Buffer.from(canonicalJson({ format: ANSWERS_FORMAT, exerciseId: r.exercise_id, targets: JSON.parse(r.answer) as AnswerTarget[] }));
    const signature = key.sign(body).toString('base64');
    const file = out ?? join(dirname(r.file ?? join(this.baseDir(), 'x')), `${r.exercise_id.slice(0, 8)}-answers.pcanswers`);
    writeFileSync(file, JSON.stringify({ fingerprint: key.fingerprint, signature, body: body.toString('utf8') }), { mode: 0o600 });
    this.write(db, () =>
      appendAudit(db, { actor: this.deps.actor, action: 'training.answers.export', entity: 'training_exercise', entityId: String(id), details: { file } }),
    );
    return { file, targets: (JSON.parse(r.answer) as unknown[]).length };
  }

  private baseDir(): string {
    const status = this.deps.workspace.status();
    return status.state === 'unlocked' ? dirname(status.workspace.dir) : '.';
  }

  // --- Trainee ------------------------------------------------------------------------------------

  /** Opens an exercise pack into a new training workspace at `dir` (created, marked and opened). */
  async openPack(input: { uploadId: string | null; path: string | null; dir: string; passphrase: string; trainee: string }): Promise<WorkspaceInfo> {
    const path = input.uploadId ? this.deps.uploads.get(input.uploadId).file : input.path;
    if (!path) throw new AppError('API_INVALID_INPUT', 'Name the exercise pack.');
    const pack = await readPack(path);
    const m = pack.manifest;
    const info = await this.deps.workspace.create({ dir: input.dir, name: `TRAINING — ${m.title}`.slice(0, 120), passphrase: input.passphrase });
    const db = this.db();
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const mark: TrainingMark = {
      exerciseId: m.id,
      title: m.title,
      template: m.template,
      difficulty: m.difficulty,
      trainee: input.trainee,
      trainer: { name: m.trainer.unit.name, country: m.trainer.unit.country, fingerprint: m.trainer.fingerprint },
      startedAt: this.now().toISOString(),
      timeLimitMinutes: m.timeLimitMinutes,
      instructions: m.instructions,
      objectives: m.objectives,
      briefing: m.briefing,
      indicatorChoices: m.indicatorChoices,
      submittedAt: null,
    };
    this.write(db, () => {
      const set = db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
      set.run(MARK, JSON.stringify(mark));
      set.run(
        KEY,
        JSON.stringify({
          public: publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('base64'),
          secret: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
          trainerRecipient: m.trainer.recipient,
          trainerSigningKey: m.trainer.signingKey,
        }),
      );
      const ins = db.prepare('INSERT INTO training_file (name, format, data, sha256) VALUES (?,?,?,?)');
      for (const f of pack.files) ins.run(f.name, f.format, f.data, f.sha256);
      appendAudit(db, {
        actor: this.deps.actor,
        action: 'training.pack.open',
        entity: 'workspace',
        entityId: info.id,
        details: { exercise: m.id, trainee: input.trainee },
      });
    });
    // The workspace was announced when created, before it was marked: announce it again, marked.
    const status = this.deps.workspace.status();
    this.deps.events.emit('workspace.changed', status);
    return status.state === 'unlocked' ? status.workspace : info;
  }

  private requireMark(db: Db): TrainingMark {
    const mark = trainingMark(db);
    if (!mark) throw new AppError('TRAINING_NOT_TRAINING', 'This is not a training workspace.');
    return mark;
  }

  status(): TrainingMark | null {
    return trainingMark(this.db());
  }

  files(): TrainingFile[] {
    const db = this.db();
    this.requireMark(db);
    return db.prepare('SELECT name, format, length(data) AS size FROM training_file ORDER BY name').all() as TrainingFile[];
  }

  /** Hands one of the exercise's files to the importers, as if the trainee had dropped it. */
  fileUpload(name: string): { uploadId: string; name: string; format: string } {
    const db = this.db();
    this.requireMark(db);
    const f = db.prepare('SELECT name, format, data FROM training_file WHERE name = ?').get(name) as { name: string; format: string; data: Buffer } | undefined;
    if (!f) throw new AppError('RECORD_NOT_FOUND', 'The exercise has no such file.', { name });
    let uploadId: string | null = null;
    for (let o = 0; o < f.data.length || o === 0; o += 8 * 1024 * 1024) {
      uploadId = this.deps.uploads.append({ uploadId, name: f.name, offset: o, data: f.data.subarray(o, o + 8 * 1024 * 1024).toString('base64') }).uploadId;
      if (f.data.length === 0) break;
    }
    return { uploadId: uploadId!, name: f.name, format: f.format };
  }

  selections(): Selection[] {
    const db = this.db();
    this.requireMark(db);
    return (db.prepare('SELECT * FROM training_selection ORDER BY selected_at, id').all() as Record<string, string | number>[]).map((r) => ({
      id: Number(r['id']),
      entity: r['entity'] as Selection['entity'],
      ref: String(r['ref']),
      indicators: JSON.parse(String(r['indicators'])) as string[],
      justification: String(r['justification']),
      selectedAt: String(r['selected_at']),
    }));
  }

  select(input: SelectionInput): Selection {
    const db = this.db();
    const mark = this.requireMark(db);
    if (mark.submittedAt) throw new AppError('TRAINING_SUBMITTED', 'The selections were already submitted.');
    this.write(db, () =>
      db
        .prepare(
          `INSERT INTO training_selection (entity, ref, indicators, justification, selected_at) VALUES (@entity, @ref, @indicators, @justification, @at)
           ON CONFLICT(entity, ref) DO UPDATE SET indicators = excluded.indicators, justification = excluded.justification`,
        )
        .run({ ...input, indicators: JSON.stringify(input.indicators), at: this.now().toISOString() }),
    );
    this.deps.events.emit('data.changed', { tables: ['training_selection'] });
    return this.selections().find((s) => s.entity === input.entity && s.ref === input.ref)!;
  }

  unselect(id: number): { removed: true } {
    const db = this.db();
    const mark = this.requireMark(db);
    if (mark.submittedAt) throw new AppError('TRAINING_SUBMITTED', 'The selections were already submitted.');
    this.write(db, () => db.prepare('DELETE FROM training_selection WHERE id = ?').run(id));
    this.deps.events.emit('data.changed', { tables: ['training_selection'] });
    return { removed: true };
  }

  /** Writes the signed, encrypted submission; the selections are frozen from then on. */
  async submit(out: string | null): Promise<{ file: string; selections: number; late: boolean }> {
    const db = this.db();
    const mark = this.requireMark(db);
    const key = JSON.parse((db.prepare('SELECT value FROM setting WHERE key = ?').get(KEY) as { value: string }).value) as {
      public: string;
      secret: string;
      trainerRecipient: string;
    };
    const submittedAt = mark.submittedAt ?? this.now().toISOString();
    const submission: Submission = {
      format: 'portcullis-submission/1',
      exerciseId: mark.exerciseId,
      trainee: mark.trainee,
      traineeKey: key.public,
      startedAt: mark.startedAt,
      submittedAt,
      selections: this.selections().map(({ entity, ref, indicators, justification, selectedAt }) => ({ entity, ref, indicators, justification, selectedAt })),
    };
    const bytes = await writeSubmission(submission, key.secret, key.trainerRecipient);
    const status = this.deps.workspace.status();
    const base = status.state === 'unlocked' ? dirname(status.workspace.dir) : '.';
    const file = out ?? freeName(base, `${mark.trainee.replace(/[^\p{L}\p{N}]+/gu, '-') || 'trainee'}-${mark.exerciseId.slice(0, 8)}`, '.pcsubmission');
    writeFileSync(file, bytes, { mode: 0o600 });
    this.write(db, () => {
      db.prepare('UPDATE setting SET value = ? WHERE key = ?').run(JSON.stringify({ ...mark, submittedAt }), MARK);
      appendAudit(db, {
        actor: this.deps.actor,
        action: 'training.submit',
        entity: 'workspace',
        entityId: null,
        details: { exercise: mark.exerciseId, selections: submission.selections.length, sha256: createHash('sha256').update(bytes).digest('hex') },
      });
    });
    this.deps.events.emit('data.changed', { tables: ['training_selection'] });
    const late = Date.parse(submittedAt) > Date.parse(mark.startedAt) + mark.timeLimitMinutes * 60_000;
    return { file, selections: submission.selections.length, late };
  }

  /** Debrief: accepts the trainer's signed answer key (checked against the key that signed the pack) and
   * marks the ground truth on this training workspace's grids and graph. */
  reveal(input: { uploadId: string | null; path: string | null }): { targets: number } {
    const path = input.uploadId ? this.deps.uploads.get(input.uploadId).file : input.path;
    if (!path) throw new AppError('API_INVALID_INPUT', 'Name the answer key file.');
    const db = this.db();
    const mark = this.requireMark(db);
    const key = JSON.parse((db.prepare('SELECT value FROM setting WHERE key = ?').get(KEY) as { value: string }).value) as { trainerSigningKey?: string };
    const over = mark.submittedAt !== null || this.now().getTime() > Date.parse(mark.startedAt) + mark.timeLimitMinutes * 60_000;
    if (!over) throw new AppError('TRAINING_NOT_OVER', 'The answers are revealed once the selections are submitted or the time is up.');
    const invalid = (why: string) => new AppError('TRAINING_ANSWERS_INVALID', "This is not the trainer's answer key for this exercise.", { why });
    let parsed: { fingerprint: string; signature: string; body: string };
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8')) as typeof parsed;
    } catch {
      throw invalid('not an answer key file');
    }
    if (
      typeof parsed.body !== 'string' ||
      typeof parsed.signature !== 'string' ||
      !key.trainerSigningKey ||
      parsed.fingerprint !== mark.trainer.fingerprint ||
      !verifySignature(key.trainerSigningKey, Buffer.from(parsed.body, 'utf8'), Buffer.from(parsed.signature, 'base64'))
    ) {
      throw invalid('not signed by the trainer who signed the pack');
    }
    const body = JSON.parse(parsed.body) as { format?: string; exerciseId?: string; targets?: AnswerTarget[] };
    if (body.format !== ANSWERS_FORMAT || body.exerciseId !== mark.exerciseId || !Array.isArray(body.targets)) throw invalid('for another exercise');
    const targets = body.targets;
    this.write(db, () => {
      db.prepare('DELETE FROM training_truth').run();
      const ins = db.prepare('INSERT OR IGNORE INTO training_truth (entity, ref, scheme, indicators) VALUES (?,?,?,?)');
      for (const t of targets) ins.run(t.entity, t.ref, t.scheme, JSON.stringify(t.indicators));
      appendAudit(db, { actor: this.deps.actor, action: 'training.reveal', entity: 'workspace', entityId: null, details: { targets: targets.length } });
    });
    this.deps.events.emit('data.changed', { tables: ['training_truth', 'shipment', 'passenger'] });
    return { targets: targets.length };
  }

  /** The revealed ground truth with the records it names in this workspace (null id: not imported). */
  truth(): (AnswerTarget & { recordId: number | null })[] {
    const db = this.db();
    this.requireMark(db);
    const rows = db.prepare('SELECT * FROM training_truth ORDER BY scheme, entity, ref').all() as {
      entity: AnswerTarget['entity'];
      ref: string;
      scheme: string;
      indicators: string;
    }[];
    const shipment = db.prepare('SELECT id FROM shipment WHERE doc_number = ? ORDER BY version DESC LIMIT 1').pluck();
    const passenger = db.prepare('SELECT id FROM passenger WHERE doc_number = ? ORDER BY id LIMIT 1').pluck();
    return rows.map((r) => ({
      entity: r.entity,
      ref: r.ref,
      scheme: r.scheme,
      indicators: JSON.parse(r.indicators) as string[],
      recordId: ((r.entity === 'shipment' ? shipment : passenger).get(r.ref) as number | undefined) ?? null,
    }));
  }
}

/** `dir/stem.ext`, or `dir/stem-2.ext`… when taken: a default name never replaces an earlier file. */
function freeName(dir: string, stem: string, ext: string): string {
  for (let i = 1; ; i++) {
    const file = join(dir, `${stem}${i === 1 ? '' : `-${i}`}${ext}`);
    if (!existsSync(file)) return file;
  }
}
