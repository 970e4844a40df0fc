// A profile's details: name, owner, description, the modes it scores, its validity and whether it is on.
import { Checkbox, FormGroup, InputGroup, Switch, TextArea } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import { PROFILE_MODES, type ProfileMode } from '../../../../shared/domain/targeting.ts';
import type { ProfileEditorDraft } from './condition-model.ts';

type Props = { draft: ProfileEditorDraft; onChange(d: Partial<ProfileEditorDraft>): void };

export function ProfileDetails({ draft, onChange }: Props) {
  const { t } = useTranslation();
  const toggleMode = (m: ProfileMode, on: boolean) =>
    onChange({ modes: on ? PROFILE_MODES.filter((x) => x === m || draft.modes.includes(x)) : draft.modes.filter((x) => x !== m) });
  return (
    <div className="pc-profile-details" data-testid="profile-details">
      <div className="pc-form-grid">
        <FormGroup label={t('targeting.profile.name')} labelFor="profile-name" labelInfo={t('targeting.required')}>
          <InputGroup id="profile-name" value={draft.name} onValueChange={(name) => onChange({ name })} data-testid="profile-name" />
        </FormGroup>
        <FormGroup label={t('targeting.profile.owner')} labelFor="profile-owner" labelInfo={t('targeting.required')}>
          <InputGroup
            id="profile-owner"
            value={draft.owner}
            placeholder={t('targeting.profile.ownerPlaceholder')}
            onValueChange={(owner) => onChange({ owner })}
            data-testid="profile-owner"
          />
        </FormGroup>
        <FormGroup label={t('targeting.profile.validFrom')} labelFor="profile-from" helperText={t('targeting.profile.validHelp')}>
          <InputGroup id="profile-from" type="date" value={draft.validFrom ?? ''} onValueChange={(v) => onChange({ validFrom: v || null })} />
        </FormGroup>
        <FormGroup label={t('targeting.profile.validTo')} labelFor="profile-to">
          <InputGroup id="profile-to" type="date" value={draft.validTo ?? ''} onValueChange={(v) => onChange({ validTo: v || null })} />
        </FormGroup>
      </div>
      <FormGroup label={t('targeting.profile.description')} labelFor="profile-description">
        <TextArea id="profile-description" fill autoResize value={draft.description} onChange={(e) => onChange({ description: e.currentTarget.value })} />
      </FormGroup>
      <div className="pc-row">
        <span>{t('targeting.profile.modes')}:</span>
        {PROFILE_MODES.map((m) => (
          <Checkbox
            key={m}
            inline
            className="pc-compact-check"
            label={t(`targeting.modes.${m}`)}
            checked={draft.modes.includes(m)}
            onChange={(e) => toggleMode(m, e.currentTarget.checked)}
            data-testid={`profile-mode-${m}`}
          />
        ))}
        <span className="pc-grow" />
        <Switch
          className="pc-compact-check"
          label={t('targeting.profile.enabledSwitch')}
          checked={draft.enabled}
          onChange={(e) => onChange({ enabled: e.currentTarget.checked })}
          data-testid="profile-enabled"
        />
      </div>
    </div>
  );
}
