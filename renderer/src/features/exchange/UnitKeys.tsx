// This unit's key pairs: the current one (signs and receives), retired ones (kept to read packages sent to
// them) and revoked ones (partners told by the next card to refuse them). Rotating and revoking ask first.
import { Alert, Button, Classes, HTMLTable, InputGroup, Intent, Tag } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fingerprintWords, type UnitIdentity, type UnitKey } from '../../../../shared/domain/exchange.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { useCaseFormat } from '../cases/format.ts';

const keyState = (k: UnitKey) => (k.revokedAt ? 'revoked' : k.current ? 'current' : 'retired');
const STATE_INTENT = { current: Intent.SUCCESS, retired: Intent.NONE, revoked: Intent.DANGER } as const;

export function UnitKeys({ identity, onChanged }: { identity: UnitIdentity; onChanged(identity: UnitIdentity): void }) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  const [rotating, setRotating] = useState(false);
  const [revoking, setRevoking] = useState<UnitKey | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);

  async function run(call: () => Promise<UnitIdentity>) {
    setError(null);
    try {
      onChanged(await call());
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div className="pc-unit-keys" data-testid="unit-keys">
      <div className="pc-row">
        <Button icon="refresh" text={t('exchange.keys.rotate')} onClick={() => setRotating(true)} data-testid="unit-rotate" />
      </div>
      <ErrorCallout error={error} />
      <HTMLTable compact striped className="pc-table pc-wide">
        <thead>
          <tr>
            <th>{t('exchange.keys.state')}</th>
            <th>{t('exchange.keys.fingerprint')}</th>
            <th>{t('exchange.keys.created')}</th>
            <th>{t('exchange.keys.ended')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {identity.keys.map((k) => {
            const state = keyState(k);
            return (
              <tr key={k.fingerprint} data-testid="unit-key-row" data-state={state}>
                <td>
                  <Tag minimal intent={STATE_INTENT[state]}>
                    {t(`exchange.keys.states.${state}`)}
                  </Tag>
                </td>
                <td>
                  <div>{fingerprintWords(k.fingerprint).slice(0, 4).join(' ')} …</div>
                  <div className={`pc-mono pc-hash ${Classes.TEXT_MUTED}`}>{k.fingerprint}</div>
                </td>
                <td className="pc-nowrap">{f.moment(k.createdAt)}</td>
                <td className="pc-nowrap">{k.revokedAt ? f.moment(k.revokedAt) : k.retiredAt ? f.moment(k.retiredAt) : '—'}</td>
                <td>
                  {!k.revokedAt && (
                    <Button
                      size="small"
                      variant="minimal"
                      intent={Intent.DANGER}
                      icon="disable"
                      text={t('exchange.keys.revoke')}
                      onClick={() => setRevoking(k)}
                      data-testid="unit-key-revoke"
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </HTMLTable>
      <Alert
        isOpen={rotating}
        icon="refresh"
        intent={Intent.WARNING}
        confirmButtonText={t('exchange.keys.rotate')}
        cancelButtonText={t('common.cancel')}
        onConfirm={() => {
          setRotating(false);
          void run(() => api.call('exchange.rotateKeys'));
        }}
        onCancel={() => setRotating(false)}
      >
        {t('exchange.keys.rotateConfirm')}
      </Alert>
      <Alert
        isOpen={revoking !== null}
        icon="disable"
        intent={Intent.DANGER}
        confirmButtonText={t('exchange.keys.revoke')}
        cancelButtonText={t('common.cancel')}
        onConfirm={() => {
          const k = revoking;
          const why = reason.trim();
          if (!k || !why) return;
          setRevoking(null);
          setReason('');
          void run(() => api.call('exchange.revokeOwnKey', { fingerprint: k.fingerprint, reason: why }));
        }}
        onCancel={() => {
          setRevoking(null);
          setReason('');
        }}
      >
        <p>{revoking?.current ? t('exchange.keys.revokeCurrentConfirm') : t('exchange.keys.revokeConfirm')}</p>
        <InputGroup
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('exchange.keys.revokeReason')}
          aria-label={t('exchange.keys.revokeReason')}
          data-testid="unit-revoke-reason"
        />
        <p className={`${Classes.TEXT_MUTED} pc-mt`}>{t('exchange.keys.revokeAfter')}</p>
      </Alert>
    </div>
  );
}
