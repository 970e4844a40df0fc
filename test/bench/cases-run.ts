// Child process for the cases bench (issue 8). Prints progress to stderr and one JSON object as the last
// line of stdout. One workspace of PORTCULLIS_BENCH_CASE_NOTES notes (100,000 unless set) over 500 cases,
// written through the notes module (history, mentions, audit entries, search index triggers):
//   open:   one of the cases holds 5,000 of the notes, 1,000 encrypted attachments (each with two custody
//           entries), 300 links, 50 tasks; cases.get through the service, cold and then warm. Baseline: the
//           same rows read by bare SELECTs with no mapping.
//   search: cases.search over all the notes with varied queries — common and rare words, two words,
//           prefixes, in Latin or Cyrillic — the text written in both scripts over a Zipf vocabulary.
//           Baseline: the same FTS5 MATCH with no ranking, snippets or joins.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/core.ts';
import { addAttachment, attachmentsOf } from '../../electron/core/cases/attachments.ts';
import { insertCase } from '../../electron/core/cases/case-store.ts';
import { ftsQuery } from '../../electron/core/workspace/derived.ts';
import { addLinks, linksOf } from '../../electron/core/cases/links.ts';
import { notesOf, writeNote } from '../../electron/core/cases/notes.ts';
import { seizuresOf } from '../../electron/core/cases/seizures.ts';
import { tasksOf, writeTask } from '../../electron/core/cases/tasks.ts';
import { Rng } from '../../electron/core/generator/rng.ts';
import { DEFAULT_PARAMS, generateScenario } from '../../electron/core/generator/scenario.ts';
import { writeScenario } from '../../electron/core/generator/workspace-writer.ts';
import { median, percentile } from './harness.ts';

const log = (msg: string) => process.stderr.write(`cases bench: ${msg}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en');

export type CasesRun = {
  notes: number;
  cases: number;
  fillSeconds: number;
  open: { notes: number; attachments: number; links: number; coldMs: number; warmMs: number; baselineMs: number; bytes: number; parts: Record<string, number> };
  search: { queries: number; p50: number; p95: number; max: number; baselineP50: number; baselineP95: number; meanHits: number; slowest: string[] };
  peakRssMb: number;
  load: [number, number];
};

// A vocabulary of Serbian-like words (syllables whose Latin and Cyrillic spellings map one to one) and
// some of the trade, to draw from with Zipf frequencies: a few words everywhere, most of them rare.
const SYLLABLES = ['ba', 've', 'gro', 'da', 'dža', 'lju', 'nje', 'ći', 'ša', 'ko', 'ra', 'mi', 'tu', 'pe', 'zo', 'že', 'ka', 'lo', 'sa', 'ni', 'đu', 'ču', 'fi', 'ho', 'ce', 'bre', 'sto', 'vla', 'kri', 'pla'];
const DOMAIN = ['kontejner', 'kokain', 'luka', 'Bar', 'primalac', 'pošiljalac', 'teretnica', 'plomba', 'skener', 'carina', 'kamion', 'banane', 'cigarete', 'heroin', 'kurir', 'prtljag', 'let', 'Beograd', 'Sarajevo', 'Podgorica', 'Skoplje', 'Đurđevac', 'špediter', 'faktura', 'vozač'];
const TO_CYRILLIC: [string, string][] = [
  ['dž', 'џ'],
  ['lj', 'љ'],
  ['nj', 'њ'],
  ...Object.entries({ a: 'а', b: 'б', v: 'в', g: 'г', d: 'д', đ: 'ђ', e: 'е', ž: 'ж', z: 'з', i: 'и', j: 'ј', k: 'к', l: 'л', m: 'м', n: 'н', o: 'о', p: 'п', r: 'р', s: 'с', t: 'т', ć: 'ћ', u: 'у', f: 'ф', h: 'х', c: 'ц', č: 'ч', š: 'ш' }),
];
function cyrillic(word: string): string {
  let out = word.toLowerCase();
  for (const [l, c] of TO_CYRILLIC) out = out.replaceAll(l, c);
  return word[0] === word[0]!.toUpperCase() ? out[0]!.toUpperCase() + out.slice(1) : out;
}

function vocabulary(rng: Rng, size: number): string[] {
  const words = new Set<string>(DOMAIN.map((w) => w.toLowerCase()));
  while (words.size < size) {
    let w = '';
    for (let n = 2 + rng.int(0, 2); n > 0; n--) w += SYLLABLES[rng.int(0, SYLLABLES.length - 1)]!;
    words.add(w);
  }
  return [...words];
}

function zipf(size: number): number[] {
  const cum: number[] = [];
  let total = 0;
  for (let r = 1; r <= size; r++) cum.push((total += 1 / r));
  return cum.map((c) => c / total);
}
function draw(rng: Rng, cum: number[]): number {
  const x = rng.float();
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const totalNotes = Number(process.env['PORTCULLIS_BENCH_CASE_NOTES'] ?? 100_000);
const CASES = 500;
const BIG_NOTES = Math.min(5000, totalNotes);

const root = mkdtempSync(join(tmpdir(), 'pc-bench-cases-'));
const load0 = loadavg()[0]!;
let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
try {
  const core = createCore({ configDir: join(root, 'config'), shell: 'cli', version: 'bench', kdfCost: { N: 1024, r: 8, p: 1 }, rememberRecent: false });
  await core.workspace.create({ dir: join(root, 'ws'), name: 'cases bench', passphrase: 'cases bench passphrase 1' });
  core.workspace.updateSettings({ autoLockMinutes: 0 });
  const db = core.workspace.db();
  const params = { ...DEFAULT_PARAMS, seed: 8, shipments: 2000, passengers: 200 };
  writeScenario(db, params, generateScenario(params).items, { actor: 'bench' });
  const shipments = db.prepare('SELECT id FROM shipment ORDER BY id').pluck().all() as number[];

  const rng = new Rng(2026, 'cases-bench');
  const words = vocabulary(rng, 8000);
  const cum = zipf(words.length);
  const sentence = (n: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(words[draw(rng, cum)]!);
    return out;
  };

  const fillStart = performance.now();
  const at = '2026-11-20T10:00:00.000Z';
  const caseIds: number[] = [];
  db.transaction(() => {
    for (let i = 0; i < CASES; i++) caseIds.push(insertCase(db, { title: sentence(4).join(' '), summary: sentence(20).join(' '), status: 'open', owner: 'analyst', tags: sentence(2), tlp: 'AMBER', grading: '4x4' }, 'bench', at));
  })();
  const big = caseIds[0]!;
  log(`writing ${fmt(totalNotes)} notes over ${CASES} cases (${fmt(BIG_NOTES)} in one of them)`);
  const BATCH = 5000;
  for (let done = 0; done < totalNotes; done += BATCH) {
    db.transaction(() => {
      for (let i = done; i < Math.min(totalNotes, done + BATCH); i++) {
        const caseId = i < BIG_NOTES ? big : caseIds[1 + (i % (CASES - 1))]!;
        const latin = sentence(30 + rng.int(0, 50));
        const script = rng.float() < 0.4;
        const text = (script ? latin.map(cyrillic) : latin).join(' ');
        const sid = shipments[rng.int(0, shipments.length - 1)]!;
        const body = {
          type: 'doc',
          content: [
            { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: text.split(' ').slice(0, 4).join(' ') }] },
            { type: 'paragraph', content: [{ type: 'text', text }, { type: 'mention', attrs: { id: `shipment:${sid}`, label: `BL ${sid}` } }] },
          ],
        };
        writeNote(db, '4x4', { caseId, id: null, body, text, grade: { source: 'B', information: '2' } }, 'bench', at);
      }
    })();
    sampleRss();
    if ((done / BATCH) % 4 === 0) log(`  ${fmt(done + BATCH)} notes`);
  }
  log('writing 1,000 attachments, 300 links and 50 tasks to the big case');
  const store = { dir: core.workspace.attachmentsDir(), key: core.workspace.attachmentKey() };
  db.transaction(() => {
    for (let i = 0; i < 1000; i++) {
      const { id } = addAttachment(
        db,
        store,
        '4x4',
        { caseId: big, name: `photo-${i}.jpg`, mediaType: 'image/jpeg', data: Buffer.alloc(2048 + rng.int(0, 8192), i), description: sentence(6).join(' '), grade: null },
        'bench',
        at,
      );
      db.prepare(`INSERT INTO case_custody (attachment_id, at, actor, action, detail) VALUES (?, ?, 'bench', 'viewed', '')`).run(id, at);
    }
    addLinks(
      db,
      big,
      '4x4',
      shipments.slice(0, 300).map((refId) => ({ kind: 'shipment' as const, refId, note: '', grade: null })),
      'bench',
      at,
    );
    for (let i = 0; i < 50; i++) writeTask(db, big, null, { title: sentence(5).join(' '), assignee: 'officer', due: '2026-12-01', done: false }, 'bench', at);
  })();
  store.key.fill(0);
  const fillSeconds = (performance.now() - fillStart) / 1000;
  log(`filled in ${fmt(fillSeconds)} s`);

  // Open: cold (first read of these pages since they were written, through the service), then warm.
  let t0 = performance.now();
  const detail = core.cases.get(big);
  const coldMs = performance.now() - t0;
  const bytes = JSON.stringify(detail).length;
  const warm: number[] = [];
  for (let i = 0; i < 7; i++) {
    t0 = performance.now();
    core.cases.get(big);
    warm.push(performance.now() - t0);
  }
  // Where the time of one open goes, part by part.
  const parts: Record<string, number> = {};
  for (const [name, fn] of [
    ['notes', () => notesOf(db, big)],
    ['attachments', () => attachmentsOf(db, big)],
    ['links', () => linksOf(db, big)],
    ['seizures+tasks', () => (seizuresOf(db, big), tasksOf(db, big))],
  ] as const) {
    t0 = performance.now();
    fn();
    parts[name] = Math.round((performance.now() - t0) * 10) / 10;
  }
  const baseline: number[] = [];
  for (let i = 0; i < 7; i++) {
    t0 = performance.now();
    db.prepare('SELECT * FROM case_note WHERE case_id = ?').raw().all(big);
    db.prepare('SELECT * FROM case_attachment WHERE case_id = ?').raw().all(big);
    db.prepare('SELECT c.* FROM case_custody c JOIN case_attachment a ON a.id = c.attachment_id WHERE a.case_id = ?').raw().all(big);
    db.prepare('SELECT * FROM case_link WHERE case_id = ?').raw().all(big);
    baseline.push(performance.now() - t0);
  }
  sampleRss();
  log(`open: ${detail.notes.length} notes, ${detail.attachments.length} attachments; cold ${coldMs.toFixed(1)} ms, warm ${median(warm).toFixed(1)} ms`);

  // Search: varied queries, in either script.
  const queries: string[] = [];
  const pick = (lo: number, hi: number) => words[lo + rng.int(0, Math.min(hi, words.length - 1) - lo)]!;
  for (let i = 0; i < 240; i++) {
    const kind = rng.float();
    let q: string;
    if (kind < 0.3) q = pick(0, 50);
    else if (kind < 0.6) q = pick(50, words.length - 1);
    else if (kind < 0.85) q = `${pick(0, 500)} ${pick(0, 3000)}`;
    else q = pick(0, 2000).slice(0, 3 + rng.int(0, 1));
    queries.push(rng.float() < 0.4 ? cyrillic(q) : q);
  }
  for (const q of queries.slice(0, 20)) core.cases.search(q, 30);
  const times: number[] = [];
  const base: number[] = [];
  const slow: [number, string][] = [];
  let hits = 0;
  const bare = db.prepare('SELECT rowid FROM case_note_search WHERE case_note_search MATCH ? LIMIT 30');
  for (const q of queries.slice(20)) {
    t0 = performance.now();
    hits += core.cases.search(q, 30).length;
    const ms = performance.now() - t0;
    times.push(ms);
    slow.push([ms, q]);
    t0 = performance.now();
    bare.all(ftsQuery(q));
    base.push(performance.now() - t0);
  }
  sampleRss();
  slow.sort((a, b) => b[0] - a[0]);
  const result: CasesRun = {
    notes: totalNotes,
    cases: CASES,
    fillSeconds,
    open: {
      notes: detail.notes.length,
      attachments: detail.attachments.length,
      links: detail.links.length,
      coldMs,
      warmMs: median(warm),
      baselineMs: median(baseline),
      bytes,
      parts,
    },
    search: {
      queries: times.length,
      p50: median(times),
      p95: percentile(times, 95),
      max: Math.max(...times),
      baselineP50: median(base),
      baselineP95: percentile(base, 95),
      meanHits: hits / times.length,
      slowest: slow.slice(0, 5).map(([ms, q]) => `${q} (${ms.toFixed(1)} ms)`),
    },
    peakRssMb: peakRss / 2 ** 20,
    load: [load0, loadavg()[0]!],
  };
  await core.shutdown();
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
