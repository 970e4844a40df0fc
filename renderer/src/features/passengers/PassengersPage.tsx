// Travellers (passengers and crew from API and PNR data) and bookings; a traveller's row opens the
// passenger's record view.
import { H2, Tab, Tabs } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GridPage } from '../grids/GridPage.tsx';
import type { RecordRef } from '../records/record-ref.ts';

export function PassengersPage({ onOpen, exportDir }: { onOpen(ref: RecordRef): void; exportDir: string }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'passengers' | 'bookings'>('passengers');
  return (
    <div className="pc-page pc-page-full" data-section="passengers">
      <H2>{t('sections.passengers.title')}</H2>
      <Tabs id="passenger-grids" selectedTabId={tab} onChange={(id) => setTab(id as typeof tab)} large>
        <Tab id="passengers" title={t('grids.tabs.passengers')} data-testid="tab-passengers" />
        <Tab id="bookings" title={t('grids.tabs.bookings')} data-testid="tab-bookings" />
      </Tabs>
      {tab === 'passengers' ? (
        <GridPage key="passengers" grid="passengers" exportDir={exportDir} onOpen={(row) => onOpen({ kind: 'passenger', id: row.id })} />
      ) : (
        <GridPage key="bookings" grid="bookings" exportDir={exportDir} />
      )}
    </div>
  );
}
