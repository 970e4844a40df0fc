// One import's report: what was taken, what was refused, every warning with its line and code.
import { Callout, HTMLTable, Intent, Tag } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { ImportFileReport, ImportIssueRow } from '../../../../shared/domain/imports.ts';

export function ImportReportView({ report, refused }: { report: ImportFileReport; refused: boolean }) {
  const { t } = useTranslation();
  const issues: ImportIssueRow[] = [
    ...report.errors.map((e) => ({ ...e, severity: 'error' as const, field: null })),
    ...report.warnings.map((w) => ({ ...w, severity: 'warning' as const, field: null })),
  ];
  return (
    <Callout
      intent={refused ? Intent.DANGER : report.warnings.length + report.rejected > 0 ? Intent.WARNING : Intent.SUCCESS}
      icon={refused ? 'error' : 'tick-circle'}
      title={refused ? t('imports.refused', { file: report.file }) : t('imports.imported', { file: report.file, format: report.format.toUpperCase() })}
      className="pc-mt"
      data-testid="import-report"
    >
      {!refused && <div>{t('imports.counts', { accepted: report.accepted, rejected: report.rejected, warnings: report.warnings.length })}</div>}
      {issues.length > 0 && <IssueTable issues={issues} />}
    </Callout>
  );
}

export function IssueTable({ issues }: { issues: ImportIssueRow[] }) {
  const { t } = useTranslation();
  return (
    <HTMLTable compact className="pc-issues">
      <thead>
        <tr>
          <th>{t('imports.line')}</th>
          <th>{t('imports.code')}</th>
          <th>{t('imports.message')}</th>
        </tr>
      </thead>
      <tbody>
        {issues.slice(0, 200).map((i, k) => (
          <tr key={k}>
            <td className="pc-num">{i.line}</td>
            <td>
              <Tag minimal intent={i.severity === 'error' ? Intent.DANGER : Intent.WARNING}>
                {i.code}
              </Tag>
            </td>
            <td>{i.message}</td>
          </tr>
        ))}
      </tbody>
    </HTMLTable>
  );
}
