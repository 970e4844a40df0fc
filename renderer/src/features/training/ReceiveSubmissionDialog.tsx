// Receives a trainee's submission: a file picked (sent to the core in chunks) or a path typed. The core
// checks that it is addressed to this unit, signed, and answers one of this workspace's exercises, then
// scores it; receiving the same file again changes nothing.
import { Button, Callout, Classes, Dialog, DialogBody, DialogFooter, FileInput, FormGroup, InputGroup, Intent } from '@blueprintjs/core';
import { useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionResult } from '../../../../shared/domain/training.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { withFileOrPath } from '../imports/upload.ts';
import { useTrainingFormat } from './format.ts';

type Props = { onClose(): void; onReceived(result: SubmissionResult): void };

export function ReceiveSubmissionDialog({ onClose, onReceived }: Props) {
  const { t } = useTranslation();
  const f = useTrainingFormat();
  const [file, setFile] = useState<File | null>(null);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [received, setReceived] = useState<SubmissionResult | null>(null);

  async function receive() {
    setBusy(true);
    setError(null);
    setReceived(null);
    try {
      const result = await withFileOrPath(file, path, (source) => api.call('training.receiveSubmission', source));
      setReceived(result);
      onReceived(result);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const ready = file !== null || path.trim() !== '';
  return (
    <Dialog isOpen onClose={onClose} title={t('training.receive.title')} icon="import" className="pc-training-dialog">
      <DialogBody data-testid="receive-submission-dialog">
        <p className={Classes.TEXT_MUTED}>{t('training.receive.explain')}</p>
        <FormGroup label={t('training.receive.file')} labelFor="submission-file">
          <FileInput
            fill
            text={file ? file.name : t('training.receive.chooseFile')}
            buttonText={t('exchange.addCard.browse')}
            inputProps={{ id: 'submission-file', accept: '.pcsubmission', 'data-testid': 'receive-submission-file' } as InputHTMLAttributes<HTMLInputElement>}
            onInputChange={(e) => {
              setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null);
              setError(null);
            }}
          />
        </FormGroup>
        <FormGroup label={t('training.receive.path')} labelFor="submission-path" helperText={t('training.receive.pathHelp')}>
          <InputGroup
            id="submission-path"
            leftIcon="folder-open"
            value={path}
            disabled={file !== null}
            onValueChange={(v) => {
              setPath(v);
              setError(null);
            }}
            data-testid="receive-submission-path"
          />
        </FormGroup>
        <ErrorCallout error={error} />
        {received && (
          <Callout intent={Intent.SUCCESS} icon="endorsed" title={t('training.receive.doneTitle')} data-testid="receive-submission-done">
            {t('training.receive.done', { trainee: received.trainee, total: f.total(received.total), rank: received.rank })}
          </Callout>
        )}
      </DialogBody>
      <DialogFooter
        actions={
          <>
            <Button text={t('exchange.close')} onClick={onClose} data-testid="receive-submission-close" />
            <Button
              intent={Intent.PRIMARY}
              icon="import"
              text={t('training.receive.receive')}
              loading={busy}
              disabled={!ready}
              onClick={() => void receive()}
              data-testid="receive-submission-submit"
            />
          </>
        }
      />
    </Dialog>
  );
}
