// The inbox or the outbox: each package's kind, subject, partner(s), handling code, date, state, and the
// packages that answer it (or the one it answers). With a package open beside it, the list narrows: the
// kind, handling code and date go under the subject.
import { Classes, HTMLTable, Icon, Intent, Tag } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { PackageStatus, PackageSummary } from '../../../../shared/domain/exchange.ts';
import { useCaseFormat } from '../cases/format.ts';
import { TlpBadge } from '../cases/Handling.tsx';

export const STATUS_INTENT: Record<PackageStatus, Intent> = { sent: Intent.PRIMARY, received: Intent.WARNING, merged: Intent.SUCCESS, dismissed: Intent.NONE };

type Props = {
  packages: PackageSummary[];
  selected: number | null;
  narrow: boolean;
  onSelect(id: number): void;
  subjectOf(packageId: string): string | null;
};

export function PackageTable({ packages, selected, narrow, onSelect, subjectOf }: Props) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  const direction = packages[0]?.direction ?? 'in';
  return (
    <HTMLTable interactive striped compact className="pc-table pc-wide pc-package-table" data-testid="package-table">
      <thead>
        <tr>
          {!narrow && <th>{t('exchange.packages.kind')}</th>}
          <th>{t('exchange.message.subject')}</th>
          <th>{direction === 'in' ? t('exchange.packages.from') : t('exchange.packages.to')}</th>
          {!narrow && <th>{t('exchange.packages.handling')}</th>}
          {!narrow && <th>{t('exchange.packages.created')}</th>}
          <th>{t('exchange.packages.status')}</th>
          <th>{t('exchange.packages.replies')}</th>
        </tr>
      </thead>
      <tbody>
        {packages.map((p) => {
          const answers = p.inReplyTo ? subjectOf(p.inReplyTo) : null;
          return (
            <tr
              key={p.id}
              className={p.id === selected ? 'pc-selected' : ''}
              onClick={() => onSelect(p.id)}
              data-testid="package-row"
              data-package-id={p.id}
              data-status={p.status}
            >
              {!narrow && <td className="pc-nowrap">{t(`exchange.kinds.${p.kind}`)}</td>}
              <td>
                {narrow && (
                  <div className={`${Classes.TEXT_MUTED} pc-small pc-row`}>
                    <TlpBadge tlp={p.handling} />
                    <span>{t(`exchange.kinds.${p.kind}`)}</span>
                    <span>{f.moment(p.createdAt)}</span>
                  </div>
                )}
                <b>{p.subject}</b>
                {p.inReplyTo && (
                  <div className={`${Classes.TEXT_MUTED} pc-small`} data-testid="package-in-reply-to">
                    <Icon icon="undo" size={12} /> {answers ? t('exchange.packages.answers', { subject: answers }) : t('exchange.packages.answersUnknown')}
                  </div>
                )}
              </td>
              <td>{p.partners.map((x) => `${x.name} (${x.country})`).join(', ')}</td>
              {!narrow && (
                <td>
                  <TlpBadge tlp={p.handling} />
                </td>
              )}
              {!narrow && <td className="pc-nowrap">{f.moment(p.createdAt)}</td>}
              <td>
                <Tag minimal intent={STATUS_INTENT[p.status]}>
                  {t(`exchange.status.${p.status}`)}
                </Tag>
              </td>
              <td className="pc-num" data-testid="package-replies" data-replies={p.replies.length}>
                {p.replies.length > 0 && (
                  <Tag round minimal intent={Intent.SUCCESS} icon="comment">
                    {p.replies.length}
                  </Tag>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </HTMLTable>
  );
}
