// One trainee's result: each selection (a hit with its scheme and the share of the revealing indicators
// cited, a false alarm, or made too late to count), and each hidden record missed with the indicators
// that would have revealed it. On screen and in the debrief.
import { Classes, H6, HTMLTable, Intent, Tag } from '@blueprintjs/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Score } from '../../../../shared/domain/training.ts';
import { useTrainingFormat } from './format.ts';

function Table({ print, testId, children }: { print?: boolean; testId: string; children: ReactNode }) {
  return print ? (
    <table className="pc-print-table" data-testid={testId}>
      {children}
    </table>
  ) : (
    <HTMLTable compact striped className="pc-training-table" data-testid={testId}>
      {children}
    </HTMLTable>
  );
}

export function SelectionOutcomes({ score, print }: { score: Score; print?: boolean }) {
  const { t } = useTranslation();
  const f = useTrainingFormat();
  if (score.selections.length === 0) return <p className={print ? 'pc-print-muted' : Classes.TEXT_MUTED}>{t('training.result.noSelections')}</p>;
  const outcome = (s: Score['selections'][number]) => (s.late ? 'late' : s.correct ? 'hit' : 'falseAlarm');
  return (
    <Table print={print} testId="result-selections">
      <thead>
        <tr>
          <th>{t('training.result.record')}</th>
          <th>{t('training.result.outcome')}</th>
          <th>{t('training.result.scheme')}</th>
          <th className="pc-num">{t('training.result.indicatorCredit')}</th>
        </tr>
      </thead>
      <tbody>
        {score.selections.map((s) => {
          const o = outcome(s);
          return (
            <tr key={`${s.entity}:${s.ref}`} data-testid="result-selection" data-ref={s.ref} data-outcome={o}>
              <td>
                <span className={Classes.MONOSPACE_TEXT}>{s.ref}</span>
              </td>
              <td>
                {print ? (
                  t(`training.result.outcomes.${o}`)
                ) : (
                  <Tag minimal intent={o === 'hit' ? Intent.SUCCESS : Intent.DANGER} icon={o === 'hit' ? 'tick' : o === 'late' ? 'time' : 'cross'}>
                    {t(`training.result.outcomes.${o}`)}
                  </Tag>
                )}
              </td>
              <td>{f.scheme(s.scheme)}</td>
              <td className="pc-num">{s.correct ? f.percent(s.indicatorCredit) : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

export function MissedTargets({ score, print }: { score: Score; print?: boolean }) {
  const { t } = useTranslation();
  const f = useTrainingFormat();
  if (score.missed.length === 0) return <p className={print ? 'pc-print-muted' : Classes.TEXT_MUTED}>{t('training.result.noneMissed')}</p>;
  return (
    <Table print={print} testId="result-missed">
      <thead>
        <tr>
          <th>{t('training.result.record')}</th>
          <th>{t('training.result.scheme')}</th>
          <th>{t('training.result.wouldReveal')}</th>
        </tr>
      </thead>
      <tbody>
        {score.missed.map((m) => (
          <tr key={`${m.entity}:${m.ref}`} data-testid="result-missed-row" data-ref={m.ref}>
            <td>
              <span className={Classes.MONOSPACE_TEXT}>{m.ref}</span>
            </td>
            <td>{f.scheme(m.scheme)}</td>
            <td>
              <ul className="pc-training-list">
                {m.indicators.map((i) => (
                  <li key={i}>{i}</li>
                ))}
              </ul>
              {m.links && m.links.length > 0 && (
                <>
                  <div className={print ? 'pc-print-muted' : Classes.TEXT_MUTED}>{t('training.result.links')}</div>
                  <ul className="pc-training-list" data-testid="result-missed-links">
                    {m.links.map((l) => (
                      <li key={`${l.role}:${l.via}:${l.other}`}>
                        {t('training.result.link', {
                          role:
                            l.role === 'address'
                              ? t('training.result.viaAddress')
                              : l.role === 'booking'
                                ? t('training.result.viaBooking')
                                : t(`records.role.${l.role}`),
                          via: l.via,
                          other: l.other,
                        })}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** The score's parts, as a small table of figures. */
export function ScoreFigures({ score, total, print }: { score: Score; total: number; print?: boolean }) {
  const { t } = useTranslation();
  const f = useTrainingFormat();
  const rows: [string, string][] = [
    [t('training.board.total'), f.total(total)],
    [t('training.board.precision'), f.precision(score)],
    [t('training.board.recall'), f.recall(score)],
    [t('training.board.f1'), f.f1(score.f1)],
    [t('training.board.indicators'), f.percent(score.indicatorCredit)],
    [t('training.board.firstCorrect'), f.minutes(score.minutesToFirstCorrect)],
    [t('training.result.speed'), f.percent(score.speed)],
    [t('training.board.falseAlarms'), String(score.falseAlarms)],
    [t('training.result.falseAlarmCost'), f.total(score.falseAlarmCost)],
  ];
  const body = (
    <tbody>
      {rows.map(([label, value]) => (
        <tr key={label}>
          <th>{label}</th>
          <td>{value}</td>
        </tr>
      ))}
    </tbody>
  );
  return print ? (
    <table className="pc-print-kv" data-testid="score-figures">
      {body}
    </table>
  ) : (
    <HTMLTable compact className="pc-kv" data-testid="score-figures">
      {body}
    </HTMLTable>
  );
}

export function TraineeResult({ score, total }: { score: Score; total: number }) {
  const { t } = useTranslation();
  return (
    <div className="pc-training-result" data-testid="trainee-result">
      <div className="pc-training-result-figures">
        <ScoreFigures score={score} total={total} />
      </div>
      <div className="pc-grow">
        <H6>{t('training.result.selections')}</H6>
        <SelectionOutcomes score={score} />
        <H6 className="pc-mt">{t('training.result.missed', { count: score.missed.length })}</H6>
        <MissedTargets score={score} />
      </div>
    </div>
  );
}
