// What a case's references open: records in the record drawer, hits in the review queue, saved charts in
// the graph. A reference is "kind:id" (mentions, timeline events) or a link's kind and record id.
import type { CaseLinkKind } from '../../../../shared/domain/cases.ts';
import { openHitInQueue } from '../targeting/targeting-route.ts';
import type { RecordRef } from '../records/record-ref.ts';

const DRAWER_KINDS = ['shipment', 'container', 'party', 'passenger'] as const;

export type Ref = { kind: string; id: number };

export function parseRef(ref: string | null | undefined): Ref | null {
  const m = /^([a-z_]+):(\d+)$/.exec(ref ?? '');
  return m ? { kind: m[1]!, id: Number(m[2]) } : null;
}

/** Whether the app has somewhere to open this kind of record. */
export const canOpen = (kind: string): boolean => (DRAWER_KINDS as readonly string[]).includes(kind) || kind === 'hit' || kind === 'chart';

/** Opens the reference where it lives; false when it has no view of its own. */
export function openRef(ref: Ref, onOpen: (ref: RecordRef) => void): boolean {
  if ((DRAWER_KINDS as readonly string[]).includes(ref.kind)) onOpen({ kind: ref.kind as RecordRef['kind'], id: ref.id });
  else if (ref.kind === 'hit') openHitInQueue(ref.id);
  else if (ref.kind === 'chart') location.hash = `#/graph/chart/${ref.id}`;
  else return false;
  return true;
}

/** Graph nodes that stand for a record a case can link (shipments, parties, containers, passengers, conveyances). */
export function linkItemOf(node: { record: { kind: string; id: number } | null }): { kind: CaseLinkKind; refId: number } | null {
  if (!node.record) return null;
  return { kind: node.record.kind as CaseLinkKind, refId: node.record.id };
}
