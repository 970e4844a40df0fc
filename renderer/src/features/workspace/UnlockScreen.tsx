// Unlock a workspace with its passphrase. Shown when a locked workspace is open, or when the user picks
// one to open. A damaged workspace offers restore from backup; nothing is ever deleted.
import { Button, Card, Classes, Elevation, FormGroup, H2, InputGroup, Intent } from '@blueprintjs/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorCallout, errorCode } from '../../components/ErrorCallout.tsx';
import { PreferencesBar } from '../settings/PreferencesBar.tsx';
import { RestoreDialog } from './RestoreDialog.tsx';

type Props = { dir: string; name: string; locked?: boolean; onBack?: () => void };

export function UnlockScreen({ dir, name, locked = false, onBack }: Props) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [restoring, setRestoring] = useState(false);
  const [keychain, setKeychain] = useState(false);

  useEffect(() => {
    api.call('workspace.describe', { dir }).then(
      (d) => setKeychain(d.keychain),
      () => setKeychain(false),
    );
  }, [dir]);

  async function unlockWithKeychain() {
    setBusy(true);
    setError(null);
    try {
      await api.call('workspace.unlockWithKeychain', { dir });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!passphrase || busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('workspace.unlock', { dir, passphrase });
    } catch (err) {
      setError(err);
      setPassphrase('');
      setBusy(false);
    }
  }

  async function switchWorkspace() {
    if (locked) await api.call('workspace.close');
    onBack?.();
  }

  const corrupt = errorCode(error) === 'WORKSPACE_CORRUPT';
  return (
    <div className="pc-center-screen">
      <Card elevation={Elevation.TWO} className="pc-unlock">
        <H2 className="pc-brand">Portcullis</H2>
        <p className={Classes.TEXT_MUTED}>{locked ? t('unlock.lockedTitle') : t('unlock.title')}</p>
        <div className="pc-unlock-ws">
          <strong data-testid="unlock-name">{name}</strong>
          <div className={`${Classes.TEXT_MUTED} ${Classes.TEXT_SMALL} pc-path`}>{dir}</div>
        </div>
        <form onSubmit={submit} className="pc-form">
          <FormGroup label={t('unlock.passphrase')} labelFor="unlock-passphrase">
            <InputGroup
              id="unlock-passphrase"
              type="password"
              value={passphrase}
              onValueChange={setPassphrase}
              leftIcon="key"
              autoFocus
              autoComplete="current-password"
              disabled={busy}
            />
          </FormGroup>
          <ErrorCallout error={error}>
            {corrupt && <Button icon="history" text={t('restore.open')} onClick={() => setRestoring(true)} className="pc-mt" />}
          </ErrorCallout>
          <Button type="submit" intent={Intent.PRIMARY} icon="unlock" text={t('unlock.submit')} loading={busy} disabled={!passphrase} fill />
          {keychain && <Button icon="key" text={t('unlock.keychain')} disabled={busy} onClick={() => void unlockWithKeychain()} fill className="pc-mt" />}
        </form>
        <Button minimal small icon="swap-horizontal" text={t('unlock.other')} onClick={() => void switchWorkspace()} className="pc-mt" />
        <PreferencesBar />
      </Card>
      <RestoreDialog isOpen={restoring} onClose={() => setRestoring(false)} suggestedDir={`${dir}-restored`} />
    </div>
  );
}
