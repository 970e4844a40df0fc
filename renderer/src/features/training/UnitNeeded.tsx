// Authoring needs this unit's identity: the pack is signed with the unit's key (trainees check it) and
// the answer key and the submissions are encrypted to it. Said plainly, with the way to set it up.
import { Button, Callout, Intent } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import { exchangeHash } from '../exchange/exchange-route.ts';

export function UnitNeeded() {
  const { t } = useTranslation();
  return (
    <Callout intent={Intent.WARNING} icon="id-number" title={t('training.unit.title')} className="pc-mb" data-testid="training-no-unit">
      <p>{t('training.unit.body')}</p>
      <Button icon="arrow-right" text={t('training.unit.setUp')} onClick={() => (location.hash = exchangeHash('unit'))} data-testid="training-setup-unit" />
    </Callout>
  );
}
