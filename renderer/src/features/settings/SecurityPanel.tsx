// Auto-lock minutes, change passphrase, lock now.
import { Button, Callout, Divider, FormGroup, H5, InputGroup, Intent, NumericInput } from '@blueprintjs/core';
import { KeychainSection } from './KeychainSection.tsx';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceInfo } from '../../../../shared/domain/workspace.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { PassphraseMeter } from '../workspace/PassphraseMeter.tsx';
import { passphraseAcceptable, useStrengthChecker } from '../workspace/passphrase-strength.ts';

export function SecurityPanel({ workspace }: { workspace: WorkspaceInfo }) {
  const { t } = useTranslation();
  const check = useStrengthChecker();
  const [minutes, setMinutes] = useState(workspace.autoLockMinutes);
  const [saved, setSaved] = useState(false);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [changed, setChanged] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function saveAutoLock() {
    setError(null);
    try {
      await api.call('workspace.updateSettings', { autoLockMinutes: minutes });
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  }

  async function change(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setChanged(false);
    try {
      await api.call('workspace.changePassphrase', { current, next });
      setChanged(true);
      setCurrent('');
      setNext('');
      setConfirm('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="pc-panel">
      <FormGroup label={t('settings.autoLock')} helperText={t('settings.autoLockHelp')} labelFor="auto-lock">
        <div className="pc-row">
          <NumericInput
            id="auto-lock"
            min={0}
            max={1440}
            value={minutes}
            onValueChange={(v) => {
              setSaved(false);
              setMinutes(Number.isFinite(v) ? Math.max(0, Math.min(1440, Math.round(v))) : 0);
            }}
            rightElement={<span className="pc-unit">{t('settings.minutes')}</span>}
          />
          <Button text={t('common.save')} onClick={() => void saveAutoLock()} disabled={minutes === workspace.autoLockMinutes && !saved} />
          {saved && <span className="pc-ok">{t('common.saved')}</span>}
        </div>
      </FormGroup>
      <Divider />
      <H5>{t('settings.changePassphrase')}</H5>
      <form onSubmit={change} className="pc-form pc-narrow">
        <FormGroup label={t('settings.currentPassphrase')} labelFor="pp-current">
          <InputGroup id="pp-current" type="password" value={current} onValueChange={setCurrent} autoComplete="current-password" />
        </FormGroup>
        <FormGroup label={t('settings.newPassphrase')} labelFor="pp-next">
          <InputGroup id="pp-next" type="password" value={next} onValueChange={setNext} autoComplete="new-password" />
          <PassphraseMeter passphrase={next} userInputs={[workspace.name]} />
        </FormGroup>
        <FormGroup
          label={t('create.confirm')}
          labelFor="pp-confirm"
          helperText={confirm && confirm !== next ? t('create.mismatch') : undefined}
          intent={confirm && confirm !== next ? Intent.DANGER : Intent.NONE}
        >
          <InputGroup id="pp-confirm" type="password" value={confirm} onValueChange={setConfirm} autoComplete="new-password" />
        </FormGroup>
        <ErrorCallout error={error} />
        {changed && (
          <Callout intent={Intent.SUCCESS} icon="tick">
            {t('settings.passphraseChanged')}
          </Callout>
        )}
        <Button
          type="submit"
          intent={Intent.PRIMARY}
          text={t('settings.changePassphrase')}
          loading={busy}
          disabled={!current || !passphraseAcceptable(check, next, [workspace.name]) || next !== confirm}
        />
      </form>
      <KeychainSection workspace={workspace} />
      <Divider />
      <Button icon="lock" text={t('settings.lockNow')} onClick={() => void api.call('workspace.lock')} />
    </div>
  );
}
