// Revokes a partner's key (their laptop was lost, the card was a fake): nothing it signs is accepted
// afterwards, and nothing is sent to it. The reason is kept with the key and in the audit log.
import { Button, Callout, Dialog, DialogBody, DialogFooter, FormGroup, InputGroup, Intent } from '@blueprintjs/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartnerKey } from '../../../../shared/domain/exchange.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';

type Props = { partner: string; keyToRevoke: PartnerKey; onClose(): void; onRevoked(): void };

export function RevokePartnerKeyDialog({ partner, keyToRevoke: key, onClose, onRevoked }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function revoke(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('exchange.revokePartnerKey', { keyId: key.id, reason: reason.trim() });
      onRevoked();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Dialog isOpen onClose={onClose} title={t('exchange.revoke.title', { partner })} icon="disable" className="pc-exchange-dialog">
      <form onSubmit={(e) => void revoke(e)}>
        <DialogBody data-testid="revoke-key-dialog">
          <Callout intent={Intent.DANGER} icon="disable" className="pc-mb">
            {t('exchange.revoke.explain', { words: key.words.slice(0, 4).join(' ') })}
          </Callout>
          <FormGroup label={t('exchange.revoke.reason')} labelFor="revoke-reason">
            <InputGroup id="revoke-reason" value={reason} onValueChange={setReason} autoFocus data-testid="revoke-reason" />
          </FormGroup>
          <ErrorCallout error={error} />
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={onClose} />
              <Button
                type="submit"
                intent={Intent.DANGER}
                icon="disable"
                text={t('exchange.revoke.submit')}
                disabled={busy || !reason.trim()}
                data-testid="revoke-submit"
              />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
