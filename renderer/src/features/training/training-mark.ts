// Whether the open workspace is a training one, for every screen and report that must say so. The
// workspace's own info carries the mark; the full mark (briefing, clock, submission) is read from the
// core, and also stands in for the info when the workspace was opened before its mark was written
// (opening a pack creates the workspace first, then marks it).
import { createContext, useCallback, useContext } from 'react';
import type { TrainingMark } from '../../../../shared/domain/training.ts';
import type { WorkspaceInfo } from '../../../../shared/domain/workspace.ts';
import { api } from '../../api.ts';
import { useLoad } from '../../components/useLoad.ts';

export type TrainingState = {
  /** Non-null in a training workspace. */
  active: WorkspaceInfo['training'];
  /** The full mark, once read (undefined while it is being read). */
  mark: TrainingMark | null | undefined;
  /** The mark could not be read (the workspace is then treated by its info alone). */
  error: unknown;
  reload(): void;
};

const none: TrainingState = { active: null, mark: null, error: null, reload: () => undefined };

export const TrainingMarkContext = createContext<TrainingState>(none);

/** Reads the open workspace's training mark (again when selections change: submitting stamps it). */
export function useTrainingMarkLoader(workspace: WorkspaceInfo): TrainingState {
  // Read again for another workspace.
  const load = useCallback(() => api.call('training.status'), [workspace.id]);
  const { data, error, reload } = useLoad(load, ['training_selection']);
  const mark = data === undefined ? undefined : data;
  const active = workspace.training ?? (mark ? { exerciseId: mark.exerciseId, title: mark.title, trainee: mark.trainee } : null);
  return { active, mark, error, reload };
}

export const useTrainingMark = (): TrainingState => useContext(TrainingMarkContext);
