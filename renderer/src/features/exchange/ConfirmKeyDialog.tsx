// Confirms a partner's key: the analyst and the partner read the fingerprint to each other by phone or in
// person, and the analyst types what the partner reads out (digits, words or hex). Only a match trusts it.
import { Button, Callout, Classes, Dialog, DialogBody, DialogFooter, FormGroup, InputGroup, Intent } from '@blueprintjs/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartnerKey } from '../../../../shared/domain/exchange.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { Fingerprint } from './Fingerprint.tsx';

type Props = { partner: string; keyToConfirm: PartnerKey; onClose(): void; onConfirmed(): void };

export function ConfirmKeyDialog({ partner, keyToConfirm: key, onClose, onConfirmed }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function confirm(e: FormEvent) {
    e.preventDefault();
    if (!typed.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('exchange.confirmKey', { keyId: key.id, fingerprint: typed.trim() });
      onConfirmed();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Dialog isOpen onClose={onClose} title={t('exchange.confirm.title', { partner })} icon="phone" className="pc-exchange-dialog">
      <form onSubmit={(e) => void confirm(e)}>
        <DialogBody data-testid="confirm-key-dialog">
          <Callout icon="phone" intent={Intent.PRIMARY} className="pc-mb">
            {t('exchange.confirm.howTo', { partner })}
          </Callout>
          <p className={Classes.TEXT_MUTED}>{t('exchange.confirm.onCard')}</p>
          <Fingerprint words={key.words} digits={key.digits} testId="confirm-fingerprint" />
          <FormGroup className="pc-mt" label={t('exchange.confirm.typed')} labelFor="confirm-typed" helperText={t('exchange.confirm.typedHelp')}>
            <InputGroup
              id="confirm-typed"
              large
              className="pc-mono"
              value={typed}
              onValueChange={(v) => {
                setTyped(v);
                setError(null);
              }}
              autoFocus
              autoComplete="off"
              data-testid="confirm-typed"
            />
          </FormGroup>
          <ErrorCallout error={error} />
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={onClose} />
              <Button
                type="submit"
                intent={Intent.SUCCESS}
                icon="endorsed"
                text={t('exchange.confirm.submit')}
                disabled={busy || !typed.trim()}
                data-testid="confirm-submit"
              />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
