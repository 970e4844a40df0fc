// The trainee's screen in a training workspace: the briefing and the clock, the exercise's files to
// import, the selections (made here or from a record's "Select as target") and the submission.
import { Callout, Card, Classes, H2, H5, Intent, NonIdealState, Spinner } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import { SCORING_RULES } from '../../../../shared/domain/training.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { Briefing } from './Briefing.tsx';
import { ExerciseFiles } from './ExerciseFiles.tsx';
import { ScoringRules } from './ScoringRules.tsx';
import { SelectionForm } from './SelectionForm.tsx';
import { SelectionList } from './SelectionList.tsx';
import { SubmitPanel } from './SubmitPanel.tsx';
import { TruthPanel } from './TruthPanel.tsx';
import type { RecordRef } from '../records/record-ref.ts';
import { useTrainingFormat } from './format.ts';
import { ExerciseClock } from './TrainingBanner.tsx';
import { useTrainingMark } from './training-mark.ts';
import { useSelections } from './useTraining.ts';

export function TraineeView({ onOpen }: { onOpen(ref: RecordRef): void }) {
  const { t } = useTranslation();
  const f = useTrainingFormat();
  const { mark, error, reload } = useTrainingMark();
  const selections = useSelections();
  if (!mark) return error ? <ErrorCallout error={error} /> : <NonIdealState icon={<Spinner />} />;
  const frozen = mark.submittedAt !== null;
  return (
    <div className="pc-page pc-training" data-section="training" data-testid="trainee-view" data-submitted={frozen ? 'true' : 'false'}>
      <div className="pc-row">
        <H2 className="pc-grow pc-no-margin">{t('training.trainee.title')}</H2>
        <ExerciseClock mark={mark} large />
      </div>
      <p className="pc-lead">{t('training.trainee.lead')}</p>
      <div className="pc-training-columns">
        <div className="pc-training-col">
          <Briefing mark={mark} />
          <ExerciseFiles />
        </div>
        <div className="pc-training-col">
          <Card className="pc-training-card">
            <H5>{t('training.select.title')}</H5>
            {frozen ? (
              <Callout intent={Intent.PRIMARY} icon="lock" data-testid="selections-frozen">
                {t('training.select.frozen', { at: f.moment(mark.submittedAt) })}
              </Callout>
            ) : (
              <>
                <p className={Classes.TEXT_MUTED}>{t('training.select.help')}</p>
                <SelectionForm mark={mark} onSelected={selections.reload} />
              </>
            )}
          </Card>
          <Card className="pc-training-card">
            <H5>{t('training.list.title', { count: selections.data?.length ?? 0 })}</H5>
            <ErrorCallout error={selections.error} />
            {selections.data ? <SelectionList selections={selections.data} frozen={frozen} onChanged={selections.reload} /> : <Spinner size={20} />}
          </Card>
          <Card className="pc-training-card">
            <H5>{t('training.submit.title')}</H5>
            <SubmitPanel mark={mark} count={selections.data?.length ?? 0} onSubmitted={reload} />
          </Card>
          {frozen && selections.data && (
            <Card className="pc-training-card">
              <H5>{t('training.truth.title')}</H5>
              <TruthPanel selections={selections.data} onOpen={onOpen} />
            </Card>
          )}
          <Card className="pc-training-card">
            <ScoringRules rules={SCORING_RULES.text} />
          </Card>
        </div>
      </div>
    </div>
  );
}
