// This unit's card (its names, public keys and fingerprint, signed) to hand to partners: saved as a file
// and shown as text to paste into a message. The card holds no secret; trust comes from the fingerprint
// the partner confirms with you by voice.
import { Button, Classes, Intent, TextArea } from '@blueprintjs/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { saveFile, toBase64 } from '../cases/attachments.ts';

export function UnitCardExport() {
  const { t } = useTranslation();
  const [card, setCard] = useState<{ fileName: string; text: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const area = useRef<HTMLTextAreaElement>(null);

  async function exportCard() {
    setError(null);
    setCopied(false);
    try {
      const c = await api.call('exchange.exportCard');
      setCard(c);
      saveFile(c.fileName, 'application/json', toBase64(new TextEncoder().encode(c.text)));
    } catch (err) {
      setError(err);
    }
  }

  async function copy() {
    if (!card) return;
    try {
      await navigator.clipboard.writeText(card.text);
    } catch {
      // The clipboard API may be refused (no permission, page not focused): copy the selected text instead.
      area.current?.select();
      document.execCommand('copy');
    }
    setCopied(true);
  }

  return (
    <div className="pc-unit-card" data-testid="unit-card-export">
      <div className="pc-row">
        <Button
          icon="export"
          intent={Intent.PRIMARY}
          text={t('exchange.card.export')}
          onClick={() => void exportCard()}
          data-testid="unit-card-export-button"
        />
        {card && (
          <Button
            icon="clipboard"
            text={copied ? t('exchange.card.copied') : t('exchange.card.copy')}
            onClick={() => void copy()}
            data-testid="unit-card-copy"
          />
        )}
      </div>
      <p className={`${Classes.TEXT_MUTED} pc-small`}>{t('exchange.card.help')}</p>
      <ErrorCallout error={error} />
      {card && (
        <>
          <div className={`${Classes.TEXT_MUTED} pc-small`}>{t('exchange.card.saved', { file: card.fileName })}</div>
          <TextArea
            inputRef={area}
            readOnly
            fill
            rows={10}
            className="pc-mono pc-card-text"
            value={card.text}
            aria-label={t('exchange.card.text')}
            data-testid="unit-card-text"
          />
        </>
      )}
    </div>
  );
}
