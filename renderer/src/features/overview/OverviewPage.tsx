// Overview of the open workspace: what it holds, and whether its audit trail verifies.
import { Button, Callout, Card, Classes, H2, H5, HTMLTable, Intent, Spinner } from '@blueprintjs/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditVerification, WorkspaceInfo, WorkspaceStats } from '../../../../shared/domain/workspace.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';

const COUNTS: (keyof WorkspaceStats)[] = [
  'shipments',
  'containers',
  'events',
  'parties',
  'conveyances',
  'passengers',
  'crew',
  'bookings',
  'itinerarySegments',
  'imports',
];

export function OverviewPage({ workspace }: { workspace: WorkspaceInfo }) {
  const { t, i18n } = useTranslation();
  const [stats, setStats] = useState<WorkspaceStats>();
  const [audit, setAudit] = useState<AuditVerification>();
  const [error, setError] = useState<unknown>(null);
  const nf = new Intl.NumberFormat(i18n.language === 'hbs' ? 'hr' : 'en');

  const load = useCallback(() => {
    api.call('records.stats').then(setStats, setError);
  }, []);
  useEffect(() => {
    load();
    return api.on('data.changed', load);
  }, [load]);

  return (
    <div className="pc-page" data-section="overview">
      <H2>{workspace.name}</H2>
      <p className={`${Classes.TEXT_MUTED} pc-path`}>{workspace.dir}</p>
      <ErrorCallout error={error} />
      <div className="pc-stat-grid" data-testid="stats">
        {COUNTS.map((k) => (
          <Card key={k} className="pc-stat" data-stat={k}>
            <div className="pc-stat-value pc-num">{stats ? nf.format(stats[k]) : <Spinner size={16} />}</div>
            <div className={Classes.TEXT_MUTED}>{t(`stats.${k}`)}</div>
          </Card>
        ))}
      </div>
      {stats && stats.shipments + stats.passengers === 0 && (
        <Callout icon="info-sign" className="pc-mt">
          {t('overview.empty')}
        </Callout>
      )}
      <H5 className="pc-mt">{t('overview.workspace')}</H5>
      <HTMLTable compact className="pc-kv">
        <tbody>
          <tr>
            <th>{t('overview.created')}</th>
            <td>{new Date(workspace.createdAt).toLocaleString(i18n.language === 'hbs' ? 'hr' : 'en')}</td>
          </tr>
          <tr>
            <th>{t('overview.schema')}</th>
            <td className="pc-num">{workspace.schemaVersion}</td>
          </tr>
          <tr>
            <th>{t('overview.auditEntries')}</th>
            <td className="pc-num">{stats ? nf.format(stats.auditEntries) : '…'}</td>
          </tr>
        </tbody>
      </HTMLTable>
      <div className="pc-row pc-mt">
        <Button icon="endorsed" text={t('audit.verify')} onClick={() => api.call('audit.verify').then(setAudit, setError)} />
        {audit && (
          <Callout intent={audit.ok ? Intent.SUCCESS : Intent.DANGER} compact data-testid="audit-result">
            {audit.ok ? t('audit.ok', { count: audit.entries }) : t('audit.broken', { seq: audit.brokenAt, reason: audit.reason })}
          </Callout>
        )}
      </div>
    </div>
  );
}
