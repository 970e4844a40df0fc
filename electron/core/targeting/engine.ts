// The scoring run: every shipment and passenger (or only those new since the last run) read in batches,
// each enabled profile that fits its mode and date applied, the weights of the rules that hit added up,
// a lane chosen by the office's thresholds, and a share of the green lane picked at random. A record
// that leaves the green lane becomes a hit in the review queue with its explanation; decided hits are
// never changed by a later run. Backtests run the same rules without writing anything.
import { createHash } from 'node:crypto';
import {
  laneOf,
  type BacktestResult,
  type Explanation,
  type Lane,
  type LaneControl,
  type Profile,
  type ProfileDraft,
  type RuleHit,
  type ScoreResult,
  type TargetEntity,
} from '../../../shared/domain/targeting.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Db } from '../workspace/database.ts';
import { compile, fieldsOf, watchMatches, WatchIndex, type CompileContext, type Predicate, type WatchlistData } from './compile.ts';
import { PassengerFacts, ShipmentFacts, updateBands, updateHistory, type FactReader, type ScoredRecord } from './facts.ts';
import { TargetingStore } from './store.ts';

const BATCH = 5000;
/** The page cache of a scoring run (KiB, negative as SQLite wants it): a run reads every record and its
 * containers' events, and with the default 2 MB it reads and decrypts the same index pages again and again. */
const SCORE_CACHE_KIB = -262144;

type CompiledRule = {
  name: string;
  weight: number;
  test: Predicate;
  fields: string[];
  condition: ProfileDraft['rules'][number]['condition'];
  /** Whether the condition reads a watchlist (its matches then go into the explanation). */
  watch: boolean;
};
type CompiledProfile = { id: number; name: string; version: number; validFrom: string | null; validTo: string | null; rules: CompiledRule[] };

/** The score and the rules that hit (`fired` holds the compiled rule of each, for the explanation). */
export type Evaluation = { score: number; rules: RuleHit[]; fired: CompiledRule[] };

/** Profiles compiled for scoring, grouped by the mode they apply to ('passengers' for travellers). */
export class RuleSet {
  readonly byMode = new Map<string, CompiledProfile[]>();
  readonly ctx: CompileContext;
  /** Whether any rule reads container events (costly to fetch). */
  readonly needsEvents: boolean;
  readonly fingerprint: string;

  constructor(profiles: (ProfileDraft & { id: number; version: number })[], ctx: CompileContext) {
    this.ctx = ctx;
    let events = false;
    for (const p of profiles) {
      const compiled: CompiledProfile = {
        id: p.id,
        name: p.name,
        version: p.version,
        validFrom: p.validFrom,
        validTo: p.validTo,
        rules: p.rules.map((r) => {
          const fields = fieldsOf(r.condition);
          if (fields.some((f) => f === 'hubDwellHours' || f === 'indicator.seal_changed' || f === 'indicator.unusual_dwell')) events = true;
          return {
            name: r.name,
            weight: r.weight,
            test: compile(r.condition, ctx),
            fields,
            condition: r.condition,
            watch: JSON.stringify(r.condition).includes('"watchlist"'),
          };
        }),
      };
      for (const m of p.modes) (this.byMode.get(m) ?? this.byMode.set(m, []).get(m)!).push(compiled);
    }
    this.needsEvents = events;
    this.fingerprint = createHash('sha256')
      .update(JSON.stringify(profiles.map((p) => [p.id, p.version])))
      .digest('hex')
      .slice(0, 16);
  }

  evaluate(entity: TargetEntity, r: ScoredRecord): Evaluation {
    const mode = entity === 'passenger' ? 'passengers' : String(r.facts['mode']);
    let score = 0;
    const rules: RuleHit[] = [];
    const fired: CompiledRule[] = [];
    for (const p of this.byMode.get(mode) ?? []) {
      if (r.date && ((p.validFrom && r.date < p.validFrom) || (p.validTo && r.date > p.validTo))) continue;
      for (const rule of p.rules) {
        if (!rule.test(r.facts)) continue;
        score += rule.weight;
        rules.push({ profile: p.name, profileId: p.id, version: p.version, rule: rule.name, weight: rule.weight, values: [] });
        fired.push(rule);
      }
    }
    return { score, rules, fired };
  }

  /** The explanation of a hit: each rule's facts and the watchlist entries behind it. */
  explain(r: ScoredRecord, e: Evaluation, random: boolean): Explanation {
    const rules = e.rules.map((h, i) => {
      const rule = e.fired[i]!;
      const watch = rule.watch ? watchMatches(rule.condition, r.facts, this.ctx) : [];
      return { ...h, values: rule.fields.map((field) => ({ field, value: r.facts[field] ?? null })), ...(watch.length ? { watchlist: watch } : {}) };
    });
    return { rules, random };
  }
}

/** Watch indexes built before, by their list's content: building one for 10,000 names takes half a
 * second, and a day's import is scored with the same lists as the day before. */
const watchIndexes = new Map<string, WatchIndex>();
export function watchIndexOf(w: WatchlistData): WatchIndex {
  const key = createHash('sha256').update(JSON.stringify(w)).digest('base64');
  let index = watchIndexes.get(key);
  if (!index) {
    if (watchIndexes.size >= 32) watchIndexes.delete(watchIndexes.keys().next().value!);
    index = new WatchIndex(w);
  }
  // Most recently used last, so the oldest goes first.
  watchIndexes.delete(key);
  watchIndexes.set(key, index);
  return index;
}

/** The rule set of the enabled profiles (or of the ones given), with the workspace's lists. */
export function loadRuleSet(db: Db, only?: (ProfileDraft & { id: number; version: number })[]): RuleSet {
  const store = new TargetingStore(() => db);
  const profiles = only ?? store.profiles().filter((p) => p.enabled);
  const watchlists = new Map(store.watchlistData().map((w) => [w.name, watchIndexOf(w)]));
  return new RuleSet(profiles, { lists: store.referenceLists(), watchlists });
}

/** The reader of a kind of record, fetching what the rule set needs (container events only if read). */
export function readerFor(db: Db, entity: TargetEntity, rules: RuleSet): FactReader {
  const lists = rules.ctx.lists;
  return entity === 'shipment' ? new ShipmentFacts(db, lists, { events: rules.needsEvents }) : new PassengerFacts(db, lists);
}

function controlsOf(db: Db): (office: string) => LaneControl {
  const all = new TargetingStore(() => db).controls();
  const byOffice = new Map(all.map((c) => [c.office, c]));
  const fallback = byOffice.get('*')!;
  return (office) => byOffice.get(office.toUpperCase()) ?? fallback;
}

export type ScoreOptions = {
  actor: string;
  /** Every record from scratch (after a change of profiles), else only those added since the last run. */
  full: boolean;
  /** Score with these profiles alone and write nothing (a dry run, e.g. `portcullis score --profile`). */
  only?: Profile[];
  /** Random numbers in [0, 1) for the random selection (tests give a seeded one). */
  random?: () => number;
  onProgress?: (done: number, total: number) => void;
};

/** Scores the workspace's shipments and passengers; writes hits (unless a dry run) in one transaction. */
export function runScoring(db: Db, opts: ScoreOptions): ScoreResult {
  const started = performance.now();
  const random = opts.random ?? Math.random;
  const dry = opts.only !== undefined;
  const result: ScoreResult = { scored: 0, hits: 0, lanes: { red: 0, yellow: 0, blue: 0, green: 0 }, ms: 0 };
  const work = () => {
    const rules = loadRuleSet(db, opts.only);
    const control = controlsOf(db);
    const entities: TargetEntity[] = ['shipment', 'passenger'];
    const plan = entities.map((entity) => {
      const state = db.prepare('SELECT upto, profiles FROM target_state WHERE entity = ?').get(entity) as { upto: number; profiles: string } | undefined;
      const max = (db.prepare(`SELECT coalesce(max(id), 0) AS m FROM ${entity}`).get() as { m: number }).m;
      // Rows removed at the top since (an undone import) lower the watermark (migration 013 does it too).
      const previous = Math.min(state?.upto ?? 0, max);
      const from = opts.full || dry ? 0 : previous;
      // Ids are dense enough for progress; counting the rows would read the whole table.
      const count = Math.max(0, max - from);
      return { entity, from, previous, max, count };
    });
    const total = plan.reduce((n, p) => n + p.count, 0);
    let done = 0;
    // The history and bands the indicators read, brought up to date first.
    if (!dry) {
      bringHistoryUpToDate(db);
      const bands = (db.prepare('SELECT count(*) AS n FROM target_band').get() as { n: number }).n;
      if (plan[0]!.from === 0 || bands === 0) updateBands(db);
    }
    const upsert = db.prepare(
      `INSERT INTO target_hit (entity, entity_id, score, lane, random, explanation, rules, scored_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open')
       ON CONFLICT (entity, entity_id) DO UPDATE SET score = excluded.score, lane = excluded.lane, random = excluded.random OR random,
         explanation = excluded.explanation, rules = excluded.rules, scored_at = excluded.scored_at WHERE status = 'open'`,
    );
    const clearOpen = db.prepare(`DELETE FROM target_hit WHERE entity = ? AND entity_id = ? AND status = 'open' AND random = 0`);
    const ids = (sql: string, entity: string) => new Set(db.prepare(sql).pluck().all(entity) as number[]);
    const at = new Date().toISOString();
    for (const p of plan) {
      if (p.count === 0) {
        if (!dry) db.prepare(`UPDATE target_state SET upto = ? WHERE entity = ?`).run(p.max, p.entity);
        continue;
      }
      const reader = readerFor(db, p.entity, rules);
      // Records scored before: their open hits (cleared if they turn green) and their random draws.
      const rescoring = p.from < p.previous;
      const open = rescoring ? ids(`SELECT entity_id FROM target_hit WHERE entity = ? AND status = 'open' AND random = 0`, p.entity) : new Set<number>();
      const drawn = rescoring ? ids('SELECT entity_id FROM target_hit WHERE entity = ? AND random = 1', p.entity) : new Set<number>();
      for (let lo = p.from + 1; lo <= p.max; lo += BATCH) {
        for (const r of reader.read(lo, lo + BATCH)) {
          const e = rules.evaluate(p.entity, r);
          const c = control(r.office);
          let lane: Lane = laneOf(e.score, c);
          // A record scored before keeps the draw it had; only records new to scoring are drawn.
          let isRandom = false;
          if (lane === 'green') {
            if (r.id > p.previous) isRandom = random() < c.randomRate;
            else isRandom = drawn.has(r.id);
            if (isRandom) lane = 'red';
          }
          result.scored++;
          result.lanes[lane]++;
          if (lane === 'green') {
            if (!dry && open.has(r.id)) clearOpen.run(p.entity, r.id);
            continue;
          }
          result.hits++;
          if (dry) continue;
          const explanation = rules.explain(r, e, isRandom);
          upsert.run(p.entity, r.id, e.score, lane, isRandom ? 1 : 0, JSON.stringify(explanation), e.rules.map((x) => x.rule).join('\n'), at);
        }
        done += Math.min(BATCH, p.max - lo + 1);
        opts.onProgress?.(Math.min(done, total), total);
      }
      if (!dry) {
        db.prepare(
          'INSERT INTO target_state (entity, upto, profiles) VALUES (?, ?, ?) ON CONFLICT (entity) DO UPDATE SET upto = excluded.upto, profiles = excluded.profiles',
        ).run(p.entity, p.max, rules.fingerprint);
      }
    }
    result.ms = performance.now() - started;
    if (!dry) {
      db.prepare('INSERT INTO target_run (started_at, kind, scored, hits, lanes, ms, actor) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        at,
        opts.full ? 'full' : 'incremental',
        result.scored,
        result.hits,
        JSON.stringify(result.lanes),
        result.ms,
        opts.actor,
      );
      appendAudit(db, { actor: opts.actor, action: 'target.score', entity: 'targeting', entityId: null, details: { ...result, full: opts.full } });
    }
  };
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${SCORE_CACHE_KIB}`);
  try {
    if (dry) work();
    else db.transaction(work).immediate();
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
  result.ms = performance.now() - started;
  return result;
}

/** The parties' and pairs' history, kept with the shipments: only the new ones are added, unless rows
 * were removed since (an undone import), which rebuilds it. Its watermark is the 'history' row of
 * target_state, with the shipment count it was made for. */
function bringHistoryUpToDate(db: Db): void {
  const state = db.prepare(`SELECT upto, profiles AS n FROM target_state WHERE entity = 'history'`).get() as { upto: number; n: string } | undefined;
  const total = (db.prepare(`SELECT n FROM row_count WHERE tbl = 'shipment'`).get() as { n: number }).n;
  const max = (db.prepare('SELECT max(id) AS m FROM shipment').get() as { m: number | null }).m ?? 0;
  const added = state ? (db.prepare('SELECT count(*) AS n FROM shipment WHERE id > ?').get(state.upto) as { n: number }).n : 0;
  if (state && total - added === Number(state.n)) {
    if (added > 0) updateHistory(db, state.upto);
  } else {
    updateHistory(db, 0);
  }
  db.prepare(
    `INSERT INTO target_state (entity, upto, profiles) VALUES ('history', ?, ?) ON CONFLICT (entity) DO UPDATE SET upto = excluded.upto, profiles = excluded.profiles`,
  ).run(max, String(total));
}

/** The history of parties and pairs rebuilt on the next run (parties were merged or split apart). */
export function invalidateHistory(db: Db): void {
  db.prepare(`DELETE FROM target_state WHERE entity = 'history'`).run();
}

/** Scoring's watermarks brought down to each table's top after rows were removed from it (an undone
 * import), so that rows taking the freed ids are scored (and the history rebuilds itself). */
export function lowerScoringWatermarks(db: Db): void {
  for (const [entity, table] of [
    ['shipment', 'shipment'],
    ['history', 'shipment'],
    ['passenger', 'passenger'],
  ] as const) {
    const top = (db.prepare(`SELECT max(id) AS m FROM ${table}`).get() as { m: number | null }).m ?? 0;
    db.prepare('UPDATE target_state SET upto = ? WHERE entity = ? AND upto > ?').run(top, entity, top);
  }
}

/** Whether the profiles changed since the last run (the queue then needs a full rescoring). */
export function profilesChanged(db: Db): boolean {
  const rules = loadRuleSet(db);
  const states = db.prepare(`SELECT profiles FROM target_state WHERE entity != 'history'`).pluck().all() as string[];
  return states.some((s) => s !== rules.fingerprint);
}

/** A profile (saved version or draft) run over a period without writing: how much it selects and how
 * well, measured on the records whose outcome is known (an inspection outcome or a seizure). */
export function backtest(
  db: Db,
  profile: ProfileDraft & { id: number; version: number | 'draft' },
  period: { from: string; to: string },
  onProgress?: (done: number, total: number) => void,
): BacktestResult {
  const started = performance.now();
  const rules = loadRuleSet(db, [{ ...profile, enabled: true, version: profile.version === 'draft' ? 0 : profile.version }]);
  const control = controlsOf(db);
  const entities: TargetEntity[] = profile.modes.includes('passengers') ? (profile.modes.length > 1 ? ['shipment', 'passenger'] : ['passenger']) : ['shipment'];
  const known = new Map<string, boolean>();
  for (const r of db
    .prepare(
      `SELECT entity, entity_id, outcome = 'positive' AS positive FROM target_hit WHERE outcome IS NOT NULL
       UNION ALL SELECT entity, entity_id, 1 FROM seizure WHERE entity IS NOT NULL`,
    )
    .raw()
    .iterate() as Iterable<[string, number, number]>) {
    const key = `${r[0]}:${r[1]}`;
    known.set(key, (known.get(key) ?? false) || r[2] === 1);
  }
  const res: BacktestResult = {
    profile: profile.name,
    version: profile.version,
    from: period.from,
    to: period.to,
    records: 0,
    selected: 0,
    selectionRate: 0,
    known: 0,
    positives: 0,
    truePositives: 0,
    precision: null,
    recall: null,
    lift: null,
    lanes: { red: 0, yellow: 0, blue: 0, green: 0 },
    rules: [],
    ms: 0,
  };
  const perRule = new Map<string, { fired: number; truePositives: number }>();
  let knownSelected = 0;
  const maxima = entities.map((entity) => (db.prepare(`SELECT coalesce(max(id), 0) AS m FROM ${entity}`).get() as { m: number }).m);
  const total = maxima.reduce((a, b) => a + b, 0);
  let done = 0;
  for (const [i, entity] of entities.entries()) {
    const max = maxima[i]!;
    const reader = readerFor(db, entity, rules);
    for (let lo = 1; lo <= max; lo += BATCH) {
      done += Math.min(BATCH, max - lo + 1);
      onProgress?.(done, total);
      for (const r of reader.read(lo, lo + BATCH)) {
        if (!r.date || r.date < period.from || r.date > `${period.to}\uffff`) continue;
        const mode = entity === 'passenger' ? 'passengers' : String(r.facts['mode']);
        if (!rules.byMode.has(mode)) continue;
        res.records++;
        const e = rules.evaluate(entity, r);
        const lane = laneOf(e.score, control(r.office));
        res.lanes[lane]++;
        const selected = lane === 'red' || lane === 'yellow';
        const outcome = known.get(`${entity}:${r.id}`);
        if (selected) res.selected++;
        if (outcome !== undefined) {
          res.known++;
          if (outcome) res.positives++;
          if (selected) knownSelected++;
          if (selected && outcome) res.truePositives++;
        }
        for (const h of e.rules) {
          const s = perRule.get(h.rule) ?? perRule.set(h.rule, { fired: 0, truePositives: 0 }).get(h.rule)!;
          s.fired++;
          if (outcome) s.truePositives++;
        }
      }
    }
  }
  res.selectionRate = res.records ? res.selected / res.records : 0;
  res.precision = knownSelected ? res.truePositives / knownSelected : null;
  res.recall = res.positives ? res.truePositives / res.positives : null;
  const base = res.known ? res.positives / res.known : null;
  res.lift = res.precision !== null && base ? res.precision / base : null;
  res.rules = [...perRule].map(([rule, s]) => ({ rule, ...s })).sort((a, b) => b.fired - a.fired);
  res.ms = performance.now() - started;
  return res;
}
