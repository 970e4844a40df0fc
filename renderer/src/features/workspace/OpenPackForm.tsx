// "Open an exercise pack": a trainee names the trainer's pack, themselves, a folder and a passphrase for
// a new training workspace; the core verifies the pack (the trainer's signature, every file's hash),
// creates the workspace, marks it TRAINING, starts the exercise's clock and opens it.
import { Button, Callout, FormGroup, InputGroup, Intent } from '@blueprintjs/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { slug } from './CreateWorkspaceForm.tsx';
import { PassphraseMeter } from './PassphraseMeter.tsx';
import { passphraseAcceptable, useStrengthChecker } from './passphrase-strength.ts';

export function OpenPackForm() {
  const { t } = useTranslation();
  const check = useStrengthChecker();
  const [path, setPath] = useState('');
  const [trainee, setTrainee] = useState('');
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
    // A folder per trainee and exercise: the pack's file name says which exercise.
    const pack =
      path
        .trim()
        .split(/[\\/]/)
        .pop()
        ?.replace(/\.[^.]*$/, '') ?? '';
    if (!dirTouched && parent) setDir(`${parent}/training-${slug([pack, trainee].filter(Boolean).join(' '))}`);
  }, [path, trainee, parent, dirTouched]);

  const mismatch = confirm !== '' && confirm !== passphrase;
  const ready =
    path.trim() !== '' && trainee.trim() !== '' && dir.trim() !== '' && passphraseAcceptable(check, passphrase, [trainee]) && confirm === passphrase;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    try {
      // The workspace opens as the core creates it (the app follows its event).
      await api.call('training.openPack', { path: path.trim(), dir: dir.trim(), passphrase, trainee: trainee.trim() });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="pc-form" aria-label={t('training.openPack.tab')} data-testid="open-pack-form">
      <Callout icon="learning" className="pc-mb">
        {t('training.openPack.explain')}
      </Callout>
      <FormGroup label={t('training.openPack.path')} labelFor="pack-path" helperText={t('training.openPack.pathHelp')}>
        <InputGroup id="pack-path" value={path} onValueChange={setPath} leftIcon="document-open" autoFocus data-testid="pack-path" />
      </FormGroup>
      <FormGroup label={t('training.openPack.trainee')} labelFor="pack-trainee" helperText={t('training.openPack.traineeHelp')}>
        <InputGroup id="pack-trainee" value={trainee} onValueChange={setTrainee} leftIcon="person" data-testid="pack-trainee" />
      </FormGroup>
      <FormGroup label={t('training.openPack.folder')} labelFor="pack-dir" helperText={t('training.openPack.folderHelp')}>
        <InputGroup
          id="pack-dir"
          value={dir}
          onValueChange={(v) => {
            setDirTouched(true);
            setDir(v);
          }}
          leftIcon="folder-close"
          data-testid="pack-dir"
        />
      </FormGroup>
      <FormGroup label={t('create.passphrase')} labelFor="pack-passphrase">
        <InputGroup
          id="pack-passphrase"
          type="password"
          value={passphrase}
          onValueChange={setPassphrase}
          leftIcon="key"
          autoComplete="new-password"
          data-testid="pack-passphrase"
        />
        <PassphraseMeter passphrase={passphrase} userInputs={[trainee]} />
      </FormGroup>
      <FormGroup
        label={t('create.confirm')}
        labelFor="pack-confirm"
        intent={mismatch ? Intent.DANGER : Intent.NONE}
        helperText={mismatch ? t('create.mismatch') : t('create.noRecovery')}
      >
        <InputGroup
          id="pack-confirm"
          type="password"
          value={confirm}
          onValueChange={setConfirm}
          leftIcon="key"
          autoComplete="new-password"
          intent={mismatch ? Intent.DANGER : Intent.NONE}
          data-testid="pack-confirm"
        />
      </FormGroup>
      <ErrorCallout error={error} />
      <Button
        type="submit"
        intent={Intent.PRIMARY}
        icon="learning"
        loading={busy}
        disabled={!ready}
        text={t('training.openPack.submit')}
        fill
        data-testid="pack-open"
      />
    </form>
  );
}
