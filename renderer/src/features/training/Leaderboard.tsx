// The class's scores, best first: on screen (a row opens that trainee's results) and in the debrief.
import { HTMLTable, Intent, Tag } from '@blueprintjs/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SubmissionResult } from '../../../../shared/domain/training.ts';
import { useTrainingFormat } from './format.ts';

type Props = { submissions: SubmissionResult[]; selected?: number | null; onSelect?(id: number): void; print?: boolean };

export function Leaderboard({ submissions, selected, onSelect, print }: Props) {
  const { t } = useTranslation();
  const f = useTrainingFormat();
  const head = (
    <thead>
      <tr>
        <th className="pc-num">{t('training.board.rank')}</th>
        <th>{t('training.board.trainee')}</th>
        <th className="pc-num">{t('training.board.total')}</th>
        <th>{t('training.board.precision')}</th>
        <th>{t('training.board.recall')}</th>
        <th className="pc-num">{t('training.board.f1')}</th>
        <th className="pc-num">{t('training.board.indicators')}</th>
        <th className="pc-num">{t('training.board.firstCorrect')}</th>
        <th className="pc-num">{t('training.board.falseAlarms')}</th>
        <th>{t('training.board.late')}</th>
      </tr>
    </thead>
  );
  const body = (
    <tbody>
      {submissions.map((s) => (
        <tr
          key={s.id}
          className={s.id === selected ? 'pc-training-selected' : undefined}
          onClick={onSelect ? () => onSelect(s.id) : undefined}
          data-testid="leaderboard-row"
          data-submission-id={s.id}
          data-trainee={s.trainee}
          aria-selected={onSelect ? s.id === selected : undefined}
        >
          <td className="pc-num" data-cell="rank">
            {s.rank}
          </td>
          <td data-cell="trainee">
            <strong>{s.trainee}</strong>
          </td>
          <td className="pc-num" data-cell="total">
            <strong>{f.total(s.total)}</strong>
          </td>
          <td className="pc-nowrap" data-cell="precision">
            {f.precision(s.score)}
          </td>
          <td className="pc-nowrap" data-cell="recall">
            {f.recall(s.score)}
          </td>
          <td className="pc-num" data-cell="f1">
            {f.f1(s.score.f1)}
          </td>
          <td className="pc-num" data-cell="indicators">
            {f.percent(s.score.indicatorCredit)}
          </td>
          <td className="pc-num" data-cell="first-correct">
            {f.minutes(s.score.minutesToFirstCorrect)}
          </td>
          <td className="pc-num" data-cell="false-alarms">
            {s.score.falseAlarms}
          </td>
          <td data-cell="late">{lateText(s, t, print)}</td>
        </tr>
      ))}
    </tbody>
  );
  if (print) {
    return (
      <table className="pc-print-table" data-testid="leaderboard">
        {head}
        {body}
      </table>
    );
  }
  return (
    <HTMLTable compact striped interactive={Boolean(onSelect)} className="pc-training-table" data-testid="leaderboard">
      {head}
      {body}
    </HTMLTable>
  );
}

function lateText(s: SubmissionResult, t: TFunction, print?: boolean): ReactNode {
  const parts: string[] = [];
  if (s.score.late) parts.push(t('training.board.submittedLate'));
  if (s.score.lateSelections > 0) parts.push(t('training.board.lateSelections', { count: s.score.lateSelections }));
  if (parts.length === 0) return t('training.board.onTime');
  return print ? (
    parts.join(', ')
  ) : (
    <Tag minimal intent={Intent.DANGER}>
      {parts.join(', ')}
    </Tag>
  );
}
