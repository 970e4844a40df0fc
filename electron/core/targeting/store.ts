// Profiles (every version kept, with who saved it and what changed), reference lists, watchlists and lane
// controls: reading and saving them, each change on the audit log.
import { checkCondition } from '../../../shared/domain/rule-text.ts';
import {
  type LaneControl,
  type Profile,
  type ProfileChange,
  type ProfileDraft,
  type ReferenceList,
  type TargetEntity,
  type Watchlist,
  type WatchlistEntry,
  LaneControlSchema,
  ProfileDraftSchema,
} from '../../../shared/domain/targeting.ts';
import { AppError } from '../../../shared/errors.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Db } from '../workspace/database.ts';
import { DEFAULT_CONTROL, DEFAULT_LISTS, DEFAULT_PROFILES, DEFAULT_WATCHLISTS } from './defaults.ts';
import type { ReferenceLists } from './facts.ts';

const now = () => new Date().toISOString();

/** The defaults of a new workspace (DEFAULT_*), written once: a workspace that has any profile, list or
 * control already is left as it is. */
export function seedTargeting(db: Db): void {
  const has = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n > 0;
  const at = now();
  if (!has('target_list')) {
    const ins = db.prepare('INSERT INTO target_list (name, description, items, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)');
    for (const l of DEFAULT_LISTS) ins.run(l.name, l.description, JSON.stringify(l.items), at, 'Portcullis defaults');
  }
  if (!has('watchlist')) {
    const ins = db.prepare('INSERT INTO watchlist (name, kind, threshold, description, updated_at) VALUES (?, ?, ?, ?, ?)');
    for (const w of DEFAULT_WATCHLISTS) ins.run(w.name, w.kind, w.threshold, w.description, at);
  }
  if (!has('target_control')) saveControlRow(db, DEFAULT_CONTROL);
  if (!has('target_profile')) for (const p of DEFAULT_PROFILES) insertVersion(db, null, p, 'Portcullis defaults', 'Shipped with Portcullis.');
}

function saveControlRow(db: Db, c: LaneControl): void {
  db.prepare(
    `INSERT INTO target_control (office, red, yellow, blue, random_rate, expected) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (office) DO UPDATE SET red = excluded.red, yellow = excluded.yellow, blue = excluded.blue, random_rate = excluded.random_rate, expected = excluded.expected`,
  ).run(c.office.toUpperCase() === '*' ? '*' : c.office.toUpperCase(), c.red, c.yellow, c.blue, c.randomRate, JSON.stringify(c.expected));
}

function insertVersion(db: Db, id: number | null, draft: ProfileDraft, actor: string, summary: string): Profile {
  const at = now();
  let profileId = id;
  let version = 1;
  if (profileId === null) {
    profileId = (
      db
        .prepare('INSERT INTO target_profile (name, version, enabled, created_at) VALUES (?, 1, ?, ?) RETURNING id')
        .get(draft.name, draft.enabled ? 1 : 0, at) as {
        id: number;
      }
    ).id;
  } else {
    version = (db.prepare('SELECT version FROM target_profile WHERE id = ?').get(profileId) as { version: number }).version + 1;
    db.prepare('UPDATE target_profile SET name = ?, version = ?, enabled = ? WHERE id = ?').run(draft.name, version, draft.enabled ? 1 : 0, profileId);
  }
  db.prepare('INSERT INTO target_profile_version (profile_id, version, definition, saved_at, saved_by, summary) VALUES (?, ?, ?, ?, ?, ?)').run(
    profileId,
    version,
    JSON.stringify(draft),
    at,
    actor,
    summary,
  );
  return { ...draft, id: profileId, version, updatedAt: at, updatedBy: actor };
}

/** What changed from one version to the next, in a line. */
export function changeSummary(before: ProfileDraft | null, after: ProfileDraft): string {
  if (!before) return 'Created.';
  const parts: string[] = [];
  const was = new Map(before.rules.map((r) => [r.name, r]));
  const now = new Map(after.rules.map((r) => [r.name, r]));
  for (const [name, r] of now) {
    const old = was.get(name);
    if (!old) parts.push(`rule "${name}" added (weight ${r.weight})`);
    else {
      if (old.weight !== r.weight) parts.push(`rule "${name}" weight ${old.weight} → ${r.weight}`);
      if (JSON.stringify(old.condition) !== JSON.stringify(r.condition)) parts.push(`rule "${name}" condition changed`);
    }
  }
  for (const name of was.keys()) if (!now.has(name)) parts.push(`rule "${name}" removed`);
  if (before.name !== after.name) parts.push(`renamed from "${before.name}"`);
  if (before.enabled !== after.enabled) parts.push(after.enabled ? 'enabled' : 'disabled');
  if (JSON.stringify(before.modes) !== JSON.stringify(after.modes)) parts.push(`modes ${after.modes.join(', ')}`);
  if (before.validFrom !== after.validFrom || before.validTo !== after.validTo) parts.push(`valid ${after.validFrom ?? '…'} to ${after.validTo ?? '…'}`);
  if (before.description !== after.description || before.owner !== after.owner) parts.push('description or owner changed');
  return parts.length ? `${parts.join('; ')}.` : 'Saved without changes.';
}

export class TargetingStore {
  private readonly db: () => Db;
  constructor(db: () => Db) {
    this.db = db;
  }

  profiles(): Profile[] {
    const rows = this.db()
      .prepare(
        `SELECT p.id, p.version, v.definition, v.saved_at, v.saved_by FROM target_profile p
         JOIN target_profile_version v ON v.profile_id = p.id AND v.version = p.version ORDER BY p.name`,
      )
      .all() as { id: number; version: number; definition: string; saved_at: string; saved_by: string }[];
    return rows.map((r) => ({ ...(JSON.parse(r.definition) as ProfileDraft), id: r.id, version: r.version, updatedAt: r.saved_at, updatedBy: r.saved_by }));
  }

  /** A profile as it is, or as one of its earlier versions. */
  profile(id: number, version?: number): Profile {
    const r = this.db()
      .prepare(
        `SELECT p.id, v.version, v.definition, v.saved_at, v.saved_by FROM target_profile p JOIN target_profile_version v ON v.profile_id = p.id
         WHERE p.id = ? AND v.version = coalesce(?, p.version)`,
      )
      .get(id, version ?? null) as { id: number; version: number; definition: string; saved_at: string; saved_by: string } | undefined;
    if (!r) throw new AppError('TARGETING_NOT_FOUND', version ? `Profile ${id} has no version ${version}.` : `There is no profile ${id}.`);
    return { ...(JSON.parse(r.definition) as ProfileDraft), id: r.id, version: r.version, updatedAt: r.saved_at, updatedBy: r.saved_by };
  }

  profileByName(name: string): Profile {
    const r = this.db().prepare('SELECT id FROM target_profile WHERE name = ?').get(name) as { id: number } | undefined;
    if (!r) throw new AppError('TARGETING_NOT_FOUND', `There is no profile named "${name}".`);
    return this.profile(r.id);
  }

  history(id: number): ProfileChange[] {
    this.profile(id);
    return (
      this.db().prepare('SELECT version, saved_at, saved_by, summary FROM target_profile_version WHERE profile_id = ? ORDER BY version DESC').all(id) as {
        version: number;
        saved_at: string;
        saved_by: string;
        summary: string;
      }[]
    ).map((r) => ({ version: r.version, at: r.saved_at, by: r.saved_by, summary: r.summary }));
  }

  /** Problems that keep a draft from being saved (unknown fields, indicators, lists…), by rule. */
  check(draft: ProfileDraft): string[] {
    const known = { lists: this.lists().map((l) => l.name), watchlists: this.watchlists().map((w) => w.name) };
    const problems: string[] = [];
    const entities = new Set<TargetEntity>(draft.modes.map((m) => (m === 'passengers' ? 'passenger' : 'shipment')));
    const names = new Set<string>();
    for (const r of draft.rules) {
      if (names.has(r.name)) problems.push(`Two rules are named "${r.name}".`);
      names.add(r.name);
      for (const e of entities) for (const p of checkCondition(r.condition, e, known)) problems.push(`${r.name}: ${p}`);
    }
    if (draft.validFrom && draft.validTo && draft.validFrom > draft.validTo) problems.push('The profile’s validity ends before it begins.');
    return [...new Set(problems)];
  }

  /** Saves a new profile (id null) or a new version of one. */
  save(id: number | null, input: ProfileDraft, actor: string): Profile {
    const draft = ProfileDraftSchema.parse(input);
    const problems = this.check(draft);
    if (problems.length) throw new AppError('TARGETING_INVALID_RULE', problems.join(' '), { problems });
    const db = this.db();
    return db.transaction(() => {
      const clash = db.prepare('SELECT id FROM target_profile WHERE name = ?').get(draft.name) as { id: number } | undefined;
      if (clash && clash.id !== id) throw new AppError('TARGETING_INVALID_RULE', `A profile named "${draft.name}" exists already.`);
      const before = id === null ? null : this.profile(id);
      const summary = changeSummary(before, draft);
      const saved = insertVersion(db, id, draft, actor, summary);
      appendAudit(db, {
        actor,
        action: 'target.profile.save',
        entity: 'target_profile',
        entityId: String(saved.id),
        details: { version: saved.version, summary },
      });
      return saved;
    })();
  }

  lists(): ReferenceList[] {
    return (
      this.db().prepare('SELECT name, description, items, updated_at, updated_by FROM target_list ORDER BY name').all() as {
        name: string;
        description: string;
        items: string;
        updated_at: string;
        updated_by: string;
      }[]
    ).map((r) => ({ name: r.name, description: r.description, items: JSON.parse(r.items) as string[], updatedAt: r.updated_at, updatedBy: r.updated_by }));
  }

  referenceLists(): ReferenceLists {
    return new Map(this.lists().map((l) => [l.name, l.items]));
  }

  saveList(input: { name: string; description: string; items: string[] }, actor: string): ReferenceList {
    const db = this.db();
    const items = [...new Set(input.items.map((i) => i.trim()).filter(Boolean))];
    db.transaction(() => {
      db.prepare(
        `INSERT INTO target_list (name, description, items, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET description = excluded.description, items = excluded.items, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      ).run(input.name, input.description, JSON.stringify(items), now(), actor);
      appendAudit(db, { actor, action: 'target.list.save', entity: 'target_list', entityId: null, details: { name: input.name, items: items.length } });
    })();
    return this.lists().find((l) => l.name === input.name)!;
  }

  watchlists(): Watchlist[] {
    return (
      this.db()
        .prepare(
          `SELECT w.id, w.name, w.kind, w.threshold, w.description, (SELECT count(*) FROM watchlist_entry e WHERE e.watchlist_id = w.id) AS entries
           FROM watchlist w ORDER BY w.name`,
        )
        .all() as Watchlist[]
    ).map((w) => ({ ...w }));
  }

  watchlistData(): { name: string; kind: string; threshold: number; entries: string[] }[] {
    const db = this.db();
    const entries = db.prepare('SELECT value FROM watchlist_entry WHERE watchlist_id = ?').pluck();
    return this.watchlists().map((w) => ({ name: w.name, kind: w.kind, threshold: w.threshold, entries: entries.all(w.id) as string[] }));
  }

  saveWatchlist(input: { id: number | null; name: string; kind: string; threshold: number; description: string }, actor: string): Watchlist {
    const db = this.db();
    const id = db.transaction(() => {
      let wid = input.id;
      if (wid === null) {
        wid = (
          db
            .prepare('INSERT INTO watchlist (name, kind, threshold, description, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id')
            .get(input.name, input.kind, input.threshold, input.description, now()) as { id: number }
        ).id;
      } else {
        const r = db
          .prepare('UPDATE watchlist SET name = ?, kind = ?, threshold = ?, description = ?, updated_at = ? WHERE id = ?')
          .run(input.name, input.kind, input.threshold, input.description, now(), wid);
        if (r.changes === 0) throw new AppError('TARGETING_NOT_FOUND', `There is no watchlist ${wid}.`);
      }
      appendAudit(db, {
        actor,
        action: 'target.watchlist.save',
        entity: 'watchlist',
        entityId: String(wid),
        details: { name: input.name, threshold: input.threshold },
      });
      return wid;
    })();
    return this.watchlists().find((w) => w.id === id)!;
  }

  entries(watchlistId: number): WatchlistEntry[] {
    return (
      this.db().prepare('SELECT id, value, note, added_by, added_at FROM watchlist_entry WHERE watchlist_id = ? ORDER BY value').all(watchlistId) as {
        id: number;
        value: string;
        note: string;
        added_by: string;
        added_at: string;
      }[]
    ).map((r) => ({ id: r.id, value: r.value, note: r.note, addedBy: r.added_by, addedAt: r.added_at }));
  }

  addEntries(watchlistId: number, values: { value: string; note: string }[], actor: string): { added: number } {
    const db = this.db();
    return db.transaction(() => {
      if (!db.prepare('SELECT 1 FROM watchlist WHERE id = ?').get(watchlistId))
        throw new AppError('TARGETING_NOT_FOUND', `There is no watchlist ${watchlistId}.`);
      const existing = new Set(db.prepare('SELECT value FROM watchlist_entry WHERE watchlist_id = ?').pluck().all(watchlistId) as string[]);
      const ins = db.prepare('INSERT INTO watchlist_entry (watchlist_id, value, note, added_by, added_at) VALUES (?, ?, ?, ?, ?)');
      let added = 0;
      const at = now();
      for (const v of values) {
        const value = v.value.trim();
        if (!value || existing.has(value)) continue;
        existing.add(value);
        ins.run(watchlistId, value, v.note, actor, at);
        added++;
      }
      appendAudit(db, { actor, action: 'target.watchlist.add', entity: 'watchlist', entityId: String(watchlistId), details: { added } });
      return { added };
    })();
  }

  removeEntry(entryId: number, actor: string): { removed: true } {
    const db = this.db();
    db.transaction(() => {
      const r = db.prepare('DELETE FROM watchlist_entry WHERE id = ? RETURNING watchlist_id, value').get(entryId) as
        { watchlist_id: number; value: string } | undefined;
      if (!r) throw new AppError('TARGETING_NOT_FOUND', 'There is no such watchlist entry.');
      appendAudit(db, { actor, action: 'target.watchlist.remove', entity: 'watchlist', entityId: String(r.watchlist_id), details: { value: r.value } });
    })();
    return { removed: true };
  }

  controls(): LaneControl[] {
    return (
      this.db().prepare('SELECT office, red, yellow, blue, random_rate, expected FROM target_control ORDER BY office').all() as {
        office: string;
        red: number;
        yellow: number;
        blue: number;
        random_rate: number;
        expected: string;
      }[]
    ).map((r) => ({
      office: r.office,
      red: r.red,
      yellow: r.yellow,
      blue: r.blue,
      randomRate: r.random_rate,
      expected: JSON.parse(r.expected) as LaneControl['expected'],
    }));
  }

  saveControl(input: LaneControl, actor: string): LaneControl[] {
    const c = LaneControlSchema.parse(input);
    const db = this.db();
    db.transaction(() => {
      saveControlRow(db, c);
      appendAudit(db, { actor, action: 'target.control.save', entity: 'target_control', entityId: null, details: c });
    })();
    return this.controls();
  }
}
