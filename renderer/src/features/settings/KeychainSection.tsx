// Electron only: keep a copy of the workspace key in this computer's keychain, so the workspace unlocks
// without the passphrase for this OS account. Shown only where the OS offers a real keychain.
import { Button, Classes, Divider, FormGroup, H5, InputGroup, Intent, Switch } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceInfo } from '../../../../shared/domain/workspace.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';

export function KeychainSection({ workspace }: { workspace: WorkspaceInfo }) {
  const { t } = useTranslation();
  const [available, setAvailable] = useState(false);
  const [wanted, setWanted] = useState(workspace.keychain);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.call('app.info').then((info) => setAvailable(info.keychainAvailable));
  }, []);
  if (!available) return null;

  async function apply() {
    setBusy(true);
    setError(null);
    try {
      await api.call('workspace.setKeychain', { enabled: wanted, passphrase });
      setPassphrase('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Divider />
      <H5>{t('settings.keychain')}</H5>
      <p className={Classes.TEXT_MUTED}>{t('settings.keychainHelp')}</p>
      <Switch checked={wanted} label={t('settings.keychainSwitch')} onChange={(e) => setWanted(e.currentTarget.checked)} />
      {wanted !== workspace.keychain && (
        <FormGroup label={t('settings.currentPassphrase')} labelFor="keychain-passphrase" className="pc-narrow">
          <InputGroup id="keychain-passphrase" type="password" value={passphrase} onValueChange={setPassphrase} />
          <Button className="pc-mt" intent={Intent.PRIMARY} text={t('common.save')} loading={busy} disabled={!passphrase} onClick={() => void apply()} />
        </FormGroup>
      )}
      <ErrorCallout error={error} />
    </>
  );
}
