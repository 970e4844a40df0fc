// The review queue: every hit waits for a person. The analyst selects it for inspection or a documentary
// check, or dismisses it with a reason; then records what the inspection found, with the seizure if it
// was positive. Every step is on the audit log. Statistics per profile and rule come from these outcomes.
import {
  type Decision,
  type Explanation,
  type Hit,
  type HitSummary,
  type Lane,
  type Outcome,
  type ProfileStats,
  type Seizure,
  type SeizureInput,
  type TargetEntity,
  SeizureInputSchema,
} from '../../../shared/domain/targeting.ts';
import { AppError } from '../../../shared/errors.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Db } from '../workspace/database.ts';

type HitRow = {
  id: number;
  entity: TargetEntity;
  entity_id: number;
  score: number;
  lane: Lane;
  random: number;
  explanation: string;
  rules: string;
  scored_at: string;
  status: 'open' | 'decided';
  decision: Decision | null;
  reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  outcome: Outcome | null;
  label: string | null;
};

const LABEL = `CASE h.entity WHEN 'shipment' THEN (SELECT s.doc_number FROM shipment s WHERE s.id = h.entity_id)
  ELSE (SELECT p.surname || coalesce(', ' || p.given_names, '') FROM passenger p WHERE p.id = h.entity_id) END`;

const summary = (r: HitRow): HitSummary => ({
  id: r.id,
  entity: r.entity,
  entityId: r.entity_id,
  label: r.label ?? `${r.entity} ${r.entity_id}`,
  score: r.score,
  lane: r.lane,
  random: r.random === 1,
  scoredAt: r.scored_at,
  status: r.status,
  decision: r.decision,
  outcome: r.outcome,
  rules: r.rules ? r.rules.split('\n') : [],
});

export type QueueQuery = { status: 'open' | 'decided' | 'all'; lane: Lane | null; entity: TargetEntity | null; limit: number; offset: number };

export function queue(db: Db, q: QueueQuery): { hits: HitSummary[]; total: number; lanes: Record<Lane, number> } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.status !== 'all') {
    where.push('h.status = ?');
    params.push(q.status);
  }
  if (q.entity) {
    where.push('h.entity = ?');
    params.push(q.entity);
  }
  const base = where.length ? where.join(' AND ') : '1';
  const lanes = { red: 0, yellow: 0, blue: 0, green: 0 };
  for (const r of db.prepare(`SELECT lane, count(*) AS n FROM target_hit h WHERE ${base} GROUP BY lane`).all(...params) as { lane: Lane; n: number }[])
    lanes[r.lane] = r.n;
  if (q.lane) {
    where.push('h.lane = ?');
    params.push(q.lane);
  }
  const sql = where.length ? where.join(' AND ') : '1';
  const total = (db.prepare(`SELECT count(*) AS n FROM target_hit h WHERE ${sql}`).get(...params) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT h.*, ${LABEL} AS label FROM target_hit h WHERE ${sql}
       ORDER BY CASE h.lane WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 WHEN 'blue' THEN 2 ELSE 3 END, h.score DESC, h.id LIMIT ? OFFSET ?`,
    )
    .all(...params, q.limit, q.offset) as HitRow[];
  return { hits: rows.map(summary), total, lanes };
}

function seizuresOf(db: Db, where: string, ...params: unknown[]): Seizure[] {
  return (
    db.prepare(`SELECT * FROM seizure WHERE ${where} ORDER BY id`).all(...params) as {
      id: number;
      hit_id: number | null;
      entity: TargetEntity;
      entity_id: number;
      entity_label: string;
      category: Seizure['category'];
      commodity: string;
      quantity: number;
      unit: Seizure['unit'];
      concealment: Seizure['concealment'];
      detection: Seizure['detection'];
      place: string;
      date: string;
      notes: string;
      created_by: string;
      created_at: string;
    }[]
  ).map((s) => ({
    id: s.id,
    hitId: s.hit_id,
    entity: s.entity,
    entityId: s.entity_id,
    entityLabel: s.entity_label,
    category: s.category,
    commodity: s.commodity,
    quantity: s.quantity,
    unit: s.unit,
    concealment: s.concealment,
    detection: s.detection,
    place: s.place,
    date: s.date,
    notes: s.notes,
    createdBy: s.created_by,
    createdAt: s.created_at,
  }));
}

export function hit(db: Db, id: number): Hit {
  const r = db.prepare(`SELECT h.*, ${LABEL} AS label FROM target_hit h WHERE h.id = ?`).get(id) as HitRow | undefined;
  if (!r) throw new AppError('TARGETING_NOT_FOUND', `There is no hit ${id}.`);
  return {
    ...summary(r),
    explanation: JSON.parse(r.explanation) as Explanation,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    reason: r.reason,
    seizures: seizuresOf(db, 'hit_id = ?', id),
  };
}

/** The hit of a record, if it has one (record views show it). */
export function hitOf(db: Db, entity: TargetEntity, entityId: number): Hit | null {
  const r = db.prepare('SELECT id FROM target_hit WHERE entity = ? AND entity_id = ?').get(entity, entityId) as { id: number } | undefined;
  return r ? hit(db, r.id) : null;
}

/** A person's decision on an open hit. Dismissing needs a reason. */
export function decide(db: Db, input: { hitId: number; decision: Decision; reason: string; actor: string }): Hit {
  const reason = input.reason.trim();
  if (input.decision === 'dismiss' && !reason) throw new AppError('TARGETING_DECISION_REFUSED', 'A hit is dismissed only with a reason.');
  db.transaction(() => {
    const h = hit(db, input.hitId);
    if (h.status !== 'open') throw new AppError('TARGETING_DECISION_REFUSED', `This hit was decided already (${h.decision} by ${h.decidedBy}).`);
    db.prepare(`UPDATE target_hit SET status = 'decided', decision = ?, reason = ?, decided_by = ?, decided_at = ? WHERE id = ?`).run(
      input.decision,
      reason || null,
      input.actor,
      new Date().toISOString(),
      input.hitId,
    );
    appendAudit(db, {
      actor: input.actor,
      action: 'target.decide',
      entity: h.entity,
      entityId: String(h.entityId),
      details: { hit: h.id, decision: input.decision, reason, lane: h.lane, score: h.score },
    });
  })();
  return hit(db, input.hitId);
}

/** What the inspection found. Only a hit selected for inspection or a documentary check has an outcome;
 * a positive one comes with its seizure. */
export function recordOutcome(db: Db, input: { hitId: number; outcome: Outcome; seizure: SeizureInput | null; actor: string }): Hit {
  if (input.outcome === 'positive' && !input.seizure) throw new AppError('TARGETING_DECISION_REFUSED', 'A positive outcome is recorded with its seizure.');
  const seizure = input.seizure ? SeizureInputSchema.parse(input.seizure) : null;
  db.transaction(() => {
    const h = hit(db, input.hitId);
    if (h.decision !== 'inspect' && h.decision !== 'documents') {
      throw new AppError('TARGETING_DECISION_REFUSED', 'Only a hit selected for inspection or a documentary check has an outcome.');
    }
    const at = new Date().toISOString();
    db.prepare('UPDATE target_hit SET outcome = ?, outcome_by = ?, outcome_at = ? WHERE id = ?').run(input.outcome, input.actor, at, h.id);
    let seizureId: number | null = null;
    if (seizure) {
      seizureId = (
        db
          .prepare(
            `INSERT INTO seizure (hit_id, entity, entity_id, entity_label, category, commodity, quantity, unit, concealment, detection, place, date, notes, created_by, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
          )
          .get(
            h.id,
            h.entity,
            h.entityId,
            h.label,
            seizure.category,
            seizure.commodity,
            seizure.quantity,
            seizure.unit,
            seizure.concealment,
            seizure.detection,
            seizure.place,
            seizure.date,
            seizure.notes,
            input.actor,
            at,
          ) as { id: number }
      ).id;
    }
    appendAudit(db, {
      actor: input.actor,
      action: 'target.outcome',
      entity: h.entity,
      entityId: String(h.entityId),
      details: { hit: h.id, outcome: input.outcome, seizure: seizureId },
    });
  })();
  return hit(db, input.hitId);
}

/** Selections, positive outcomes and seizures per profile and rule, from the hits' explanations. */
export function profileStats(db: Db): ProfileStats[] {
  const profiles = new Map<string, ProfileStats>();
  const seizures = new Map<number, number>();
  for (const [hitId, n] of db.prepare('SELECT hit_id, count(*) FROM seizure WHERE hit_id IS NOT NULL GROUP BY hit_id').raw().iterate() as Iterable<
    [number, number]
  >) {
    seizures.set(hitId, n);
  }
  for (const [id, explanation, decision, outcome] of db.prepare('SELECT id, explanation, decision, outcome FROM target_hit').raw().iterate() as Iterable<
    [number, string, Decision | null, Outcome | null]
  >) {
    const e = JSON.parse(explanation) as Explanation;
    const selected = decision === 'inspect' || decision === 'documents';
    const positive = outcome === 'positive';
    const seized = seizures.get(id) ?? 0;
    const seen = new Set<string>();
    for (const r of e.rules) {
      let p = profiles.get(r.profile);
      if (!p)
        profiles.set(r.profile, (p = { profile: r.profile, profileId: r.profileId, hits: 0, selected: 0, positive: 0, seizures: 0, hitRate: null, rules: [] }));
      if (!seen.has(r.profile)) {
        seen.add(r.profile);
        p.hits++;
        if (selected) p.selected++;
        if (positive) p.positive++;
        p.seizures += seized;
      }
      let rs = p.rules.find((x) => x.rule === r.rule);
      if (!rs) p.rules.push((rs = { profile: r.profile, rule: r.rule, fired: 0, selected: 0, positive: 0, seizures: 0, hitRate: null }));
      rs.fired++;
      if (selected) rs.selected++;
      if (positive) rs.positive++;
      rs.seizures += seized;
    }
  }
  const out = [...profiles.values()];
  for (const p of out) {
    p.hitRate = p.selected ? p.positive / p.selected : null;
    for (const r of p.rules) r.hitRate = r.selected ? r.positive / r.selected : null;
    p.rules.sort((a, b) => b.fired - a.fired);
  }
  return out.sort((a, b) => a.profile.localeCompare(b.profile));
}

/** Seizures found in a shipment or passenger (a case may record one found elsewhere: not targeting's). */
export function seizures(db: Db): Seizure[] {
  return seizuresOf(db, 'entity IS NOT NULL');
}
