// One exercise for its trainer: what it is and where its pack was written, the answer key (behind a
// toggle), receiving the trainees' submissions, the class's leaderboard with each trainee's results, the
// debriefs to print, and how the scores are made.
import { Button, Card, Classes, H3, H5, HTMLTable, Intent, NonIdealState, Spinner, Tag } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { AnswerKey } from './AnswerKey.tsx';
import { AnswersExport } from './AnswersExport.tsx';
import { useTrainingFormat } from './format.ts';
import { Leaderboard } from './Leaderboard.tsx';
import { ReceiveSubmissionDialog } from './ReceiveSubmissionDialog.tsx';
import { ScoringRules } from './ScoringRules.tsx';
import { TraineeResult } from './TraineeResult.tsx';
import { debriefHash } from './training-route.ts';
import { useResults } from './useTraining.ts';

export function ExerciseDetail({ id, onClose }: { id: number; onClose(): void }) {
  const { t } = useTranslation();
  const f = useTrainingFormat();
  const results = useResults(id);
  const [receiving, setReceiving] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  if (results.error) return <ErrorCallout error={results.error} />;
  if (!results.data) return <NonIdealState icon={<Spinner />} />;
  const { exercise: x, submissions, rules } = results.data;
  const chosen = submissions.find((s) => s.id === selected) ?? null;
  return (
    <div className="pc-training-detail" data-testid="exercise-detail" data-exercise-id={x.id}>
      <Card className="pc-training-card">
        <div className="pc-row">
          <H3 className="pc-grow pc-no-margin" data-testid="exercise-title">
            {x.title}
          </H3>
          <Button minimal icon="cross" aria-label={t('exchange.close')} title={t('exchange.close')} onClick={onClose} />
        </div>
        <HTMLTable compact className="pc-kv pc-mt">
          <tbody>
            <tr>
              <th>{t('training.exercises.template')}</th>
              <td>{t(`training.templates.${x.template}`)}</td>
            </tr>
            <tr>
              <th>{t('training.exercises.difficulty')}</th>
              <td>
                <Tag minimal>{t(`training.difficulties.${x.difficulty}`)}</Tag>{' '}
                <span className={Classes.TEXT_MUTED}>{t(`training.difficultyHelp.${x.difficulty}`)}</span>
              </td>
            </tr>
            <tr>
              <th>{t('training.exercises.size')}</th>
              <td>{x.size}</td>
            </tr>
            <tr>
              <th>{t('training.exercises.targets')}</th>
              <td data-testid="exercise-targets">{x.targets}</td>
            </tr>
            <tr>
              <th>{t('training.exercises.timeLimit')}</th>
              <td>{t('training.minutes', { minutes: x.timeLimitMinutes })}</td>
            </tr>
            <tr>
              <th>{t('training.exercises.created')}</th>
              <td>{f.moment(x.createdAt)}</td>
            </tr>
            <tr>
              <th>{t('training.exercises.pack')}</th>
              <td>
                <code className="pc-training-path" data-testid="exercise-file">
                  {x.file ?? '—'}
                </code>
              </td>
            </tr>
          </tbody>
        </HTMLTable>
      </Card>
      <Card className="pc-training-card">
        <H5>{t('training.answers.title')}</H5>
        <AnswerKey id={x.id} />
        <AnswersExport id={x.id} />
      </Card>
      <Card className="pc-training-card">
        <div className="pc-row">
          <H5 className="pc-grow pc-no-margin">{t('training.board.title', { count: submissions.length })}</H5>
          <Button
            icon="import"
            intent={Intent.PRIMARY}
            text={t('training.receive.button')}
            onClick={() => setReceiving(true)}
            data-testid="submission-receive"
          />
          <Button
            icon="print"
            text={t('training.debrief.classButton')}
            disabled={submissions.length === 0}
            onClick={() => (location.hash = debriefHash(x.id))}
            data-testid="debrief-class"
          />
        </div>
        {submissions.length === 0 ? (
          <NonIdealState icon="inbox" title={t('training.board.empty')} description={t('training.board.emptyHelp')} />
        ) : (
          <>
            <p className={Classes.TEXT_MUTED}>{t('training.board.help')}</p>
            <Leaderboard submissions={submissions} selected={selected} onSelect={(s) => setSelected(s === selected ? null : s)} />
          </>
        )}
        {chosen && (
          <div className="pc-mt" data-testid="trainee-detail" data-trainee={chosen.trainee}>
            <div className="pc-row">
              <H5 className="pc-grow pc-no-margin">
                {t('training.result.title', { trainee: chosen.trainee })}{' '}
                <span className={Classes.TEXT_MUTED}>{t('training.result.submitted', { at: f.moment(chosen.submittedAt) })}</span>
              </H5>
              <Button
                icon="print"
                text={t('training.debrief.traineeButton')}
                onClick={() => (location.hash = debriefHash(x.id, chosen.id))}
                data-testid="debrief-trainee"
              />
            </div>
            <TraineeResult score={chosen.score} total={chosen.total} />
          </div>
        )}
      </Card>
      <Card className="pc-training-card">
        <ScoringRules rules={rules} />
      </Card>
      {receiving && (
        <ReceiveSubmissionDialog
          onClose={() => setReceiving(false)}
          onReceived={(r) => {
            results.reload();
            setSelected(r.id);
          }}
        />
      )}
    </div>
  );
}
