// Child process for the targeting bench (issue 6). Prints progress to stderr and one JSON object as the
// last line of stdout.
//   quality: a generated scenario (fixed seed, hidden schemes at 0.5%) scored by the shipped profiles and
//            held against the answer key: share selected for red/yellow, recall, precision, lift.
//   speed:   a workspace of PORTCULLIS_BENCH_TARGET_SHIPMENTS shipments (a million unless set; kept in
//            PORTCULLIS_BENCH_TARGET_CACHE=<dir> between runs) scored with 100 rules that apply to every
//            shipment, one of them a 10,000-name fuzzy watchlist; then a 20,000-shipment day added and
//            scored incrementally. Baseline: the same run with no rules (reading the facts alone).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseCondition } from '../../shared/domain/rule-text.ts';
import type { ProfileDraft, ScoreResult } from '../../shared/domain/targeting.ts';
import { createCore, type Core } from '../../electron/core/core.ts';
import { DEFAULT_PARAMS, generateScenario } from '../../electron/core/generator/scenario.ts';
import { writeScenario } from '../../electron/core/generator/workspace-writer.ts';
import { runScoring } from '../../electron/core/targeting/engine.ts';

const PASSPHRASE = 'targeting bench passphrase 1';
const KDF = { N: 1024, r: 8, p: 1 };
const log = (msg: string) => process.stderr.write(`targeting bench: ${msg}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en');

export type Quality = {
  shipments: number;
  passengers: number;
  seed: number;
  rate: number;
  scoreMs: number;
  result: ScoreResult;
  /** Shipments in red or yellow over all shipments. */
  shipmentSelectRate: number;
  schemeShipments: number;
  caughtShipments: number;
  recall: number;
  precision: number;
  lift: number;
  perScheme: Record<string, { records: number; caught: number }>;
  couriers: number;
  couriersCaught: number;
  passengerSelectRate: number;
};

export type Speed = {
  shipments: number;
  reused: boolean;
  fillSeconds: number;
  rules: number;
  watchlistNames: number;
  fullMs: number;
  fullResult: ScoreResult;
  rulesRecordsPerSecond: number;
  baselineMs: number;
  dailyShipments: number;
  dailyMs: number;
  dailyResult: ScoreResult;
  peakRssMb: number;
};

export type TargetingRun = { quality: Quality; speed: Speed | null; load: [number, number] };

async function openCore(root: string, create: boolean): Promise<Core> {
  const core = createCore({ configDir: join(root, 'config'), shell: 'cli', version: 'bench', kdfCost: KDF, rememberRecent: false });
  if (create) await core.workspace.create({ dir: join(root, 'ws'), name: 'targeting bench', passphrase: PASSPHRASE });
  else await core.workspace.unlock({ dir: join(root, 'ws'), passphrase: PASSPHRASE });
  core.workspace.updateSettings({ autoLockMinutes: 0 });
  await core.jobs.cancelAll();
  return core;
}

async function quality(): Promise<Quality> {
  const root = mkdtempSync(join(tmpdir(), 'pc-bench-targeting-q-'));
  try {
    const params = { ...DEFAULT_PARAMS, seed: 2026, shipments: 50_000, passengers: 10_000, rate: 0.005 };
    log(`quality: generating ${fmt(params.shipments)} shipments and ${fmt(params.passengers)} passengers (seed ${params.seed}, schemes at ${params.rate * 100}%)`);
    const core = await openCore(root, true);
    const db = core.workspace.db();
    const scenario = generateScenario(params);
    writeScenario(db, params, scenario.items, { actor: 'bench' });
    const started = performance.now();
    const result = runScoring(db, { actor: 'bench', full: true });
    const scoreMs = performance.now() - started;
    const selected = new Set(db.prepare(`SELECT entity || ':' || entity_id FROM target_hit WHERE lane IN ('red', 'yellow')`).pluck().all() as string[]);
    const shipId = db.prepare('SELECT id FROM shipment WHERE doc_number = ?').pluck();
    const paxId = db.prepare('SELECT id FROM passenger WHERE doc_number = ?').pluck();
    const perScheme: Quality['perScheme'] = {};
    const schemeKeys = new Set<string>();
    let couriers = 0;
    let couriersCaught = 0;
    for (const [name, s] of Object.entries(scenario.answerKey.schemes)) {
      const row = { records: 0, caught: 0 };
      for (const r of s.records) {
        if (r.kind === 'party') continue;
        const key = r.kind === 'shipment' ? `shipment:${shipId.get(r.docNumber) as number}` : `passenger:${paxId.get(r.docNumber) as number}`;
        const caught = selected.has(key);
        if (r.kind === 'passenger') {
          couriers++;
          if (caught) couriersCaught++;
          continue;
        }
        schemeKeys.add(key);
        row.records++;
        if (caught) row.caught++;
      }
      if (row.records) perScheme[name] = row;
    }
    const selectedShipments = [...selected].filter((k) => k.startsWith('shipment:'));
    const caughtShipments = selectedShipments.filter((k) => schemeKeys.has(k)).length;
    const shipmentSelectRate = selectedShipments.length / params.shipments;
    const recall = caughtShipments / schemeKeys.size;
    const precision = selectedShipments.length ? caughtShipments / selectedShipments.length : 0;
    const lift = precision / (schemeKeys.size / params.shipments);
    const passengerSelectRate = [...selected].filter((k) => k.startsWith('passenger:')).length / params.passengers;
    await core.shutdown();
    log(`quality: ${fmt(selectedShipments.length)} shipments selected (${(shipmentSelectRate * 100).toFixed(2)}%), recall ${(recall * 100).toFixed(1)}%`);
    return {
      shipments: params.shipments,
      passengers: params.passengers,
      seed: params.seed,
      rate: params.rate,
      scoreMs,
      result,
      shipmentSelectRate,
      schemeShipments: schemeKeys.size,
      caughtShipments,
      recall,
      precision,
      lift,
      perScheme,
      couriers,
      couriersCaught,
      passengerSelectRate,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Names for the watchlist: twenty of the workspace's own parties slightly misspelt (they should be
 * found), the rest made-up company names of two or three invented words and a legal form. */
function watchlistNames(real: string[], count: number): string[] {
  let seed = 99;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const consonants = 'bcdfgklmnprstvz';
  const vowels = 'aeiou';
  const word = () => {
    let w = '';
    for (let k = 0, len = 2 + Math.floor(rand() * 2); k < len; k++) w += pick([...consonants]) + pick([...vowels]);
    return w[0]!.toUpperCase() + w.slice(1) + pick(['', 'x', 'n', 'r', 'm']);
  };
  const forms = ['DOO', 'DOOEL', 'SHPK', 'AD', 'LLC', 'Ltd', 'GmbH', 'SRL', 'BV', 'DD', 'FZE', ''];
  const out = new Set<string>();
  for (let i = 0; i < real.length && out.size < 20; i += Math.max(1, Math.floor(real.length / 20))) {
    const n = real[i]!;
    const j = 1 + (i % Math.max(1, n.length - 2));
    out.add(`${n.slice(0, j)}${n.slice(j + 1)}`);
  }
  while (out.size < count) out.add(`${word()} ${word()}${rand() < 0.3 ? ` ${word()}` : ''} ${pick(forms)}`.trim());
  return [...out];
}

/** Rules that apply to every shipment, beside the shipped ones, up to `total` for a sea shipment. */
function syntheticRules(count: number): ProfileDraft['rules'] {
  const words = ['banana', 'steel', 'tyres', 'jeans', 'coffee', 'laptop', 'furniture', 'ceramic', 'glass', 'paper', 'toys', 'shoes', 'cement'];
  const places = ['CNSHA', 'CNNGB', 'DEHAM', 'NLRTM', 'TRMER', 'ECGYE', 'INNSA', 'ITGOA', 'GRPIR', 'BEANR'];
  const rules: ProfileDraft['rules'] = [];
  for (let i = 0; rules.length < count; i++) {
    const w = words[i % words.length]!;
    const p = places[i % places.length]!;
    const texts = [
      `goods contains "${w}" and grossWeightKg >= ${1000 + i * 100}`,
      `placeLoading in ["${p}", "${places[(i + 3) % places.length]}"] and not indicator first_pair`,
      `hs4 in ["${String(2900 + i).padStart(4, '0')}", "8471"] or kgPerPackage <= ${0.5 + (i % 5)}`,
      `consignee.name matches "^(${w.slice(0, 3)}|${p.slice(2).toLowerCase()})" and arrivalDate within 2026-11-01 .. *`,
      `(indicator risk_hub or indicator vague_goods) and valuePerKg between ${i % 7} .. ${50 + i}`,
      `route in list "High-risk hubs" and containerCount >= ${1 + (i % 3)}`,
    ];
    // Weight 0: they are evaluated (and explained where a record is hit) but leave the lanes to the shipped profiles.
    rules.push({ name: `Synthetic ${i + 1}`, description: '', weight: 0, condition: parseCondition(texts[i % texts.length]!) });
  }
  return rules;
}

async function speed(): Promise<Speed> {
  const n = Number(process.env['PORTCULLIS_BENCH_TARGET_SHIPMENTS'] ?? 1_000_000);
  const cache = process.env['PORTCULLIS_BENCH_TARGET_CACHE'];
  const root = cache ? resolve(cache) : mkdtempSync(join(tmpdir(), 'pc-bench-targeting-s-'));
  const metaFile = join(root, 'targeting-bench.json');
  try {
    let reused = false;
    let fillSeconds = 0;
    const params = { ...DEFAULT_PARAMS, seed: 77, shipments: n, passengers: 0, rate: 0.005 };
    if (existsSync(metaFile) && (JSON.parse(readFileSync(metaFile, 'utf8')) as { shipments: number }).shipments === n) {
      reused = true;
      fillSeconds = (JSON.parse(readFileSync(metaFile, 'utf8')) as { fillSeconds: number }).fillSeconds;
      log(`speed: reusing the workspace of ${fmt(n)} shipments in ${root}`);
    } else {
      for (const f of [metaFile, join(root, 'ws'), join(root, 'config')]) rmSync(f, { recursive: true, force: true });
      mkdirSync(root, { recursive: true });
      log(`speed: filling a workspace with ${fmt(n)} shipments (with container events)…`);
      const core = await openCore(root, true);
      core.workspace.db().pragma('cache_size = -1048576');
      const t = performance.now();
      writeScenario(core.workspace.db(), params, generateScenario(params).items, {
        actor: 'bench',
        onProgress: (c) => {
          if (c.shipments % 100_000 === 0) log(`  ${fmt(c.shipments)} shipments written, ${Math.round((performance.now() - t) / 1000)} s`);
        },
      });
      fillSeconds = (performance.now() - t) / 1000;
      await core.shutdown();
      writeFileSync(metaFile, JSON.stringify({ shipments: n, fillSeconds }));
    }

    const core = await openCore(root, false);
    const db = core.workspace.db();
    const store = core.targeting.store;
    // The profiles as shipped, a 10,000-name watchlist, and synthetic rules up to 100 per sea shipment.
    const wl = store.watchlists().find((w) => w.name === 'Companies of interest')!;
    const names = watchlistNames(db.prepare(`SELECT name FROM party ORDER BY id LIMIT 20000`).pluck().all() as string[], 10_000);
    db.prepare('DELETE FROM watchlist_entry WHERE watchlist_id = ?').run(wl.id);
    store.addEntries(
      wl.id,
      names.map((value) => ({ value, note: '' })),
      'bench',
    );
    const shipped = store.profiles().filter((p) => p.modes.includes('sea') && p.enabled);
    const shippedRules = shipped.reduce((k, p) => k + p.rules.length, 0);
    const bench = store.profiles().find((p) => p.name === 'Bench: synthetic');
    const draft: ProfileDraft = {
      name: 'Bench: synthetic',
      description: 'Rules added by the bench so that every shipment meets 100.',
      owner: 'bench',
      modes: ['sea', 'air', 'road'],
      validFrom: null,
      validTo: null,
      enabled: true,
      rules: syntheticRules(100 - shippedRules),
    };
    store.save(bench?.id ?? null, draft, 'bench');
    const rules = shippedRules + draft.rules.length;
    // The day to add later is generated now, so that its time is not counted.
    const day = { ...DEFAULT_PARAMS, seed: 78, shipments: 20_000, passengers: 0, start: '2026-11-30', days: 1, rate: 0.005 };
    const dayItems = [...generateScenario(day).items];

    log(`speed: baseline (facts alone, no rules) over ${fmt(n)} shipments…`);
    let t = performance.now();
    runScoring(db, { actor: 'bench', full: true, only: [] });
    const baselineMs = performance.now() - t;
    log(`  ${fmt(baselineMs)} ms`);
    log(`speed: full scoring, ${rules} rules per shipment…`);
    t = performance.now();
    const fullResult = runScoring(db, { actor: 'bench', full: true });
    const fullMs = performance.now() - t;
    log(`  ${fmt(fullMs)} ms, ${fmt(fullResult.hits)} hits`);

    log('speed: a day of 20,000 shipments added, scored incrementally…');
    const added = writeScenario(db, day, dayItems, { actor: 'bench' });
    t = performance.now();
    const dailyResult = runScoring(db, { actor: 'bench', full: false });
    const dailyMs = performance.now() - t;
    log(`  ${fmt(dailyMs)} ms for ${fmt(dailyResult.scored)} shipments`);
    // The cached workspace goes back to its size: the day is undone.
    core.imports.undo(added.importId);
    await core.shutdown();
    return {
      shipments: n,
      reused,
      fillSeconds,
      rules,
      watchlistNames: names.length,
      fullMs,
      fullResult,
      rulesRecordsPerSecond: (rules * fullResult.scored) / (fullMs / 1000),
      baselineMs,
      dailyShipments: day.shipments,
      dailyMs,
      dailyResult,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    if (!cache) rmSync(root, { recursive: true, force: true });
  }
}

const loadAtStart = loadavg()[0]!;
const q = await quality();
const s = process.env['PORTCULLIS_BENCH_TARGET_SHIPMENTS'] === '0' ? null : await speed();
process.stdout.write(JSON.stringify({ quality: q, speed: s, load: [loadAtStart, loadavg()[0]!] } satisfies TargetingRun) + '\n');
