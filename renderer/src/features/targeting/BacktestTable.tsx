// Backtest results side by side: one column per version (saved, draft), one row per measure, then the
// rules with how often each fired and how many of those were positives.
import { Classes, HTMLTable } from '@blueprintjs/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { LANES, type BacktestResult } from '../../../../shared/domain/targeting.ts';
import { useTargetingFormat } from './format.ts';
import { LaneTag } from './LaneTag.tsx';

type Column = { side: 'saved' | 'draft'; result: BacktestResult };

export function BacktestTable({ columns }: { columns: Column[] }) {
  const { t } = useTranslation();
  const f = useTargetingFormat();
  const rows: [string, (r: BacktestResult) => string][] = [
    ['records', (r) => f.number(r.records)],
    ['selected', (r) => f.number(r.selected)],
    ['selectionRate', (r) => f.percent(r.selectionRate)],
    ['known', (r) => f.number(r.known)],
    ['positives', (r) => f.number(r.positives)],
    ['truePositives', (r) => f.number(r.truePositives)],
    ['precision', (r) => f.percent(r.precision)],
    ['recall', (r) => f.percent(r.recall)],
    ['lift', (r) => f.times(r.lift)],
  ];
  const rules = [...new Set(columns.flatMap((c) => c.result.rules.map((x) => x.rule)))];
  return (
    <HTMLTable compact striped bordered className="pc-table pc-backtest-table pc-mt" data-testid="backtest-results">
      <thead>
        <tr>
          <th />
          {columns.map((c) => (
            <th key={c.side} className="pc-right" data-testid={`backtest-col-${c.side}`}>
              {c.side === 'saved' ? t('targeting.backtest.side.savedVersion', { version: c.result.version }) : t('targeting.backtest.side.draft')}
              <div className={`${Classes.TEXT_MUTED} pc-small`}>
                {c.result.from} … {c.result.to}
              </div>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([key, show]) => (
          <tr key={key} data-testid={`backtest-row-${key}`}>
            <th title={t(`targeting.backtest.measureHelp.${key}`)}>{t(`targeting.backtest.measure.${key}`)}</th>
            {columns.map((c) => (
              <td key={c.side} className="pc-right pc-num" data-side={c.side}>
                {show(c.result)}
              </td>
            ))}
          </tr>
        ))}
        {LANES.map((lane) => (
          <tr key={lane}>
            <th>
              <LaneTag lane={lane} minimal />
            </th>
            {columns.map((c) => (
              <td key={c.side} className="pc-right pc-num">
                {f.number(c.result.lanes[lane])}
              </td>
            ))}
          </tr>
        ))}
        {rules.length > 0 && (
          <tr>
            <th colSpan={columns.length + 1} className="pc-table-section">
              {t('targeting.backtest.rulesFired')}
            </th>
          </tr>
        )}
        {rules.map((rule) => (
          <Fragment key={rule}>
            <tr data-testid="backtest-rule" data-rule={rule}>
              <th className="pc-indent">{rule}</th>
              {columns.map((c) => {
                const r = c.result.rules.find((x) => x.rule === rule);
                return (
                  <td key={c.side} className="pc-right pc-num">
                    {r ? t('targeting.backtest.fired', { fired: f.number(r.fired), positives: f.number(r.truePositives) }) : '—'}
                  </td>
                );
              })}
            </tr>
          </Fragment>
        ))}
      </tbody>
    </HTMLTable>
  );
}
