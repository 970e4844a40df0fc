// Marks records for review (from a grid's selection) or clears the mark, in one transaction, on the
// audit log: who marked which records and when.
import type { ReviewEntity } from '../../../shared/domain/grids.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Db } from '../workspace/database.ts';

export function markForReview(db: Db, input: { entity: ReviewEntity; ids: number[]; marked: boolean; actor: string }): { changed: number } {
  const at = new Date().toISOString();
  return db.transaction(() => {
    const mark = db.prepare(`INSERT OR IGNORE INTO review_mark (entity, entity_id, marked_by, marked_at) SELECT ?, id, ?, ? FROM ${input.entity} WHERE id = ?`);
    const clear = db.prepare('DELETE FROM review_mark WHERE entity = ? AND entity_id = ?');
    let changed = 0;
    for (const id of new Set(input.ids)) changed += (input.marked ? mark.run(input.entity, input.actor, at, id) : clear.run(input.entity, id)).changes;
    if (changed > 0)
      appendAudit(db, {
        actor: input.actor,
        action: input.marked ? 'review.mark' : 'review.clear',
        entity: input.entity,
        entityId: null,
        details: { ids: [...new Set(input.ids)].slice(0, 1000), changed },
      });
    return { changed };
  })();
}
