// The exercises authored in this workspace, newest first, with how many submissions each has received.
import { Classes, HTMLTable, NonIdealState, Tag } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { ExerciseSummary } from '../../../../shared/domain/training.ts';
import { useTrainingFormat } from './format.ts';

type Props = { exercises: ExerciseSummary[]; selected: number | null; onSelect(id: number): void };

export function ExerciseList({ exercises, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const f = useTrainingFormat();
  if (exercises.length === 0) return <NonIdealState icon="learning" title={t('training.exercises.empty')} description={t('training.exercises.emptyHelp')} />;
  const narrow = selected !== null;
  return (
    <HTMLTable compact interactive striped className="pc-training-table" data-testid="exercise-list">
      <thead>
        <tr>
          <th>{t('training.exercises.title')}</th>
          {!narrow && <th>{t('training.exercises.template')}</th>}
          {!narrow && <th>{t('training.exercises.difficulty')}</th>}
          {!narrow && <th className="pc-num">{t('training.exercises.size')}</th>}
          {!narrow && <th className="pc-num">{t('training.exercises.targets')}</th>}
          {!narrow && <th>{t('training.exercises.created')}</th>}
          <th className="pc-num">{t('training.exercises.submissions')}</th>
        </tr>
      </thead>
      <tbody>
        {exercises.map((x) => (
          <tr
            key={x.id}
            className={x.id === selected ? 'pc-training-selected' : undefined}
            onClick={() => onSelect(x.id)}
            data-testid="exercise-row"
            data-exercise-id={x.id}
            aria-selected={x.id === selected}
          >
            <td>
              <strong>{x.title}</strong>
              {narrow && <div className={Classes.TEXT_MUTED}>{f.moment(x.createdAt)}</div>}
            </td>
            {!narrow && <td>{t(`training.templateShort.${x.template}`)}</td>}
            {!narrow && (
              <td>
                <Tag minimal>{t(`training.difficulties.${x.difficulty}`)}</Tag>
              </td>
            )}
            {!narrow && <td className="pc-num">{x.size}</td>}
            {!narrow && <td className="pc-num">{x.targets}</td>}
            {!narrow && <td className="pc-nowrap">{f.moment(x.createdAt)}</td>}
            <td className="pc-num">{x.submissions}</td>
          </tr>
        ))}
      </tbody>
    </HTMLTable>
  );
}
