// Shipments: the grids of shipments, containers and parties, each opening its record view.
import { H2, Tab, Tabs } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridId } from '../../../../shared/domain/grids.ts';
import { GridPage } from '../grids/GridPage.tsx';
import type { RecordRef } from '../records/record-ref.ts';

const KIND: Partial<Record<GridId, RecordRef['kind']>> = { shipments: 'shipment', containers: 'container', parties: 'party' };

export function ShipmentsPage({ onOpen, exportDir }: { onOpen(ref: RecordRef): void; exportDir: string }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<GridId>('shipments');
  return (
    <div className="pc-page pc-page-full" data-section="shipments">
      <H2>{t('sections.shipments.title')}</H2>
      <Tabs id="shipment-grids" selectedTabId={tab} onChange={(id) => setTab(id as GridId)} large>
        {(['shipments', 'containers', 'parties'] as const).map((g) => (
          <Tab key={g} id={g} title={t(`grids.tabs.${g}`)} data-testid={`tab-${g}`} />
        ))}
      </Tabs>
      <GridPage key={tab} grid={tab} exportDir={exportDir} onOpen={(row) => onOpen({ kind: KIND[tab]!, id: row.id })} />
    </div>
  );
}
