// The outbox (packages sent) or the inbox (packages received), with the package open beside the list; a
// new package from either, and "Receive package…" in the inbox. Replies link both ways across the two.
import { Button, Callout, H5, Intent, NonIdealState, Spinner } from '@blueprintjs/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackageSummary } from '../../../../shared/domain/exchange.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import type { RecordRef } from '../records/record-ref.ts';
import { emptyCompose, replyTo, type ComposeState } from './compose-draft.ts';
import { ComposeDialog } from './ComposeDialog.tsx';
import { PackageDetail } from './PackageDetail.tsx';
import { PackageTable } from './PackageTable.tsx';
import { ReceiveDialog } from './ReceiveDialog.tsx';
import { usePackages } from './useExchange.ts';

type Props = {
  direction: 'in' | 'out';
  selected: number | null;
  onSelect(p: { id: number; direction: 'in' | 'out' } | null): void;
  onOpen(ref: RecordRef): void;
};

export function PackagesTab({ direction, selected, onSelect, onOpen }: Props) {
  const { t } = useTranslation();
  const all = usePackages(null);
  const [composing, setComposing] = useState<ComposeState | null>(null);
  const [receiving, setReceiving] = useState(false);
  const byPackageId = useMemo(() => new Map((all.data ?? []).map((p) => [p.packageId, p])), [all.data]);
  const list = all.data?.filter((p) => p.direction === direction);
  const find = (packageId: string) => byPackageId.get(packageId);

  return (
    <div className="pc-exchange-packages" data-testid={direction === 'in' ? 'inbox-view' : 'outbox-view'}>
      <div className="pc-row">
        <H5 className="pc-grow pc-no-margin">{direction === 'in' ? t('exchange.packages.inboxTitle') : t('exchange.packages.outboxTitle')}</H5>
        {direction === 'in' && (
          <Button intent={Intent.PRIMARY} icon="import" text={t('exchange.receive.button')} onClick={() => setReceiving(true)} data-testid="package-receive" />
        )}
        <Button
          intent={direction === 'out' ? Intent.PRIMARY : Intent.NONE}
          icon="send-message"
          text={t('exchange.compose.button')}
          onClick={() => setComposing(emptyCompose())}
          data-testid="package-new"
        />
      </div>
      <Callout icon={direction === 'in' ? 'shield' : 'lock'} className="pc-mt pc-mb">
        {direction === 'in' ? t('exchange.packages.inboxHelp') : t('exchange.packages.outboxHelp')}
      </Callout>
      <ErrorCallout error={all.error} />
      {!list && !all.error && <Spinner size={24} className="pc-mt" />}
      <div className={selected ? 'pc-exchange-split' : ''}>
        <div className="pc-exchange-list">
          {list?.length === 0 && (
            <NonIdealState
              icon={direction === 'in' ? 'inbox' : 'send-message'}
              title={direction === 'in' ? t('exchange.packages.inboxEmpty') : t('exchange.packages.outboxEmpty')}
            />
          )}
          {list && list.length > 0 && (
            <PackageTable
              packages={list}
              selected={selected}
              narrow={selected !== null}
              onSelect={(id) => onSelect({ id, direction })}
              subjectOf={(pid) => find(pid)?.subject ?? null}
            />
          )}
        </div>
        {selected && (
          <PackageDetail
            key={selected}
            id={selected}
            find={find}
            onSelect={(p: PackageSummary) => onSelect(p)}
            onReply={(p) => setComposing(replyTo(p))}
            onClose={() => onSelect(null)}
            onOpen={onOpen}
          />
        )}
      </div>
      {composing && <ComposeDialog initial={composing} onClose={() => setComposing(null)} onSent={all.reload} />}
      {receiving && (
        <ReceiveDialog
          onClose={() => setReceiving(false)}
          onReceived={(preview) => {
            setReceiving(false);
            all.reload();
            onSelect({ id: preview.summary.id, direction: 'in' });
          }}
        />
      )}
    </div>
  );
}
