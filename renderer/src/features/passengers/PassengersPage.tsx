// Passengers and crew from API and PNR data, in one grid.
import { H2 } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import { GridPage } from '../grids/GridPage.tsx';

export function PassengersPage({ exportDir }: { exportDir: string }) {
  const { t } = useTranslation();
  return (
    <div className="pc-page pc-page-full" data-section="passengers">
      <H2>{t('sections.passengers.title')}</H2>
      <GridPage grid="passengers" exportDir={exportDir} />
    </div>
  );
}
