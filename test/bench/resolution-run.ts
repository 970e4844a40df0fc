// Child process for the entity-resolution bench (issue 7). Prints progress to stderr and one JSON object as
// the last line of stdout.
//   quality: a generated scenario (fixed seed) written as an import would be, its parties resolved at the
//            default threshold and the pairs found held against the answer key's name variants (every
//            pair of written forms of one real party is a true pair): precision and recall.
//   speed:   findCandidates over PORTCULLIS_BENCH_RESOLUTION_PARTIES parties (100,000 unless set). No
//            scenario has that many parties (the generator's cast stops near 55,000, at about a million
//            shipments), so the generator's party cast (buildWorld, the same companies, persons and variant
//            forms a scenario writes) is built for several seeds and its rows written directly, in the
//            workspace writer's format, with no shipments. Its own precision and recall are reported too:
//            the casts of several seeds share one pool of trade names, so namesakes are denser than in any
//            one scenario.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../electron/core/core.ts';
import { DEFAULT_THRESHOLD, findCandidates } from '../../electron/core/graph/resolution.ts';
import { Rng } from '../../electron/core/generator/rng.ts';
import { DEFAULT_PARAMS, generateScenario } from '../../electron/core/generator/scenario.ts';
import { writeScenario } from '../../electron/core/generator/workspace-writer.ts';
import { buildWorld } from '../../electron/core/generator/world.ts';
import type { Db } from '../../electron/core/workspace/database.ts';
import type { ScenarioItem } from '../../electron/core/generator/model.ts';

const PASSPHRASE = 'resolution bench passphrase 1';
const KDF = { N: 1024, r: 8, p: 1 };
const log = (msg: string) => process.stderr.write(`resolution bench: ${msg}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en');

export type Quality = { parties: number; truePairs: number; foundPairs: number; precision: number; recall: number; threshold: number };
export type Speed = { parties: number; ms: number; compared: number; candidates: number; peakRssMb: number; precision: number; recall: number };
export type ResolutionRun = { quality: Quality; speed: Speed | null };

async function openCore(root: string): Promise<Core> {
  const core = createCore({ configDir: join(root, 'config'), shell: 'cli', version: 'bench', kdfCost: KDF, rememberRecent: false });
  await core.workspace.create({ dir: join(root, 'ws'), name: 'resolution bench', passphrase: PASSPHRASE });
  core.workspace.updateSettings({ autoLockMinutes: 0 });
  await core.jobs.cancelAll();
  return core;
}

/** Precision and recall of the open pairs at or above the threshold, given each party id's real identity. */
function score(db: Db, truthOf: Map<number, string>, threshold: number): Omit<Quality, 'parties' | 'threshold'> {
  const members = new Map<string, number[]>();
  for (const [id, truth] of truthOf) (members.get(truth) ?? members.set(truth, []).get(truth)!).push(id);
  let truePairs = 0;
  for (const ids of members.values()) truePairs += (ids.length * (ids.length - 1)) / 2;
  const found = db.prepare(`SELECT a, b FROM party_match WHERE status = 'open' AND score >= ?`).all(threshold) as { a: number; b: number }[];
  let right = 0;
  for (const { a, b } of found) if (truthOf.get(a) !== undefined && truthOf.get(a) === truthOf.get(b)) right++;
  return { truePairs, foundPairs: found.length, precision: found.length ? right / found.length : 0, recall: truePairs ? right / truePairs : 0 };
}

async function quality(): Promise<Quality> {
  const root = mkdtempSync(join(tmpdir(), 'pc-bench-resolution-q-'));
  try {
    const params = { ...DEFAULT_PARAMS, seed: 2026, shipments: Number(process.env['PORTCULLIS_BENCH_RESOLUTION_SHIPMENTS'] ?? 200_000), passengers: 0 };
    log(`quality: generating and writing ${fmt(params.shipments)} shipments (seed ${params.seed})…`);
    const core = await openCore(root);
    const db = core.workspace.db();
    const scenario = generateScenario(params);
    writeScenario(db, params, scenario.items, { actor: 'bench' });
    // A row's generator key is the last word of its provenance ("generator seed=2026 party P17").
    const truthByKey = new Map<string, string>();
    for (const t of scenario.answerKey.parties) for (const v of t.variants) truthByKey.set(v.key, t.truthId);
    const truthOf = new Map<number, string>();
    for (const r of db.prepare('SELECT id, source_ref FROM party').all() as { id: number; source_ref: string }[]) {
      const truth = truthByKey.get(r.source_ref.split(' ').at(-1)!);
      if (truth !== undefined) truthOf.set(r.id, truth);
    }
    const parties = db.prepare('SELECT count(*) FROM party').pluck().get() as number;
    const result = findCandidates(db, { actor: 'bench' });
    const q = { parties, threshold: DEFAULT_THRESHOLD, ...score(db, truthOf, DEFAULT_THRESHOLD) };
    log(
      `quality: ${fmt(parties)} parties, ${fmt(q.truePairs)} true pairs, ${fmt(q.foundPairs)} found in ${fmt(result.ms)} ms; ` +
        `precision ${(q.precision * 100).toFixed(1)}%, recall ${(q.recall * 100).toFixed(1)}%`,
    );
    await core.shutdown();
    return q;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Writes the party casts of successive seeds until there are `count` parties, through the workspace
 * writer (as a scenario of parties alone, one import per seed); returns each row's real identity. */
function fillParties(db: Db, count: number): Map<number, string> {
  const truthOf = new Map<number, string>();
  let written = 0;
  for (let seed = 1; written < count; seed++) {
    // A million shipments sizes the cast at its largest: 20,000 consignees and 30,000 shippers.
    const world = buildWorld(new Rng(seed, 'scenario').fork('world'), 1_000_000, 30, Date.parse('2026-11-16'));
    const truthByKey = new Map<string, string>();
    const items: ScenarioItem[] = [];
    for (const t of world.truths) {
      for (const p of t.forms) {
        if (written + items.length === count) break;
        truthByKey.set(p.key, `${seed}:${t.truthId}`);
        items.push({ type: 'party', party: p });
      }
    }
    const { importId } = writeScenario(db, { ...DEFAULT_PARAMS, seed, shipments: 0, passengers: 0 }, items, { actor: 'bench' });
    // A row's generator key is the last word of its provenance ("generator seed=3 party P17").
    for (const r of db.prepare('SELECT id, source_ref FROM party WHERE import_id = ?').all(importId) as { id: number; source_ref: string }[]) {
      truthOf.set(r.id, truthByKey.get(r.source_ref.split(' ').at(-1)!)!);
    }
    written += items.length;
    log(`  seed ${seed}: ${fmt(written)} parties written`);
  }
  return truthOf;
}

async function speed(count: number): Promise<Speed> {
  const root = mkdtempSync(join(tmpdir(), 'pc-bench-resolution-s-'));
  try {
    const core = await openCore(root);
    const db = core.workspace.db();
    log(`speed: writing ${fmt(count)} generated parties…`);
    const truthOf = fillParties(db, count);
    log(`speed: finding candidates among ${fmt(count)} parties…`);
    let lastPhase = '';
    const t0 = performance.now();
    const result = findCandidates(db, {
      actor: 'bench',
      onProgress: (_done, _total, phase) => {
        if (phase !== lastPhase) log(`  ${fmt(performance.now() - t0)} ms: ${phase}…`);
        lastPhase = phase;
      },
    });
    // Only pairs of forms of one real party count as true here (a world's distinct companies never do).
    const { precision, recall } = score(db, truthOf, DEFAULT_THRESHOLD);
    log(
      `speed: ${fmt(result.ms)} ms, ${fmt(result.compared)} pairs compared, ${fmt(result.candidates)} candidates, ` +
        `${result.skippedBlocks} blocks skipped; precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}%`,
    );
    await core.shutdown();
    return {
      parties: result.parties,
      ms: result.ms,
      compared: result.compared,
      candidates: result.candidates,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      precision,
      recall,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const q = await quality();
const count = Number(process.env['PORTCULLIS_BENCH_RESOLUTION_PARTIES'] ?? 100_000);
const s = count > 0 ? await speed(count) : null;
process.stdout.write(JSON.stringify({ quality: q, speed: s } satisfies ResolutionRun) + '\n');
