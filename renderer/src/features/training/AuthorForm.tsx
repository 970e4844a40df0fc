// Authoring an exercise: what the scenario holds (template, size, the schemes hidden in it and about how
// many records carry one), what the trainees are told (difficulty, instructions, objectives), the time
// limit and the seed (the same seed and settings make the same scenario). The pack is made by a
// background job followed here, with cancel; then its file is shown, to hand to the trainees.
import { Button, Callout, Checkbox, Classes, FormGroup, H5, HTMLSelect, InputGroup, Intent, ProgressBar, Radio, RadioGroup, TextArea } from '@blueprintjs/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../../shared/errors.ts';
import {
  DIFFICULTIES,
  EXERCISE_TEMPLATES,
  TEMPLATE_SCHEMES,
  type Difficulty,
  type ExerciseDraft,
  type ExerciseTemplate,
} from '../../../../shared/domain/training.ts';
import { api, ApiError } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { jobFraction, useJobs } from '../jobs/useJobs.ts';
import { useTrainingFormat } from './format.ts';

type Form = {
  title: string;
  template: ExerciseTemplate;
  size: string;
  difficulty: Difficulty;
  schemes: string[];
  targets: string;
  timeLimitMinutes: string;
  instructions: string;
  objectives: string;
  seed: string;
  out: string;
};

const randomSeed = () => String(crypto.getRandomValues(new Uint32Array(1))[0]!);
const int = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN);

const blank = (): Form => ({
  title: '',
  template: 'seaport',
  size: '1000',
  difficulty: 'standard',
  schemes: [...TEMPLATE_SCHEMES.seaport],
  targets: '10',
  timeLimitMinutes: '60',
  instructions: '',
  objectives: '',
  seed: randomSeed(),
  out: '',
});

/** What is wrong with each field (null when the form can be sent), and the draft it makes. */
function check(form: Form): { problems: Partial<Record<keyof Form, string>>; draft: ExerciseDraft | null } {
  const problems: Partial<Record<keyof Form, string>> = {};
  const size = int(form.size);
  const targets = int(form.targets);
  const minutes = int(form.timeLimitMinutes);
  const seed = int(form.seed);
  if (!form.title.trim()) problems.title = 'titleMissing';
  if (!(size >= 50 && size <= 200_000)) problems.size = 'sizeRange';
  if (form.schemes.length === 0) problems.schemes = 'schemesMissing';
  if (!(targets >= 1 && targets <= 500)) problems.targets = 'targetsRange';
  else if (size >= 50 && targets > size / 2) problems.targets = 'targetsTooMany';
  if (!(minutes >= 5 && minutes <= 24 * 60)) problems.timeLimitMinutes = 'timeRange';
  if (!(seed >= 0 && seed <= 2 ** 32 - 1)) problems.seed = 'seedRange';
  const objectives = form.objectives
    .split('\n')
    .map((o) => o.trim())
    .filter(Boolean);
  if (objectives.length > 20) problems.objectives = 'objectivesTooMany';
  if (Object.keys(problems).length > 0) return { problems, draft: null };
  return {
    problems,
    draft: {
      title: form.title.trim(),
      template: form.template,
      size,
      difficulty: form.difficulty,
      schemes: form.schemes,
      targets,
      timeLimitMinutes: minutes,
      instructions: form.instructions,
      objectives,
      seed,
    },
  };
}

type Props = { onOpen(exerciseId: string): void; onCancel(): void };

export function AuthorForm({ onOpen, onCancel }: Props) {
  const { t } = useTranslation();
  const f = useTrainingFormat();
  const [form, setForm] = useState<Form>(blank);
  const [started, setStarted] = useState<{ jobId: string; file: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const job = useJobs().find((j) => j.id === started?.jobId);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((old) => ({ ...old, [k]: v }));
  const { problems, draft } = check(form);
  const problem = (k: keyof Form) => (problems[k] ? t(`training.author.problems.${problems[k]}`) : undefined);
  const running = job?.state === 'running' || (started !== null && !job);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!draft || busy || running) return;
    setBusy(true);
    setError(null);
    try {
      setStarted(await api.call('training.author', { draft, out: form.out.trim() || null }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const result = job?.state === 'done' ? (job.result as { exerciseId: string; targets: number; file: string }) : null;
  const phase = job?.phase ? t(`training.author.phases.${job.phase.replace(/\s+/g, '_')}`, { defaultValue: job.phase }) : t('training.author.phases.starting');
  return (
    <form className="pc-training-author" onSubmit={(e) => void submit(e)} data-testid="author-form">
      <H5>{t('training.author.title')}</H5>
      <FormGroup label={t('training.author.exerciseTitle')} labelFor="author-title" intent={problems.title && form.title ? Intent.DANGER : Intent.NONE}>
        <InputGroup id="author-title" value={form.title} onValueChange={(v) => set('title', v)} maxLength={200} autoFocus data-testid="author-title" />
      </FormGroup>
      <FormGroup label={t('training.author.template')} labelFor="author-template">
        <HTMLSelect
          id="author-template"
          fill
          value={form.template}
          onChange={(e) => {
            const template = e.currentTarget.value as ExerciseTemplate;
            setForm((old) => ({ ...old, template, schemes: [...TEMPLATE_SCHEMES[template]] }));
          }}
          data-testid="author-template"
        >
          {EXERCISE_TEMPLATES.map((x) => (
            <option key={x} value={x}>
              {t(`training.templates.${x}`)}
            </option>
          ))}
        </HTMLSelect>
      </FormGroup>
      <div className="pc-training-fields">
        <FormGroup
          label={form.template === 'passengers' ? t('training.author.sizePassengers') : t('training.author.sizeShipments')}
          labelFor="author-size"
          helperText={problem('size')}
          intent={problems.size ? Intent.DANGER : Intent.NONE}
        >
          <InputGroup id="author-size" type="number" min={50} max={200000} value={form.size} onValueChange={(v) => set('size', v)} data-testid="author-size" />
        </FormGroup>
        <FormGroup
          label={t('training.author.targets')}
          labelFor="author-targets"
          helperText={problem('targets') ?? t('training.author.targetsHelp')}
          intent={problems.targets ? Intent.DANGER : Intent.NONE}
        >
          <InputGroup
            id="author-targets"
            type="number"
            min={1}
            max={500}
            value={form.targets}
            onValueChange={(v) => set('targets', v)}
            data-testid="author-targets"
          />
        </FormGroup>
        <FormGroup
          label={t('training.author.timeLimit')}
          labelFor="author-time"
          helperText={problem('timeLimitMinutes')}
          intent={problems.timeLimitMinutes ? Intent.DANGER : Intent.NONE}
        >
          <InputGroup
            id="author-time"
            type="number"
            min={5}
            max={1440}
            value={form.timeLimitMinutes}
            onValueChange={(v) => set('timeLimitMinutes', v)}
            data-testid="author-time"
          />
        </FormGroup>
      </div>
      <FormGroup
        label={t('training.author.schemes')}
        helperText={problem('schemes') ?? t('training.author.schemesHelp')}
        intent={problems.schemes ? Intent.DANGER : Intent.NONE}
      >
        <div className="pc-training-schemes" data-testid="author-schemes">
          {TEMPLATE_SCHEMES[form.template].map((s) => (
            <Checkbox
              key={s}
              checked={form.schemes.includes(s)}
              label={f.scheme(s)}
              onChange={(e) => set('schemes', e.currentTarget.checked ? [...form.schemes, s] : form.schemes.filter((x) => x !== s))}
              data-testid="author-scheme"
              data-scheme={s}
            />
          ))}
        </div>
      </FormGroup>
      <FormGroup label={t('training.author.difficulty')}>
        <RadioGroup selectedValue={form.difficulty} onChange={(e) => set('difficulty', e.currentTarget.value as Difficulty)}>
          {DIFFICULTIES.map((d) => (
            <Radio key={d} value={d} data-testid={`author-difficulty-${d}`}>
              <strong>{t(`training.difficulties.${d}`)}</strong> <span className={Classes.TEXT_MUTED}>— {t(`training.difficultyHelp.${d}`)}</span>
            </Radio>
          ))}
        </RadioGroup>
      </FormGroup>
      <FormGroup label={t('training.author.instructions')} labelFor="author-instructions" helperText={t('training.author.instructionsHelp')}>
        <TextArea
          id="author-instructions"
          fill
          rows={4}
          maxLength={20000}
          value={form.instructions}
          onChange={(e) => set('instructions', e.currentTarget.value)}
          data-testid="author-instructions"
        />
      </FormGroup>
      <FormGroup
        label={t('training.author.objectives')}
        labelFor="author-objectives"
        helperText={problem('objectives') ?? t('training.author.objectivesHelp')}
        intent={problems.objectives ? Intent.DANGER : Intent.NONE}
      >
        <TextArea
          id="author-objectives"
          fill
          rows={3}
          value={form.objectives}
          onChange={(e) => set('objectives', e.currentTarget.value)}
          data-testid="author-objectives"
        />
      </FormGroup>
      <div className="pc-training-fields pc-training-fields-2">
        <FormGroup
          label={t('training.author.seed')}
          labelFor="author-seed"
          helperText={problem('seed') ?? t('training.author.seedHelp')}
          intent={problems.seed ? Intent.DANGER : Intent.NONE}
        >
          <InputGroup
            id="author-seed"
            type="number"
            value={form.seed}
            onValueChange={(v) => set('seed', v)}
            rightElement={
              <Button
                minimal
                icon="random"
                aria-label={t('training.author.newSeed')}
                title={t('training.author.newSeed')}
                onClick={() => set('seed', randomSeed())}
              />
            }
            data-testid="author-seed"
          />
        </FormGroup>
        <FormGroup label={t('training.author.out')} labelFor="author-out" helperText={t('training.author.outHelp')}>
          <InputGroup
            id="author-out"
            leftIcon="document"
            value={form.out}
            onValueChange={(v) => set('out', v)}
            placeholder={t('training.author.outPlaceholder')}
            data-testid="author-out"
          />
        </FormGroup>
      </div>
      <ErrorCallout error={error} />
      {running && (
        <div className="pc-row pc-mb" data-testid="author-running">
          <span>{phase}</span>
          <ProgressBar className="pc-job-bar" value={job ? jobFraction(job) : undefined} intent={Intent.PRIMARY} />
          {job && (
            <Button
              small
              minimal
              icon="cross"
              text={t('jobs.cancel')}
              onClick={() => void api.call('jobs.cancel', { id: job.id })}
              data-testid="author-cancel"
            />
          )}
        </div>
      )}
      {job && (job.state === 'failed' || job.state === 'cancelled') && (
        <ErrorCallout error={job.error ? new ApiError(job.error.code as ErrorCode, job.error.message) : new Error(t(`jobs.state.${job.state}`))} />
      )}
      {result && (
        <Callout intent={Intent.SUCCESS} icon="tick-circle" title={t('training.author.doneTitle')} className="pc-mb" data-testid="author-done">
          <p>{t('training.author.done', { targets: result.targets })}</p>
          <code className="pc-training-path" data-testid="author-file">
            {result.file}
          </code>
          <p className="pc-mt">{t('training.author.handOut')}</p>
          <Button
            intent={Intent.PRIMARY}
            icon="arrow-right"
            text={t('training.author.open')}
            onClick={() => onOpen(result.exerciseId)}
            data-testid="author-open"
          />
        </Callout>
      )}
      <div className="pc-row">
        <Button
          type="submit"
          intent={Intent.PRIMARY}
          icon="build"
          text={t('training.author.submit')}
          loading={busy}
          disabled={!draft || running}
          data-testid="author-submit"
        />
        <Button text={result ? t('exchange.close') : t('common.cancel')} onClick={onCancel} data-testid="author-cancel-form" />
      </div>
    </form>
  );
}
