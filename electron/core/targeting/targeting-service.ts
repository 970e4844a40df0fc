// Targeting from the UI and the CLI: profiles, lists, watchlists and controls; scoring and backtests as
// background jobs; the review queue, decisions, outcomes and statistics. Scoring follows each import by
// itself when the workspace says so (on by default), one run at a time.
import { parseCondition, printCondition, RuleSyntaxError } from '../../../shared/domain/rule-text.ts';
import type {
  BacktestResult,
  Condition,
  Decision,
  Hit,
  LaneControl,
  Outcome,
  Profile,
  ProfileDraft,
  ProfileStats,
  ScoreResult,
  Seizure,
  SeizureInput,
  TargetEntity,
} from '../../../shared/domain/targeting.ts';
import { AppError } from '../../../shared/errors.ts';
import type { EventBus } from '../app/events.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { workerUrl } from '../../workers/index.ts';
import type { WorkspaceService } from '../workspace/workspace-service.ts';
import { loadRuleSet, profilesChanged, readerFor } from './engine.ts';
import { decide, hit, hitOf, profileStats, queue, recordOutcome, seizures, type QueueQuery } from './review.ts';
import { TargetingStore } from './store.ts';

export type TargetingServiceDeps = { jobs: JobRunner; events: EventBus; workspace: WorkspaceService; actor: string };
export type TargetingSettings = { scoreAfterImport: boolean };

const DATA_TABLES = new Set(['shipment', 'passenger']);

export class TargetingService {
  private readonly deps: TargetingServiceDeps;
  readonly store: TargetingStore;
  private running: string | null = null;
  private again: boolean | null = null;

  constructor(deps: TargetingServiceDeps) {
    this.deps = deps;
    this.store = new TargetingStore(() => deps.workspace.db());
    deps.events.subscribe((event, payload) => {
      if (event !== 'data.changed') return;
      const tables = (payload as { tables: string[] }).tables;
      if (!tables.some((t) => DATA_TABLES.has(t))) return;
      try {
        if (this.deps.workspace.status().state === 'unlocked' && this.settings().scoreAfterImport) this.score({ full: false });
      } catch (err) {
        console.error('scoring after an import could not start', err);
      }
    });
  }

  private db() {
    return this.deps.workspace.db();
  }

  settings(): TargetingSettings {
    const r = this.db().prepare(`SELECT value FROM target_setting WHERE key = 'scoreAfterImport'`).get() as { value: string } | undefined;
    return { scoreAfterImport: r ? (JSON.parse(r.value) as boolean) : true };
  }

  updateSettings(s: TargetingSettings): TargetingSettings {
    this.db()
      .prepare(`INSERT INTO target_setting (key, value) VALUES ('scoreAfterImport', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
      .run(JSON.stringify(s.scoreAfterImport));
    return this.settings();
  }

  /** Starts a scoring run (one at a time: a request during a run runs once more after it). */
  score(input: { full: boolean }): { jobId: string } {
    if (this.running) {
      this.again = (this.again ?? false) || input.full;
      return { jobId: this.running };
    }
    const { jobs, workspace, actor, events } = this.deps;
    // Profiles changed since the last run: the whole queue is scored again.
    const full = input.full || profilesChanged(this.db());
    const job = jobs.start({
      kind: 'targeting.score',
      label: full ? 'full' : 'new records',
      worker: workerUrl('score'),
      input: { ...workspace.databaseForWorker(), actor, task: 'score', full },
      onResult: (result) => {
        events.emit('data.changed', { tables: ['target_hit'] });
        return result;
      },
    });
    this.running = job.id;
    void jobs.wait(job.id).then(() => {
      this.running = null;
      const again = this.again;
      this.again = null;
      if (again !== null && workspace.status().state === 'unlocked') this.score({ full: again });
    });
    return { jobId: job.id };
  }

  async scoreNow(input: { full: boolean }): Promise<ScoreResult> {
    const { jobId } = this.score(input);
    const done = await this.deps.jobs.wait(jobId);
    if (done.state !== 'done') throw new AppError(done.state === 'cancelled' ? 'JOB_CANCELLED' : 'INTERNAL', done.error?.message ?? 'Scoring failed.');
    return done.result as ScoreResult;
  }

  backtest(input: { profileId: number | null; version: number | null; draft: ProfileDraft | null; from: string; to: string }): { jobId: string } {
    let profile: ProfileDraft & { id: number; version: number | 'draft' };
    if (input.draft) {
      const problems = this.store.check(input.draft);
      if (problems.length) throw new AppError('TARGETING_INVALID_RULE', problems.join(' '), { problems });
      profile = { ...input.draft, id: input.profileId ?? 0, version: 'draft' };
    } else if (input.profileId !== null) {
      profile = this.store.profile(input.profileId, input.version ?? undefined);
    } else {
      throw new AppError('API_INVALID_INPUT', 'Name a saved profile or give a draft to backtest.');
    }
    const job = this.deps.jobs.start({
      kind: 'targeting.backtest',
      label: profile.name,
      worker: workerUrl('score'),
      input: { ...this.deps.workspace.databaseForWorker(), actor: this.deps.actor, task: 'backtest', profile, from: input.from, to: input.to },
    });
    return { jobId: job.id };
  }

  async backtestNow(input: Parameters<TargetingService['backtest']>[0]): Promise<BacktestResult> {
    const { jobId } = this.backtest(input);
    const done = await this.deps.jobs.wait(jobId);
    if (done.state !== 'done') throw new AppError(done.state === 'cancelled' ? 'JOB_CANCELLED' : 'INTERNAL', done.error?.message ?? 'The backtest failed.');
    return done.result as BacktestResult;
  }

  /** A condition's text read into its tree (or where it fails), and a tree printed as text. */
  parse(text: string): { condition: Condition; text: string } {
    try {
      const condition = parseCondition(text);
      return { condition, text: printCondition(condition) };
    } catch (err) {
      if (err instanceof RuleSyntaxError) throw new AppError('TARGETING_INVALID_RULE', err.message, { offset: err.offset });
      throw err;
    }
  }

  /** A rule tried on a sample of recent records before it is saved: how many it hits, and which. */
  testRule(input: { entity: TargetEntity; condition: Condition; sample: number }): { tested: number; hits: number; examples: { id: number; label: string }[] } {
    const db = this.db();
    const draft: ProfileDraft = {
      name: 'rule test',
      description: '',
      owner: this.deps.actor,
      modes: input.entity === 'passenger' ? ['passengers'] : ['sea', 'air', 'road'],
      validFrom: null,
      validTo: null,
      enabled: true,
      rules: [{ name: 'rule', description: '', weight: 1, condition: input.condition }],
    };
    const problems = this.store.check(draft);
    if (problems.length) throw new AppError('TARGETING_INVALID_RULE', problems.join(' '), { problems });
    const rules = loadRuleSet(db, [{ ...draft, id: 0, version: 0 }]);
    const max = (db.prepare(`SELECT coalesce(max(id), 0) AS m FROM ${input.entity}`).get() as { m: number }).m;
    const reader = readerFor(db, input.entity, rules);
    const records = reader.read(Math.max(1, max - input.sample + 1), max + 1);
    const examples: { id: number; label: string }[] = [];
    let hits = 0;
    for (const r of records) {
      if (rules.evaluate(input.entity, r).score > 0) {
        hits++;
        if (examples.length < 20) examples.push({ id: r.id, label: r.label });
      }
    }
    return { tested: records.length, hits, examples };
  }

  profiles(): Profile[] {
    return this.store.profiles();
  }

  saveProfile(input: { id: number | null; draft: ProfileDraft }): Profile {
    return this.store.save(input.id, input.draft, this.deps.actor);
  }

  queue(q: QueueQuery) {
    return queue(this.db(), q);
  }

  hit(id: number): Hit {
    return hit(this.db(), id);
  }

  hitOf(entity: TargetEntity, entityId: number): Hit | null {
    return hitOf(this.db(), entity, entityId);
  }

  decide(input: { hitId: number; decision: Decision; reason: string }): Hit {
    const h = decide(this.db(), { ...input, actor: this.deps.actor });
    this.deps.events.emit('data.changed', { tables: ['target_hit'] });
    return h;
  }

  outcome(input: { hitId: number; outcome: Outcome; seizure: SeizureInput | null }): Hit {
    const h = recordOutcome(this.db(), { ...input, actor: this.deps.actor });
    this.deps.events.emit('data.changed', { tables: ['target_hit', 'seizure'] });
    return h;
  }

  stats(): ProfileStats[] {
    return profileStats(this.db());
  }

  seizures(): Seizure[] {
    return seizures(this.db());
  }

  controls(): LaneControl[] {
    return this.store.controls();
  }
}
