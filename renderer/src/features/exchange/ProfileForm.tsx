// This unit's name, agency, country (ISO 3166 alpha-2) and type. Saved the first time, it also makes the
// unit's signing and encryption keys; later saves change only the names partners see on the next card.
import { Button, FormGroup, HTMLSelect, InputGroup, Intent } from '@blueprintjs/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UNIT_TYPES, type UnitIdentity, type UnitProfile, type UnitType } from '../../../../shared/domain/exchange.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';

const blank: UnitProfile = { name: '', agency: '', country: '', unitType: 'PCU' };
const valid = (p: UnitProfile) => p.name.trim() !== '' && p.agency.trim() !== '' && /^[A-Za-z]{2}$/.test(p.country.trim());

type Props = { initial: UnitProfile | null; onSaved(identity: UnitIdentity): void; onCancel?: () => void };

export function ProfileForm({ initial, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const [profile, setProfile] = useState<UnitProfile>(initial ?? blank);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = <K extends keyof UnitProfile>(k: K, v: UnitProfile[K]) => setProfile((p) => ({ ...p, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!valid(profile) || busy) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await api.call('exchange.saveProfile', {
        profile: { name: profile.name.trim(), agency: profile.agency.trim(), country: profile.country.trim().toUpperCase(), unitType: profile.unitType },
      });
      onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="pc-unit-form" onSubmit={(e) => void submit(e)} data-testid="unit-profile-form">
      <FormGroup label={t('exchange.unit.name')} labelFor="unit-name" helperText={t('exchange.unit.nameHelp')}>
        <InputGroup id="unit-name" value={profile.name} onValueChange={(v) => set('name', v)} autoFocus data-testid="unit-name" />
      </FormGroup>
      <FormGroup label={t('exchange.unit.agency')} labelFor="unit-agency">
        <InputGroup id="unit-agency" value={profile.agency} onValueChange={(v) => set('agency', v)} data-testid="unit-agency" />
      </FormGroup>
      <div className="pc-row pc-nowrap">
        <FormGroup label={t('exchange.unit.country')} labelFor="unit-country" helperText={t('exchange.unit.countryHelp')}>
          <InputGroup
            id="unit-country"
            className="pc-country-input"
            maxLength={2}
            value={profile.country}
            onValueChange={(v) => set('country', v.toUpperCase())}
            data-testid="unit-country"
          />
        </FormGroup>
        <FormGroup label={t('exchange.unit.type')} labelFor="unit-type" className="pc-grow">
          <HTMLSelect id="unit-type" fill value={profile.unitType} onChange={(e) => set('unitType', e.currentTarget.value as UnitType)} data-testid="unit-type">
            {UNIT_TYPES.map((u) => (
              <option key={u} value={u}>
                {t(`exchange.unitTypes.${u}`)}
              </option>
            ))}
          </HTMLSelect>
        </FormGroup>
      </div>
      <ErrorCallout error={error} />
      <div className="pc-row">
        <Button
          type="submit"
          intent={Intent.PRIMARY}
          icon={initial ? 'floppy-disk' : 'key'}
          text={initial ? t('exchange.unit.save') : t('exchange.unit.create')}
          loading={busy}
          disabled={!valid(profile)}
          data-testid="unit-save"
        />
        {onCancel && <Button text={t('common.cancel')} onClick={onCancel} />}
      </div>
    </form>
  );
}
