// The second step of a new package: exactly what will leave, for the analyst to check before anything is
// signed — the recipients and the keys it is encrypted to, the handling code, and the count of each thing.
import { Callout, Classes, H5, HTMLTable, Intent } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import { fingerprintDigits, fingerprintWords, type ExportPlan } from '../../../../shared/domain/exchange.ts';
import { useCaseFormat } from '../cases/format.ts';
import { TlpBadge } from '../cases/Handling.tsx';
import type { DraftKind } from './compose-draft.ts';

const COUNTS = ['shipments', 'parties', 'containers', 'passengers', 'notes', 'attachments', 'seizures', 'charts'] as const;

export function PlanView({ plan, kind, subject }: { plan: ExportPlan; kind: DraftKind; subject: string }) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  return (
    <div className="pc-plan" data-testid="compose-plan">
      <Callout icon="eye-open" intent={Intent.PRIMARY} className="pc-mb">
        {t('exchange.plan.explain')}
      </Callout>
      <div className="pc-row pc-mb">
        <TlpBadge tlp={plan.handling} large />
        <b>{t(`exchange.kinds.${kind}`)}</b>
        <span>{subject}</span>
      </div>
      {plan.caseTitle && <p data-testid="plan-case">{t('exchange.plan.case', { title: plan.caseTitle })}</p>}
      <H5>{t('exchange.plan.recipients')}</H5>
      <HTMLTable compact className="pc-table pc-wide pc-mb" data-testid="plan-recipients">
        <tbody>
          {plan.recipients.map((r) => (
            <tr key={r.partnerId} data-testid="plan-recipient">
              <td>
                <b>{r.name}</b> <span className={Classes.TEXT_MUTED}>{r.country}</span>
              </td>
              <td>
                <div className="pc-mono">{fingerprintDigits(r.fingerprint).join(' ')}</div>
                <div className={`${Classes.TEXT_MUTED} pc-small`}>{fingerprintWords(r.fingerprint).join(' ')}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </HTMLTable>
      <H5>{t('exchange.plan.contents')}</H5>
      <HTMLTable compact striped className="pc-table pc-plan-counts" data-testid="plan-counts">
        <tbody>
          {COUNTS.map((c) => (
            <tr key={c} data-count={c} data-value={plan.counts[c]} className={plan.counts[c] === 0 ? Classes.TEXT_MUTED : ''}>
              <td>{t(`exchange.plan.counts.${c}`)}</td>
              <td className="pc-num">{f.number(plan.counts[c])}</td>
            </tr>
          ))}
          <tr data-count="attachmentBytes" data-value={plan.attachmentBytes}>
            <td>{t('exchange.plan.attachmentBytes')}</td>
            <td className="pc-num">{f.size(plan.attachmentBytes)}</td>
          </tr>
        </tbody>
      </HTMLTable>
      {plan.warnings.map((w) => (
        <Callout key={w} intent={Intent.WARNING} icon="warning-sign" className="pc-mt" data-testid="plan-warning">
          {t(`exchange.plan.warnings.${w}`, { count: plan.counts.attachments })}
        </Callout>
      ))}
    </div>
  );
}
