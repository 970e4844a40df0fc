// Job: authoring an exercise — the scenario generated, written in the formats a unit receives, and packed
// with its instructions and the answer key (encrypted to the trainer) into a signed exercise pack.
import type { ExerciseDraft } from '../../shared/domain/training.ts';
import { runJob } from '../core/jobs/worker-kit.ts';
import { authorPack, type Trainer } from '../core/training/exercise-pack.ts';

export type TrainingJobInput = { draft: ExerciseDraft; out: string; trainer: Trainer };

runJob<TrainingJobInput, Awaited<ReturnType<typeof authorPack>>>(async (input, ctx) => {
  ctx.progress(0, 0, 'generating');
  return authorPack(input.draft, input.trainer, input.out, (phase) => ctx.progress(0, 0, phase));
});
