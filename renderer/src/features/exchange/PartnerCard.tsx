// One partner unit: its names, whether it is trusted, its last package, and each of its keys with its state
// (pending until confirmed by voice, trusted, retired by a newer key, revoked) and its fingerprint.
import { Button, Card, Classes, H4, HTMLTable, Intent, Tag } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { Partner, PartnerKey, PartnerKeyStatus } from '../../../../shared/domain/exchange.ts';
import { useCaseFormat } from '../cases/format.ts';
import { Fingerprint } from './Fingerprint.tsx';

export const KEY_INTENT: Record<PartnerKeyStatus, Intent> = { pending: Intent.WARNING, trusted: Intent.SUCCESS, retired: Intent.NONE, revoked: Intent.DANGER };

type Props = { partner: Partner; onConfirm(key: PartnerKey): void; onRevoke(key: PartnerKey): void };

export function PartnerCard({ partner: p, onConfirm, onRevoke }: Props) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  return (
    <Card className="pc-exchange-card" data-testid="partner-card" data-partner-id={p.id} data-trusted={p.trusted}>
      <div className="pc-row">
        <H4 className="pc-no-margin">{p.name}</H4>
        <Tag intent={p.trusted ? Intent.SUCCESS : Intent.WARNING} icon={p.trusted ? 'endorsed' : 'warning-sign'} data-testid="partner-trust">
          {p.trusted ? t('exchange.partners.trusted') : t('exchange.partners.notTrusted')}
        </Tag>
        <span className="pc-grow" />
        <span className={Classes.TEXT_MUTED}>
          {p.lastPackageAt ? t('exchange.partners.lastPackage', { at: f.moment(p.lastPackageAt) }) : t('exchange.partners.noPackage')}
        </span>
      </div>
      <div className={Classes.TEXT_MUTED}>
        {p.agency} · {p.country} · {t(`exchange.unitTypes.${p.unitType}`)}
      </div>
      <HTMLTable compact className="pc-table pc-wide pc-mt">
        <thead>
          <tr>
            <th>{t('exchange.keys.state')}</th>
            <th>{t('exchange.keys.fingerprint')}</th>
            <th>{t('exchange.keys.history')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {p.keys.map((k) => (
            <tr key={k.id} data-testid="partner-key-row" data-key-id={k.id} data-status={k.status}>
              <td>
                <Tag minimal intent={KEY_INTENT[k.status]} data-testid="partner-key-status">
                  {t(`exchange.keys.partnerStates.${k.status}`)}
                </Tag>
              </td>
              <td>
                <Fingerprint words={k.words} digits={k.digits} testId="partner-fingerprint" />
              </td>
              <td className={`${Classes.TEXT_MUTED} pc-small`}>
                <div>{t('exchange.keys.imported', { at: f.moment(k.importedAt) })}</div>
                {k.confirmedAt && <div>{t('exchange.keys.confirmed', { at: f.moment(k.confirmedAt), by: k.confirmedBy ?? '' })}</div>}
                {k.retiredAt && <div>{t('exchange.keys.retired', { at: f.moment(k.retiredAt) })}</div>}
                {k.revokedAt && <div>{t('exchange.keys.revoked', { at: f.moment(k.revokedAt), reason: k.revokeReason ?? '' })}</div>}
              </td>
              <td className="pc-nowrap">
                {k.status === 'pending' && (
                  <Button
                    intent={Intent.PRIMARY}
                    icon="phone"
                    text={t('exchange.confirm.button')}
                    onClick={() => onConfirm(k)}
                    data-testid="partner-key-confirm"
                  />
                )}
                {k.status !== 'revoked' && (
                  <Button
                    variant="minimal"
                    intent={Intent.DANGER}
                    icon="disable"
                    text={t('exchange.keys.revoke')}
                    onClick={() => onRevoke(k)}
                    data-testid="partner-key-revoke"
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </HTMLTable>
    </Card>
  );
}
