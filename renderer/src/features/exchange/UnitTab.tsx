// "This unit": set up the unit's identity the first time (which makes its keys), then its profile, the
// current key's fingerprint to read aloud to partners, its unit card, and its keys.
import { Button, Callout, Card, Classes, H4, H5, NonIdealState, Spinner } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { Fingerprint } from './Fingerprint.tsx';
import { ProfileForm } from './ProfileForm.tsx';
import { UnitCardExport } from './UnitCardExport.tsx';
import { UnitKeys } from './UnitKeys.tsx';
import { useIdentity } from './useExchange.ts';

export function UnitTab() {
  const { t } = useTranslation();
  const { data: identity, error, reload } = useIdentity();
  const [editing, setEditing] = useState(false);
  if (error && !identity) return <ErrorCallout error={error} />;
  if (!identity) return <Spinner size={24} className="pc-mt" />;

  const current = identity.keys.find((k) => k.current);
  if (!identity.profile) {
    return (
      <div className="pc-exchange-setup" data-testid="unit-setup">
        <NonIdealState icon="id-number" title={t('exchange.unit.setupTitle')} description={t('exchange.unit.setupHelp')} className="pc-mb" />
        <Card className="pc-exchange-card">
          <ProfileForm initial={null} onSaved={reload} />
        </Card>
      </div>
    );
  }
  const p = identity.profile;
  return (
    <div className="pc-exchange-unit" data-testid="unit-view">
      <div className="pc-exchange-columns">
        <Card className="pc-exchange-card" data-testid="unit-profile">
          <H5>{t('exchange.unit.profile')}</H5>
          {editing ? (
            <ProfileForm
              initial={p}
              onSaved={() => {
                setEditing(false);
                reload();
              }}
              onCancel={() => setEditing(false)}
            />
          ) : (
            <>
              <H4 className="pc-no-margin" data-testid="unit-profile-name">
                {p.name}
              </H4>
              <div>{p.agency}</div>
              <div className={Classes.TEXT_MUTED}>
                {p.country} · {t(`exchange.unitTypes.${p.unitType}`)}
              </div>
              <Button className="pc-mt" icon="edit" text={t('exchange.unit.edit')} onClick={() => setEditing(true)} data-testid="unit-edit" />
            </>
          )}
        </Card>
        <Card className="pc-exchange-card pc-grow" data-testid="unit-fingerprint-card">
          <H5>{t('exchange.unit.fingerprintTitle')}</H5>
          <p className={Classes.TEXT_MUTED}>{t('exchange.unit.fingerprintHelp')}</p>
          {current ? (
            <Fingerprint words={identity.words} digits={identity.digits} hex={current.fingerprint} large testId="unit-fingerprint" />
          ) : (
            <Callout intent="warning">{t('exchange.unit.noCurrentKey')}</Callout>
          )}
        </Card>
      </div>
      <Card className="pc-exchange-card">
        <H5>{t('exchange.card.title')}</H5>
        <UnitCardExport />
      </Card>
      <Card className="pc-exchange-card">
        <H5>{t('exchange.keys.title')}</H5>
        <UnitKeys identity={identity} onChanged={reload} />
      </Card>
    </div>
  );
}
