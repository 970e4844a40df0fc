// Shipments: the grids of shipments, containers, parties, container events and conveyances; rows open
// their record view where there is one.
import { H2, Tab, Tabs } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridId, GridRow } from '../../../../shared/domain/grids.ts';
import { GridPage } from '../grids/GridPage.tsx';
import type { RecordRef } from '../records/record-ref.ts';

/** The record a row opens: its own, or (for an event) its container's. */
const OPENS: Partial<Record<GridId, (row: GridRow) => RecordRef>> = {
  shipments: (row) => ({ kind: 'shipment', id: row.id }),
  containers: (row) => ({ kind: 'container', id: row.id }),
  parties: (row) => ({ kind: 'party', id: row.id }),
  events: (row) => ({ kind: 'container', id: Number(row['containerId']) }),
};

export function ShipmentsPage({ onOpen, exportDir }: { onOpen(ref: RecordRef): void; exportDir: string }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<GridId>('shipments');
  return (
    <div className="pc-page pc-page-full" data-section="shipments">
      <H2>{t('sections.shipments.title')}</H2>
      <Tabs id="shipment-grids" selectedTabId={tab} onChange={(id) => setTab(id as GridId)} large>
        {(['shipments', 'containers', 'parties', 'events', 'conveyances'] as const).map((g) => (
          <Tab key={g} id={g} title={t(`grids.tabs.${g}`)} data-testid={`tab-${g}`} />
        ))}
      </Tabs>
      <GridPage key={tab} grid={tab} exportDir={exportDir} onOpen={OPENS[tab] ? (row) => onOpen(OPENS[tab]!(row)) : undefined} />
    </div>
  );
}
