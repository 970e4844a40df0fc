// One package of the inbox or outbox. Received: who sent it (and the key that signed it), its handling
// code and message, its records beside this workspace's, its case and files; then merge what was ticked,
// dismiss it, or reply. A hashed-matching set is compared instead. Sent: where it went and its replies.
import { Button, Callout, Card, Classes, Code, H5, Intent, NonIdealState, Spinner, Tag } from '@blueprintjs/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fingerprintDigits, fingerprintWords, type PackagePreview, type PackageSummary } from '../../../../shared/domain/exchange.ts';
import { api, ApiError } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { openCase } from '../cases/case-route.ts';
import { useCaseFormat } from '../cases/format.ts';
import { TlpBadge } from '../cases/Handling.tsx';
import type { RecordRef } from '../records/record-ref.ts';
import { MatchCompare } from './MatchCompare.tsx';
import { MergePanel } from './MergePanel.tsx';
import { MessageView } from './MessageView.tsx';
import { PackageContents } from './PackageContents.tsx';
import { STATUS_INTENT } from './PackageTable.tsx';
import { PreviewRecords } from './PreviewRecords.tsx';
import { usePreview } from './useExchange.ts';

type Props = {
  id: number;
  find(packageId: string): PackageSummary | undefined;
  onSelect(p: PackageSummary): void;
  onReply(p: PackageSummary): void;
  onClose(): void;
  onOpen(ref: RecordRef): void;
};

export const isMatchSet = (p: PackagePreview) => p.summary.kind === 'match-set' || p.match !== null;

export function PackageDetail({ id, find, onSelect, onReply, onClose, onOpen }: Props) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  const { data: p, error, reload } = usePreview(id);
  const [choice, setChoice] = useState<{ id: number; refs: Set<string> } | null>(null);
  const [dismissError, setDismissError] = useState<unknown>(null);
  // Only new records start ticked; a conflict needs a deliberate tick (it comes in beside the local one).
  const initial = useMemo(() => new Set(p?.records.filter((r) => r.status === 'new' && !r.merged).map((r) => r.ref)), [p]);
  const selected = choice?.id === id ? choice.refs : initial;

  if (error && !p) {
    return error instanceof ApiError && error.code === 'PACKAGE_NOT_FOUND' ? (
      <NonIdealState icon="inbox" title={t('errors.PACKAGE_NOT_FOUND')} />
    ) : (
      <ErrorCallout error={error} />
    );
  }
  if (!p || p.summary.id !== id) return <Spinner size={24} className="pc-mt" />;
  const s = p.summary;
  const incoming = s.direction === 'in';
  const answers = s.inReplyTo ? find(s.inReplyTo) : undefined;
  const replies = s.replies.map((r) => find(r)).filter((x): x is PackageSummary => x !== undefined);
  const unmerged = p.records.filter((r) => !r.merged);

  async function dismiss() {
    setDismissError(null);
    try {
      await api.call('exchange.dismiss', { id });
      reload();
    } catch (err) {
      setDismissError(err);
    }
  }

  return (
    <Card className="pc-package-detail" data-testid="package-detail" data-package-id={id} data-direction={s.direction} data-status={s.status}>
      <div className="pc-row">
        <TlpBadge tlp={s.handling} large />
        <Tag minimal>{t(`exchange.kinds.${s.kind}`)}</Tag>
        <Tag minimal intent={STATUS_INTENT[s.status]} data-testid="package-status">
          {t(`exchange.status.${s.status}`)}
        </Tag>
        <span className="pc-grow" />
        {incoming && s.partners[0]?.id != null && (
          <Button icon="comment" text={t('exchange.preview.reply')} onClick={() => onReply(s)} data-testid="package-reply" />
        )}
        {incoming && s.status === 'received' && (
          <Button icon="cross-circle" text={t('exchange.preview.dismiss')} onClick={() => void dismiss()} data-testid="package-dismiss" />
        )}
        {s.caseId !== null && (
          <Button icon="folder-shared-open" text={t('exchange.merge.openCase')} onClick={() => openCase(s.caseId!)} data-testid="package-open-case" />
        )}
        <Button variant="minimal" icon="cross" aria-label={t('exchange.close')} title={t('exchange.close')} onClick={onClose} />
      </div>
      <ErrorCallout error={dismissError} />

      <div className={`pc-package-meta ${Classes.TEXT_MUTED}`}>
        <span>{t('exchange.preview.created', { at: f.moment(s.createdAt) })}</span>
        <span>{t('exchange.preview.expires', { at: f.moment(s.expiresAt) })}</span>
        <span>{t('exchange.preview.sequence', { n: s.sequence })}</span>
        {s.fileName && (
          <span>
            {t('exchange.preview.file')} <Code>{s.fileName}</Code>
          </span>
        )}
      </div>

      {incoming ? (
        <section className="pc-package-section" data-testid="package-sender">
          <H5>{t('exchange.preview.sender')}</H5>
          <div>
            <b>{p.sender.name}</b> · {p.sender.agency} · {p.sender.country} ·{' '}
            {t(`exchange.unitTypes.${p.sender.unitType}`, { defaultValue: p.sender.unitType })}
          </div>
          <div className={`${Classes.TEXT_MUTED} pc-small`}>
            {t('exchange.preview.signedBy')} <span className="pc-mono">{fingerprintDigits(p.sender.fingerprint).join(' ')}</span> ·{' '}
            {fingerprintWords(p.sender.fingerprint).join(' ')}
          </div>
        </section>
      ) : (
        <section className="pc-package-section" data-testid="package-recipients">
          <H5>{t('exchange.preview.recipients')}</H5>
          <div>{s.partners.map((x) => `${x.name} (${x.country})`).join(', ')}</div>
        </section>
      )}

      {s.inReplyTo && (
        <Callout icon="undo" className="pc-mt" data-testid="package-answers">
          {answers ? (
            <>
              {t('exchange.preview.answers')}{' '}
              <a role="button" tabIndex={0} onClick={() => onSelect(answers)} data-testid="package-answers-link">
                {answers.subject}
              </a>{' '}
              <span className={Classes.TEXT_MUTED}>({t(`exchange.direction.${answers.direction}`)})</span>
            </>
          ) : (
            t('exchange.packages.answersUnknown')
          )}
        </Callout>
      )}
      {replies.length > 0 && (
        <Callout icon="comment" intent={Intent.SUCCESS} className="pc-mt" data-testid="package-replies-list">
          {t('exchange.preview.replies', { count: replies.length })}
          <ul className="pc-no-margin">
            {replies.map((r) => (
              <li key={r.id}>
                <a role="button" tabIndex={0} onClick={() => onSelect(r)} data-testid="package-reply-link">
                  {r.subject}
                </a>{' '}
                <span className={Classes.TEXT_MUTED}>
                  {r.partners.map((x) => x.name).join(', ')} · {f.moment(r.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        </Callout>
      )}

      <section className="pc-package-section">
        <MessageView message={p.message} matchSet={isMatchSet(p)} hashes={p.match?.hashes ?? 0} />
      </section>

      {incoming && isMatchSet(p) && <MatchCompare id={id} onOpen={onOpen} />}

      {incoming && !isMatchSet(p) && (
        <>
          {p.records.length > 0 && (
            <section className="pc-package-section">
              <H5>{t('exchange.preview.records')}</H5>
              <PreviewRecords records={p.records} selected={selected} onChange={(refs) => setChoice({ id, refs })} onOpen={onOpen} />
            </section>
          )}
          <PackageContents preview={p} />
          {(p.records.length > 0 || p.case !== null) && (
            <section className="pc-package-section">
              <MergePanel
                key={id}
                id={id}
                selected={[...selected].filter((ref) => unmerged.some((r) => r.ref === ref))}
                caseId={s.caseId}
                hasCase={p.case !== null || p.attachments.length + p.seizures.length + p.charts.length > 0}
                onMerged={reload}
              />
            </section>
          )}
          {p.auditHead && (
            <p className={`${Classes.TEXT_MUTED} pc-small`}>
              {t('exchange.preview.auditHead')} <span className="pc-mono pc-hash">{p.auditHead}</span>
            </p>
          )}
        </>
      )}
    </Card>
  );
}
