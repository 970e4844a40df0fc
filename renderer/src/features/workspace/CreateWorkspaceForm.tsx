// New workspace: display name, folder, passphrase twice with a strength meter.
import { Button, FormGroup, InputGroup, Intent } from '@blueprintjs/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { PassphraseMeter } from './PassphraseMeter.tsx';
import { passphraseAcceptable, useStrengthChecker } from './passphrase-strength.ts';

/** A folder name made of a display name. */
export function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'workspace'
  );
}

export function CreateWorkspaceForm() {
  const { t } = useTranslation();
  const check = useStrengthChecker();
  const [name, setName] = useState('');
  const [dir, setDir] = useState('');
  const [dirTouched, setDirTouched] = useState(false);
  const [parent, setParent] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    void api.call('app.info').then((info) => setParent(info.workspacesDir));
  }, []);
  useEffect(() => {
    if (!dirTouched && parent) setDir(`${parent}/${slug(name)}`);
  }, [name, parent, dirTouched]);

  const mismatch = confirm !== '' && confirm !== passphrase;
  const canCreate = name.trim() !== '' && dir.trim() !== '' && passphraseAcceptable(check, passphrase, [name]) && confirm === passphrase && !busy;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!canCreate) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('workspace.create', { dir: dir.trim(), name: name.trim(), passphrase });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="pc-form" aria-label={t('create.title')}>
      <FormGroup label={t('create.name')} labelFor="create-name" helperText={t('create.nameHelp')}>
        <InputGroup id="create-name" value={name} onValueChange={setName} autoFocus placeholder={t('create.namePlaceholder')} />
      </FormGroup>
      <FormGroup label={t('create.folder')} labelFor="create-dir" helperText={t('create.folderHelp')}>
        <InputGroup
          id="create-dir"
          value={dir}
          onValueChange={(v) => {
            setDirTouched(true);
            setDir(v);
          }}
          leftIcon="folder-close"
        />
      </FormGroup>
      <FormGroup label={t('create.passphrase')} labelFor="create-passphrase">
        <InputGroup id="create-passphrase" type="password" value={passphrase} onValueChange={setPassphrase} leftIcon="key" autoComplete="new-password" />
        <PassphraseMeter passphrase={passphrase} userInputs={[name]} />
      </FormGroup>
      <FormGroup
        label={t('create.confirm')}
        labelFor="create-confirm"
        intent={mismatch ? Intent.DANGER : Intent.NONE}
        helperText={mismatch ? t('create.mismatch') : t('create.noRecovery')}
      >
        <InputGroup
          id="create-confirm"
          type="password"
          value={confirm}
          onValueChange={setConfirm}
          leftIcon="key"
          autoComplete="new-password"
          intent={mismatch ? Intent.DANGER : Intent.NONE}
        />
      </FormGroup>
      <ErrorCallout error={error} />
      <Button type="submit" intent={Intent.PRIMARY} icon="plus" loading={busy} disabled={!canCreate} text={t('create.submit')} fill />
    </form>
  );
}
