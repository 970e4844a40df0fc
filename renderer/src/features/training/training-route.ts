// Where in the Training section the trainer is, in the address hash: the exercises (#/training), the
// authoring form (#/training/new) and one exercise (#/training/12); and the debrief print views, which
// take the whole window: the class's (#/print/debrief/12) and one trainee's (#/print/debrief/12/3).
import { useCallback, useEffect, useState } from 'react';

export type TrainingRoute = { view: 'list' } | { view: 'new' } | { view: 'exercise'; id: number };
export type DebriefRoute = { exerciseId: number; submissionId: number | null };

const positive = (s: string | undefined) => {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? n : null;
};

export function parseTrainingHash(hash: string): TrainingRoute {
  const [section, part] = hash.replace(/^#\/?/, '').split('/');
  if (section !== 'training') return { view: 'list' };
  if (part === 'new') return { view: 'new' };
  const id = positive(part);
  return id ? { view: 'exercise', id } : { view: 'list' };
}

export const trainingHash = (route: TrainingRoute) =>
  route.view === 'list' ? '#/training' : route.view === 'new' ? '#/training/new' : `#/training/${route.id}`;

export function parseDebriefHash(hash: string): DebriefRoute | null {
  const [section, kind, a, b] = hash.replace(/^#\/?/, '').split('/');
  if (section !== 'print' || kind !== 'debrief') return null;
  const exerciseId = positive(a);
  if (!exerciseId) return null;
  if (b === undefined || b === '') return { exerciseId, submissionId: null };
  const submissionId = positive(b);
  return submissionId ? { exerciseId, submissionId } : null;
}

export const debriefHash = (exerciseId: number, submissionId: number | null = null) => `#/print/debrief/${exerciseId}${submissionId ? `/${submissionId}` : ''}`;

function useHash<T>(parse: (hash: string) => T): T {
  const [value, setValue] = useState(() => parse(location.hash));
  useEffect(() => {
    const onHash = () => setValue(parse(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [parse]);
  return value;
}

export function useTrainingRoute(): [TrainingRoute, (route: TrainingRoute) => void] {
  const route = useHash(parseTrainingHash);
  const go = useCallback((next: TrainingRoute) => {
    const hash = trainingHash(next);
    if (location.hash !== hash) location.hash = hash;
  }, []);
  return [route, go];
}

export const useDebriefRoute = (): DebriefRoute | null => useHash(parseDebriefHash);
