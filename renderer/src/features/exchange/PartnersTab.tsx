// Partner units: the directory, each unit with its keys and how far each is trusted, and "Add a unit
// card". A card added is not trusted until its fingerprint is confirmed with the partner by voice.
import { Button, Callout, H5, Intent, NonIdealState, Spinner } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartnerKey } from '../../../../shared/domain/exchange.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { AddCardDialog } from './AddCardDialog.tsx';
import { ConfirmKeyDialog } from './ConfirmKeyDialog.tsx';
import { PartnerCard } from './PartnerCard.tsx';
import { RevokePartnerKeyDialog } from './RevokePartnerKeyDialog.tsx';
import { usePartners } from './useExchange.ts';

export function PartnersTab() {
  const { t } = useTranslation();
  const { data: partners, error, reload } = usePartners();
  const [adding, setAdding] = useState(false);
  const [confirming, setConfirming] = useState<{ partner: string; key: PartnerKey } | null>(null);
  const [revoking, setRevoking] = useState<{ partner: string; key: PartnerKey } | null>(null);
  return (
    <div className="pc-exchange-partners" data-testid="partners-view">
      <div className="pc-row">
        <H5 className="pc-grow pc-no-margin">{t('exchange.partners.title')}</H5>
        <Button intent={Intent.PRIMARY} icon="new-link" text={t('exchange.partners.add')} onClick={() => setAdding(true)} data-testid="partner-add" />
      </div>
      <Callout icon="shield" className="pc-mt pc-mb">
        {t('exchange.partners.trustHelp')}
      </Callout>
      <ErrorCallout error={error} />
      {!partners && !error && <Spinner size={24} className="pc-mt" />}
      {partners?.length === 0 && <NonIdealState icon="people" title={t('exchange.partners.none')} description={t('exchange.partners.noneHelp')} />}
      {partners?.map((p) => (
        <PartnerCard
          key={p.id}
          partner={p}
          onConfirm={(key) => setConfirming({ partner: p.name, key })}
          onRevoke={(key) => setRevoking({ partner: p.name, key })}
        />
      ))}
      {adding && (
        <AddCardDialog
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            reload();
          }}
        />
      )}
      {confirming && (
        <ConfirmKeyDialog
          partner={confirming.partner}
          keyToConfirm={confirming.key}
          onClose={() => setConfirming(null)}
          onConfirmed={() => {
            setConfirming(null);
            reload();
          }}
        />
      )}
      {revoking && (
        <RevokePartnerKeyDialog
          partner={revoking.partner}
          keyToRevoke={revoking.key}
          onClose={() => setRevoking(null)}
          onRevoked={() => {
            setRevoking(null);
            reload();
          }}
        />
      )}
    </div>
  );
}
