// The Cases section's reads: the list, one case, its timeline; each read again when the core says a case
// table changed (writes from this window reload themselves too, so a missed event costs nothing).
import { useCallback } from 'react';
import type { CaseStatus } from '../../../../shared/domain/cases.ts';
import { api } from '../../api.ts';
import { useLoad } from '../../components/useLoad.ts';

/** Tables whose change may alter what a case shows (its records' own tables for the timeline and labels). */
export const CASE_TABLES = [
  'case_file',
  'case',
  'case_link',
  'case_note',
  'case_note_version',
  'case_attachment',
  'case_custody',
  'case_seizure',
  'case_task',
  'seizure',
  'target_hit',
] as const;

export type CaseFilter = { status?: CaseStatus | undefined; text?: string | undefined; tag?: string | undefined };

export function useCaseList(filter: CaseFilter, limit = 200) {
  const { status, text, tag } = filter;
  const load = useCallback(
    () => api.call('cases.list', { ...(status ? { status } : {}), ...(text ? { text } : {}), ...(tag ? { tag } : {}), offset: 0, limit }),
    [status, text, tag, limit],
  );
  return useLoad(load, CASE_TABLES);
}

export function useCase(id: number | null) {
  const load = useCallback(() => api.call('cases.get', { id: id! }), [id]);
  return useLoad(id ? load : null, CASE_TABLES);
}

export function useTimeline(caseId: number) {
  const load = useCallback(() => api.call('cases.timeline', { caseId }), [caseId]);
  return useLoad(load, [...CASE_TABLES, 'shipment', 'container_event']);
}
