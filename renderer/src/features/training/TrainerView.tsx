// The trainer's screen in a live workspace: the exercises authored here and one of them open beside the
// list, or the authoring form. Authoring needs this unit's identity (see UnitNeeded).
import { Button, H2, Intent, Spinner } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { useIdentity } from '../exchange/useExchange.ts';
import { AuthorForm } from './AuthorForm.tsx';
import { ExerciseDetail } from './ExerciseDetail.tsx';
import { ExerciseList } from './ExerciseList.tsx';
import { useTrainingRoute } from './training-route.ts';
import { UnitNeeded } from './UnitNeeded.tsx';
import { useExercises } from './useTraining.ts';

export function TrainerView() {
  const { t } = useTranslation();
  const [route, go] = useTrainingRoute();
  const identity = useIdentity();
  const exercises = useExercises();
  const noUnit = identity.data !== undefined && identity.data.profile === null;
  const selected = route.view === 'exercise' ? route.id : null;

  return (
    <div className="pc-page pc-training" data-section="training" data-testid="trainer-view">
      <div className="pc-row">
        <H2 className="pc-grow pc-no-margin">{t('sections.training.title')}</H2>
        {route.view !== 'new' && (
          <Button
            intent={Intent.PRIMARY}
            icon="add"
            text={t('training.author.button')}
            onClick={() => go({ view: 'new' })}
            data-testid="training-author-open"
          />
        )}
      </div>
      <p className="pc-lead">{t('training.trainer.lead')}</p>
      <ErrorCallout error={identity.error} />
      {noUnit && <UnitNeeded />}
      {route.view === 'new' ? (
        identity.data === undefined ? (
          <Spinner size={24} />
        ) : noUnit ? null : (
          <AuthorForm
            onCancel={() => go({ view: 'list' })}
            onOpen={(exerciseId) =>
              // Read afresh: the list may not have caught up with the exercise just written.
              void api.call('training.exercises').then(
                (list) => {
                  const found = list.find((x) => x.exerciseId === exerciseId);
                  go(found ? { view: 'exercise', id: found.id } : { view: 'list' });
                },
                () => go({ view: 'list' }),
              )
            }
          />
        )
      ) : (
        <>
          <ErrorCallout error={exercises.error} />
          {!exercises.data && !exercises.error && <Spinner size={24} />}
          {exercises.data && (
            <div className={selected ? 'pc-training-split' : ''}>
              <div className="pc-training-list-pane">
                <ExerciseList exercises={exercises.data} selected={selected} onSelect={(id) => go({ view: 'exercise', id })} />
              </div>
              {selected && <ExerciseDetail key={selected} id={selected} onClose={() => go({ view: 'list' })} />}
            </div>
          )}
        </>
      )}
    </div>
  );
}
