// Adds a partner's unit card, pasted or read from a file: first checked (its signature, and whether the
// unit is new, known, or a known unit with a new key), then added to the directory as not yet trusted.
import { Button, Callout, Classes, Dialog, DialogBody, DialogFooter, FileInput, FormGroup, H4, Intent, Tag, TextArea } from '@blueprintjs/core';
import { useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardPreview } from '../../../../shared/domain/exchange.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { Fingerprint } from './Fingerprint.tsx';

const STATUS_INTENT = { new: Intent.PRIMARY, known: Intent.NONE, rotated: Intent.WARNING } as const;

export function AddCardDialog({ onClose, onAdded }: { onClose(): void; onAdded(): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState('');
  const [preview, setPreview] = useState<CardPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function check(cardText: string) {
    setError(null);
    setPreview(null);
    if (cardText.trim().length < 2) return;
    setBusy(true);
    try {
      setPreview(await api.call('exchange.previewCard', { text: cardText }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function pick(file: File | undefined) {
    if (!file) return;
    setFileName(file.name);
    const content = await file.text();
    setText(content);
    await check(content);
  }

  async function add() {
    setBusy(true);
    setError(null);
    try {
      await api.call('exchange.addCard', { text, fingerprint: null });
      onAdded();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Dialog isOpen onClose={onClose} title={t('exchange.addCard.title')} icon="new-link" className="pc-exchange-dialog">
      <DialogBody data-testid="add-card-dialog">
        <FormGroup label={t('exchange.addCard.file')} labelFor="card-file">
          <FileInput
            fill
            text={fileName || t('exchange.addCard.chooseFile')}
            buttonText={t('exchange.addCard.browse')}
            inputProps={
              { id: 'card-file', accept: '.json,.txt,application/json,text/plain', 'data-testid': 'card-file' } as InputHTMLAttributes<HTMLInputElement>
            }
            onInputChange={(e) => void pick((e.currentTarget as HTMLInputElement).files?.[0])}
          />
        </FormGroup>
        <FormGroup label={t('exchange.addCard.paste')} labelFor="card-text">
          <TextArea
            id="card-text"
            fill
            rows={6}
            className="pc-mono pc-card-text"
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setPreview(null);
            }}
            placeholder={t('exchange.addCard.pastePlaceholder')}
            data-testid="card-text"
          />
        </FormGroup>
        <ErrorCallout error={error} />
        {preview && (
          <div className="pc-card-preview" data-testid="card-preview" data-status={preview.status}>
            <div className="pc-row">
              <H4 className="pc-no-margin">{preview.profile.name}</H4>
              <Tag intent={STATUS_INTENT[preview.status]} data-testid="card-preview-status">
                {t(`exchange.addCard.status.${preview.status}`)}
              </Tag>
            </div>
            <div className={Classes.TEXT_MUTED}>
              {preview.profile.agency} · {preview.profile.country} · {t(`exchange.unitTypes.${preview.profile.unitType}`)}
            </div>
            <p className="pc-small">{t(`exchange.addCard.statusHelp.${preview.status}`)}</p>
            {preview.revokes.length > 0 && (
              <Callout intent={Intent.WARNING} icon="disable" className="pc-mb">
                {t('exchange.addCard.revokes', { count: preview.revokes.length })}
              </Callout>
            )}
            <Fingerprint words={preview.words} digits={preview.digits} hex={preview.fingerprint} testId="card-preview-fingerprint" />
            <Callout icon="phone" className="pc-mt">
              {t('exchange.addCard.next')}
            </Callout>
          </div>
        )}
      </DialogBody>
      <DialogFooter
        actions={
          <>
            <Button text={t('common.cancel')} onClick={onClose} />
            {!preview && (
              <Button
                icon="search"
                text={t('exchange.addCard.check')}
                disabled={busy || text.trim().length < 2}
                onClick={() => void check(text)}
                data-testid="card-check"
              />
            )}
            <Button
              intent={Intent.PRIMARY}
              icon="add"
              text={t('exchange.addCard.add')}
              disabled={busy || !preview}
              loading={busy && !!preview}
              onClick={() => void add()}
              data-testid="card-add"
            />
          </>
        }
      />
    </Dialog>
  );
}
