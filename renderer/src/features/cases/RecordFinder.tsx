// Finds records by name, number or document (the graph's finder) and hands back the ones picked: parties,
// shipments, containers, passengers, conveyances. `kinds` narrows what may be picked.
import { Button, Classes, InputGroup, Menu, MenuItem, type IconName } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GraphNode } from '../../../../shared/domain/graph.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';

type RecordKind = NonNullable<GraphNode['record']>['kind'];
export type FoundRecord = { id: string; kind: RecordKind; refId: number; label: string; detail: string };

export const RECORD_ICONS: Record<string, IconName> = {
  shipment: 'document',
  container: 'cube',
  party: 'office',
  passenger: 'person',
  conveyance: 'truck',
  booking: 'book',
  hit: 'locate',
  seizure: 'confirm',
  chart: 'graph',
};

/** Finds records; each result names its record (`kind:id`), never a shared value such as an address. */
export async function findRecords(text: string, kinds?: readonly string[], limit = 20): Promise<FoundRecord[]> {
  const nodes = await api.call('graph.find', { text, limit });
  return nodes
    .filter((n) => n.record && (!kinds || kinds.includes(n.record.kind)))
    .map((n) => ({ id: `${n.record!.kind}:${n.record!.id}`, kind: n.record!.kind, refId: n.record!.id, label: n.label, detail: n.detail }));
}

export function RecordFinder({
  kinds,
  picked,
  onPick,
  autoFocus,
}: {
  kinds?: readonly RecordKind[];
  picked: string[];
  onPick(r: FoundRecord): void;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [found, setFound] = useState<FoundRecord[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function find() {
    if (!text.trim()) return;
    setError(null);
    try {
      setFound(await findRecords(text.trim(), kinds, 40));
    } catch (err) {
      setError(err);
    }
  }
  return (
    <div className="pc-record-finder">
      {/* Not a <form>: the finder sits inside other forms (a seizure's). */}
      <div className="pc-row pc-nowrap">
        <InputGroup
          className="pc-grow"
          leftIcon="search"
          autoFocus={autoFocus}
          placeholder={t('cases.finder.placeholder')}
          value={text}
          onValueChange={setText}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            void find();
          }}
          aria-label={t('cases.finder.placeholder')}
          data-testid="record-finder-input"
        />
        <Button icon="search" text={t('cases.finder.find')} onClick={() => void find()} data-testid="record-finder-find" />
      </div>
      <ErrorCallout error={error} />
      {found && (
        <Menu className="pc-record-finder-results" data-testid="record-finder-results">
          {found.length === 0 && <MenuItem disabled text={t('cases.finder.none')} />}
          {found.map((r) => (
            <MenuItem
              key={r.id}
              icon={RECORD_ICONS[r.kind]}
              text={
                <>
                  {r.label}
                  {r.detail && <span className={`${Classes.TEXT_MUTED} pc-ml`}>{r.detail}</span>}
                </>
              }
              label={t(`cases.kinds.${r.kind}`)}
              active={picked.includes(r.id)}
              shouldDismissPopover={false}
              onClick={() => onPick(r)}
              data-testid="record-finder-item"
              data-record={r.id}
            />
          ))}
        </Menu>
      )}
      {found && found.length > 0 && <div className={`${Classes.TEXT_MUTED} pc-small`}>{t('cases.finder.help')}</div>}
    </div>
  );
}
