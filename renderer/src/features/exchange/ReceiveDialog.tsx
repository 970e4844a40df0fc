// Receives a package: a file picked (sent to the core in chunks) or a path typed. The core decrypts and
// verifies it — signature, sender's key trusted, addressed to this unit, not expired, not seen before —
// and stages it in the inbox; "verify only" checks it and shows what it holds without storing anything.
import { Button, Callout, Checkbox, Classes, Dialog, DialogBody, DialogFooter, FileInput, FormGroup, InputGroup, Intent } from '@blueprintjs/core';
import { useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackagePreview } from '../../../../shared/domain/exchange.ts';
import { api } from '../../api.ts';
import { TlpBadge } from '../cases/Handling.tsx';
import { withFileOrPath } from '../imports/upload.ts';
import { RefusalCallout } from './RefusalCallout.tsx';

type Props = { onClose(): void; onReceived(preview: PackagePreview): void };

export function ReceiveDialog({ onClose, onReceived }: Props) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [path, setPath] = useState('');
  const [dryRun, setDryRun] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [verified, setVerified] = useState<PackagePreview | null>(null);

  async function receive() {
    setBusy(true);
    setError(null);
    setVerified(null);
    try {
      const preview = await withFileOrPath(file, path, (source) => api.call('exchange.receive', { ...source, dryRun }));
      if (dryRun) setVerified(preview);
      else onReceived(preview);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const ready = file !== null || path.trim() !== '';
  return (
    <Dialog isOpen onClose={onClose} title={t('exchange.receive.title')} icon="import" className="pc-exchange-dialog">
      <DialogBody data-testid="receive-dialog">
        <p className={Classes.TEXT_MUTED}>{t('exchange.receive.explain')}</p>
        <FormGroup label={t('exchange.receive.file')} labelFor="receive-file">
          <FileInput
            fill
            text={file ? file.name : t('exchange.receive.chooseFile')}
            buttonText={t('exchange.addCard.browse')}
            inputProps={{ id: 'receive-file', 'data-testid': 'receive-file' } as InputHTMLAttributes<HTMLInputElement>}
            onInputChange={(e) => {
              setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null);
              setError(null);
              setVerified(null);
            }}
          />
        </FormGroup>
        <FormGroup label={t('exchange.receive.path')} labelFor="receive-path" helperText={t('exchange.receive.pathHelp')}>
          <InputGroup
            id="receive-path"
            leftIcon="folder-open"
            value={path}
            disabled={file !== null}
            onValueChange={(v) => {
              setPath(v);
              setError(null);
              setVerified(null);
            }}
            data-testid="receive-path"
          />
        </FormGroup>
        <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.currentTarget.checked)} label={t('exchange.receive.dryRun')} data-testid="receive-dry-run" />
        <RefusalCallout error={error} />
        {verified && (
          <Callout intent={Intent.SUCCESS} icon="endorsed" title={t('exchange.receive.verifiedTitle')} data-testid="receive-verified">
            <div className="pc-row">
              <TlpBadge tlp={verified.summary.handling} />
              <b>{verified.summary.subject}</b>
            </div>
            <p>
              {t('exchange.receive.verified', {
                sender: `${verified.sender.name} (${verified.sender.country})`,
                records: verified.records.length,
                attachments: verified.attachments.length,
              })}
            </p>
            <p className={Classes.TEXT_MUTED}>{t('exchange.receive.verifiedHelp')}</p>
          </Callout>
        )}
      </DialogBody>
      <DialogFooter
        actions={
          <>
            <Button text={t('exchange.close')} onClick={onClose} />
            <Button
              intent={Intent.PRIMARY}
              icon={dryRun ? 'endorsed' : 'import'}
              text={dryRun ? t('exchange.receive.verify') : t('exchange.receive.receive')}
              loading={busy}
              disabled={!ready}
              onClick={() => void receive()}
              data-testid="receive-submit"
            />
          </>
        }
      />
    </Dialog>
  );
}
