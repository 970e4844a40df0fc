// The Training section's reads, each read again when the core says its tables changed. The answer key
// is read only when the trainer asks to see it (every reading is audited).
import { useCallback } from 'react';
import { api } from '../../api.ts';
import { useLoad } from '../../components/useLoad.ts';

const EXERCISE_TABLES = ['training_exercise', 'training_submission'] as const;

export function useExercises() {
  const load = useCallback(() => api.call('training.exercises'), []);
  return useLoad(load, EXERCISE_TABLES);
}

export function useResults(id: number) {
  const load = useCallback(() => api.call('training.results', { id }), [id]);
  return useLoad(load, EXERCISE_TABLES);
}

export function useAnswerKey(id: number | null) {
  const load = useCallback(() => api.call('training.answerKey', { id: id! }), [id]);
  return useLoad(id ? load : null, ['training_exercise']);
}

export function useTrainingFiles() {
  const load = useCallback(() => api.call('training.files'), []);
  return useLoad(load, []);
}

export function useSelections() {
  const load = useCallback(() => api.call('training.selections'), []);
  return useLoad(load, ['training_selection']);
}
