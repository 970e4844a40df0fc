// Training: in a training workspace, the trainee's exercise; in a live one, the trainer's exercises.
import { NonIdealState, Spinner } from '@blueprintjs/core';
import { TraineeView } from './TraineeView.tsx';
import { TrainerView } from './TrainerView.tsx';
import { useTrainingMark } from './training-mark.ts';
import type { RecordRef } from '../records/record-ref.ts';
import './training.css';

export function TrainingPage({ onOpen }: { onOpen(ref: RecordRef): void }) {
  const { active, mark, error } = useTrainingMark();
  if (active) return <TraineeView onOpen={onOpen} />;
  // Until the mark is read, a workspace just opened from a pack may not say yet that it is a training one.
  if (mark === undefined && !error) return <NonIdealState className="pc-fill" icon={<Spinner />} />;
  return <TrainerView />;
}
