// Full-text search over cases (reference, title, summary, tags), notes and attachment names. The indexes
// hold text folded by pc_norm (Cyrillic to Latin, no diacritics, lower case), so "Балкан" finds "Balkan"
// and the reverse; the snippet is cut from the original text, its matches found by folding word by word.
import type { CaseSearchHit } from '../../../shared/domain/cases.ts';
import { normalizeName } from '../../../shared/domain/names.ts';
import type { Db } from '../workspace/database.ts';
import { ftsQuery } from '../workspace/derived.ts';

const RANK_WINDOW = 2000;

type Found = { kind: CaseSearchHit['kind']; id: number; rank: number };

const SOURCES: { kind: CaseSearchHit['kind']; table: string }[] = [
  { kind: 'case', table: 'case_search' },
  { kind: 'note', table: 'case_note_search' },
  { kind: 'attachment', table: 'case_attachment_search' },
];

export function searchCases(db: Db, text: string, limit: number): CaseSearchHit[] {
  const fts = ftsQuery(text);
  if (!fts) return [];
  const terms = normalizeName(text).split(' ').filter(Boolean);
  const found: Found[] = [];
  for (const s of SOURCES) {
    // Ranked among the newest RANK_WINDOW matches: exact for any query that names something, and bounded
    // for a word found in half the notebook (bm25 is computed for each row ranked).
    const sql = `SELECT rowid, rank FROM (SELECT rowid, rank FROM ${s.table} WHERE ${s.table} MATCH ? ORDER BY rowid DESC LIMIT ${RANK_WINDOW}) ORDER BY rank LIMIT ?`;
    for (const [id, rank] of db.prepare(sql).raw().all(fts, limit) as [number, number][]) found.push({ kind: s.kind, id, rank });
  }
  // bm25 ranks are comparable enough across the three indexes to interleave them; the case itself first on a tie.
  found.sort((a, b) => a.rank - b.rank || (a.kind === 'case' ? -1 : b.kind === 'case' ? 1 : 0));
  const out: CaseSearchHit[] = [];
  const caseOf = db.prepare('SELECT id, reference, title, summary, tags FROM "case" WHERE id = ?');
  const noteOf = db.prepare('SELECT case_id, text FROM case_note WHERE id = ?');
  const attachmentOf = db.prepare('SELECT case_id, name, description FROM case_attachment WHERE id = ?');
  for (const f of found.slice(0, limit)) {
    let caseId: number;
    let source: string;
    if (f.kind === 'case') {
      caseId = f.id;
      source = '';
    } else if (f.kind === 'note') {
      const n = noteOf.get(f.id) as { case_id: number; text: string } | undefined;
      if (!n) continue;
      caseId = n.case_id;
      source = n.text;
    } else {
      const a = attachmentOf.get(f.id) as { case_id: number; name: string; description: string } | undefined;
      if (!a) continue;
      caseId = a.case_id;
      source = a.description ? `${a.name} — ${a.description}` : a.name;
    }
    const c = caseOf.get(caseId) as { id: number; reference: string; title: string; summary: string; tags: string } | undefined;
    if (!c) continue;
    if (f.kind === 'case') source = [c.title, c.summary, (JSON.parse(c.tags) as string[]).join(', '), c.reference].filter(Boolean).join(' — ');
    out.push({ caseId, reference: c.reference, title: c.title, kind: f.kind, id: f.id, ...snippet(source, terms) });
  }
  return out;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const BEFORE = 8;
const AFTER = 20;
const MAX_CHARS = 320;

/** Text around the first word matching one of the (folded) terms as a prefix, and where the matches are in it. */
export function snippet(text: string, terms: string[]): { snippet: string; marks: [number, number][] } {
  const words: { start: number; end: number; hit: boolean }[] = [];
  let first = -1;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const folded = normalizeName(m[0]).split(' ');
    const hit = folded.some((w) => w && terms.some((t) => w.startsWith(t)));
    words.push({ start: m.index, end: m.index + m[0].length, hit });
    if (hit && first < 0) first = words.length - 1;
    if ((first >= 0 && words.length > first + AFTER) || (first < 0 && words.length > 100_000)) break;
  }
  if (!words.length) return { snippet: text.slice(0, MAX_CHARS), marks: [] };
  const from = Math.max(0, (first < 0 ? 0 : first) - BEFORE);
  const to = Math.min(words.length - 1, from + BEFORE + AFTER);
  const base = words[from]!.start;
  let end = words[to]!.end;
  if (end - base > MAX_CHARS) end = base + MAX_CHARS;
  const lead = base > 0 ? '…' : '';
  const tail = end < text.length ? '…' : '';
  const body = text.slice(base, end).replace(/\s/g, ' ');
  const marks: [number, number][] = [];
  for (let i = from; i <= to; i++) {
    const w = words[i]!;
    if (w.hit && w.end <= end) marks.push([lead.length + w.start - base, lead.length + w.end - base]);
  }
  return { snippet: lead + body + tail, marks };
}
