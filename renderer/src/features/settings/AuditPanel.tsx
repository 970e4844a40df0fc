// The audit log: verify the hash chain and read the latest entries.
import { Button, Callout, Classes, HTMLTable, Intent } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditVerification } from '../../../../shared/domain/workspace.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';

export function AuditPanel() {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [verification, setVerification] = useState<AuditVerification>();
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.call('audit.recent', { limit: 200 }).then(setEntries, setError);
  }, []);

  return (
    <div className="pc-panel">
      <div className="pc-row">
        <Button icon="endorsed" text={t('audit.verify')} onClick={() => api.call('audit.verify').then(setVerification, setError)} />
        {verification && (
          <Callout compact intent={verification.ok ? Intent.SUCCESS : Intent.DANGER}>
            {verification.ok ? t('audit.ok', { count: verification.entries }) : t('audit.broken', { seq: verification.brokenAt, reason: verification.reason })}
          </Callout>
        )}
      </div>
      <ErrorCallout error={error} />
      <HTMLTable compact striped className="pc-audit-table pc-mt">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('audit.when')}</th>
            <th>{t('audit.who')}</th>
            <th>{t('audit.action')}</th>
            <th>{t('audit.hash')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq}>
              <td className="pc-num">{e.seq}</td>
              <td>{new Date(e.at).toLocaleString(i18n.language === 'hbs' ? 'hr' : 'en')}</td>
              <td>{e.actor}</td>
              <td>{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</td>
              <td className={`${Classes.MONOSPACE_TEXT} ${Classes.TEXT_MUTED}`}>{e.hash.slice(0, 12)}…</td>
            </tr>
          ))}
        </tbody>
      </HTMLTable>
    </div>
  );
}
