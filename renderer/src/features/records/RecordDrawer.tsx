// The record drawer: shows the record on top of a stack of opened records (shipment, container, party, passenger),
// with Back to the one before, Print (only the drawer's content prints) and Escape to close. The stack
// itself belongs to whoever mounts the drawer; links in the views push onto it through `onOpen`.
import { Button, Classes, Drawer, DrawerSize, H4, Icon, Spinner, type IconName } from '@blueprintjs/core';
import { openInGraph } from '../graph/graph-route.ts';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { AddToCaseDialog } from '../cases/AddToCaseDialog.tsx';
import { SelectTargetDialog } from '../training/SelectTargetDialog.tsx';
import { useTrainingMark } from '../training/training-mark.ts';
import { ContainerView } from './ContainerView.tsx';
import { PartyView } from './PartyView.tsx';
import { PassengerView } from './PassengerView.tsx';
import { recordKey, type RecordRef } from './record-ref.ts';
import { ShipmentView } from './ShipmentView.tsx';
import { useRecord, type Loaded } from './useRecord.ts';
import './records.css';

type Props = { stack: RecordRef[]; onOpen(ref: RecordRef): void; onBack(): void; onClose(): void };

const ICONS: Record<RecordRef['kind'], IconName> = { shipment: 'document', container: 'cube', party: 'office', passenger: 'person' };

function titleOf(loaded: Loaded): string {
  switch (loaded.kind) {
    case 'shipment':
      return loaded.record.docNumber;
    case 'container':
      return loaded.record.number;
    case 'party':
      return loaded.record.name;
    case 'passenger':
      return [loaded.record.surname, loaded.record.givenNames].filter(Boolean).join(', ');
  }
}

export function RecordDrawer({ stack, onOpen, onBack, onClose }: Props) {
  const { t } = useTranslation();
  const top = stack.at(-1);
  const outcome = useRecord(top);
  // While the drawer closes (empty stack) it keeps showing what it showed.
  const shown = top === undefined || outcome?.key === recordKey(top) ? outcome : null;
  const kind = top?.kind ?? shown?.loaded?.kind ?? 'shipment';
  const canGoBack = stack.length > 1;
  const [toCase, setToCase] = useState<RecordRef | null>(null);
  // In a training workspace, a shipment or a passenger can be selected as a target from its view.
  const training = useTrainingMark().active !== null;
  const [selecting, setSelecting] = useState<{ entity: 'shipment' | 'passenger'; docNumber: string } | null>(null);
  const selectable =
    training && shown?.loaded && (shown.loaded.kind === 'shipment' || shown.loaded.kind === 'passenger') && shown.loaded.record.docNumber
      ? { entity: shown.loaded.kind, docNumber: shown.loaded.record.docNumber }
      : null;

  function onKeyDown(e: KeyboardEvent) {
    if (e.altKey && e.key === 'ArrowLeft' && canGoBack) {
      e.preventDefault();
      onBack();
    }
  }

  return (
    <Drawer
      isOpen={stack.length > 0}
      onClose={onClose}
      position="right"
      size={DrawerSize.STANDARD}
      className="pc-record-drawer"
      portalClassName="pc-record-portal"
    >
      <div className="pc-record-frame" data-testid="record-drawer" data-ref={top && recordKey(top)} data-depth={stack.length} onKeyDown={onKeyDown}>
        <div className={`${Classes.DRAWER_HEADER} pc-record-header`}>
          {canGoBack && (
            <Button
              className="pc-no-print"
              variant="minimal"
              icon="arrow-left"
              text={t('records.back')}
              title={t('records.backHint')}
              onClick={onBack}
              data-testid="record-back"
            />
          )}
          <Icon icon={ICONS[kind]} />
          <H4 className="pc-record-title">
            <span className={Classes.TEXT_MUTED}>{t(`records.kind.${kind}`)}</span>
            {shown?.loaded && <span className="pc-ml">{titleOf(shown.loaded)}</span>}
          </H4>
          {top && (
            <Button
              className="pc-no-print"
              variant="minimal"
              icon="graph"
              text={t('records.openGraph')}
              onClick={() => openInGraph([recordKey(top)])}
              data-testid="record-graph"
            />
          )}
          {top && (
            <Button
              className="pc-no-print"
              variant="minimal"
              icon="folder-shared-open"
              text={t('cases.add.short')}
              title={t('cases.add.button')}
              onClick={() => setToCase(top)}
              data-testid="record-add-to-case"
            />
          )}
          {selectable && (
            <Button
              className="pc-no-print"
              variant="minimal"
              intent="danger"
              icon="locate"
              text={t('training.select.fromRecordButton')}
              onClick={() => setSelecting(selectable)}
              data-testid="record-select-target"
            />
          )}
          <Button className="pc-no-print" variant="minimal" icon="print" text={t('records.print')} onClick={() => window.print()} data-testid="record-print" />
          <Button className="pc-no-print" variant="minimal" icon="cross" aria-label={t('records.close')} title={t('records.close')} onClick={onClose} />
        </div>
        <div className={`${Classes.DRAWER_BODY} pc-record-body`}>
          {!shown ? (
            <div className="pc-record-loading" data-testid="record-loading">
              <Spinner size={32} />
              <span className={Classes.TEXT_MUTED}>{t('records.loading')}</span>
            </div>
          ) : shown.error ? (
            <ErrorCallout error={shown.error} />
          ) : shown.loaded?.kind === 'shipment' ? (
            <ShipmentView record={shown.loaded.record} onOpen={onOpen} />
          ) : shown.loaded?.kind === 'container' ? (
            <ContainerView record={shown.loaded.record} onOpen={onOpen} />
          ) : shown.loaded?.kind === 'party' ? (
            <PartyView record={shown.loaded.record} onOpen={onOpen} />
          ) : shown.loaded?.kind === 'passenger' ? (
            <PassengerView record={shown.loaded.record} onOpen={onOpen} />
          ) : null}
        </div>
      </div>
      {toCase && (
        <AddToCaseDialog
          items={[{ kind: toCase.kind, refId: toCase.id }]}
          what={shown?.loaded ? titleOf(shown.loaded) : t(`records.kind.${toCase.kind}`)}
          onClose={() => setToCase(null)}
        />
      )}
      {selecting && <SelectTargetDialog entity={selecting.entity} docNumber={selecting.docNumber} onClose={() => setSelecting(null)} />}
    </Drawer>
  );
}
