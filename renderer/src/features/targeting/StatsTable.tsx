// Profile statistics from the review's outcomes: per profile and per rule, how often it fired, how many
// of those a person selected, how many were positive, the seizures, and the hit rate (positive/selected).
import { Button, Classes, HTMLTable } from '@blueprintjs/core';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileStats } from '../../../../shared/domain/targeting.ts';
import { useTargetingFormat } from './format.ts';

export function StatsTable({ stats }: { stats: ProfileStats[] }) {
  const { t } = useTranslation();
  const f = useTargetingFormat();
  const [open, setOpen] = useState<Set<number>>(new Set());
  if (stats.length === 0) return <p className={Classes.TEXT_MUTED}>{t('targeting.stats.none')}</p>;
  const toggle = (id: number) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <HTMLTable compact className="pc-table pc-stats-table" data-testid="stats-table">
      <thead>
        <tr>
          <th>{t('targeting.stats.profileOrRule')}</th>
          <th className="pc-right">{t('targeting.stats.fired')}</th>
          <th className="pc-right">{t('targeting.stats.selected')}</th>
          <th className="pc-right">{t('targeting.stats.positive')}</th>
          <th className="pc-right">{t('targeting.stats.seizureCount')}</th>
          <th className="pc-right">{t('targeting.stats.hitRate')}</th>
        </tr>
      </thead>
      <tbody>
        {stats.map((p) => (
          <Fragment key={p.profileId}>
            <tr className="pc-stats-profile" data-testid="stats-profile" data-profile={p.profile}>
              <td>
                <Button
                  size="small"
                  variant="minimal"
                  icon={open.has(p.profileId) ? 'chevron-down' : 'chevron-right'}
                  aria-expanded={open.has(p.profileId)}
                  aria-label={t('targeting.stats.showRules')}
                  onClick={() => toggle(p.profileId)}
                />
                <strong>{p.profile}</strong>
              </td>
              <td className="pc-right pc-num" data-testid="stats-hits">
                {f.number(p.hits)}
              </td>
              <td className="pc-right pc-num" data-testid="stats-selected">
                {f.number(p.selected)}
              </td>
              <td className="pc-right pc-num" data-testid="stats-positive">
                {f.number(p.positive)}
              </td>
              <td className="pc-right pc-num" data-testid="stats-seizures">
                {f.number(p.seizures)}
              </td>
              <td className="pc-right pc-num">{f.percent(p.hitRate)}</td>
            </tr>
            {open.has(p.profileId) &&
              p.rules.map((r) => (
                <tr key={r.rule} className="pc-stats-rule" data-testid="stats-rule" data-rule={r.rule}>
                  <td className="pc-indent">{r.rule}</td>
                  <td className="pc-right pc-num">{f.number(r.fired)}</td>
                  <td className="pc-right pc-num">{f.number(r.selected)}</td>
                  <td className="pc-right pc-num">{f.number(r.positive)}</td>
                  <td className="pc-right pc-num">{f.number(r.seizures)}</td>
                  <td className="pc-right pc-num">{f.percent(r.hitRate)}</td>
                </tr>
              ))}
          </Fragment>
        ))}
      </tbody>
    </HTMLTable>
  );
}
