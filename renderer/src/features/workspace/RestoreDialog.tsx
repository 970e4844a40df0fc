// Restore a workspace from an encrypted backup into a new folder, with the passphrase it had when the
// backup was made. The damaged workspace is left where it is.
import { Button, Classes, Dialog, DialogBody, DialogFooter, FormGroup, InputGroup, Intent } from '@blueprintjs/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';

type Props = { isOpen: boolean; onClose(): void; suggestedDir?: string };

export function RestoreDialog({ isOpen, onClose, suggestedDir = '' }: Props) {
  const { t } = useTranslation();
  const [backupFile, setBackupFile] = useState('');
  const [dir, setDir] = useState(suggestedDir);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.call('workspace.restore', { backupFile: backupFile.trim(), dir: dir.trim(), passphrase });
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog isOpen={isOpen} onClose={onClose} title={t('restore.title')} icon="history">
      <form onSubmit={submit}>
        <DialogBody>
          <p className={Classes.TEXT_MUTED}>{t('restore.explain')}</p>
          <FormGroup label={t('restore.file')} labelFor="restore-file">
            <InputGroup id="restore-file" value={backupFile} onValueChange={setBackupFile} leftIcon="document" placeholder="/path/to/workspace.pcbackup" />
          </FormGroup>
          <FormGroup label={t('restore.folder')} labelFor="restore-dir" helperText={t('restore.folderHelp')}>
            <InputGroup id="restore-dir" value={dir} onValueChange={setDir} leftIcon="folder-new" />
          </FormGroup>
          <FormGroup label={t('restore.passphrase')} labelFor="restore-passphrase">
            <InputGroup id="restore-passphrase" type="password" value={passphrase} onValueChange={setPassphrase} leftIcon="key" />
          </FormGroup>
          <ErrorCallout error={error} />
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={onClose} />
              <Button
                type="submit"
                intent={Intent.PRIMARY}
                text={t('restore.submit')}
                loading={busy}
                disabled={!backupFile.trim() || !dir.trim() || !passphrase}
              />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
