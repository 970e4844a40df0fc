// The person's decision on an open hit: select for physical inspection, for a documentary check, or
// dismiss it — with a reason, which the UI asks for as the core does. A decided hit says who decided
// what and when.
import { Button, Callout, Classes, FormGroup, Intent, TextArea } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Decision, Hit } from '../../../../shared/domain/targeting.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { useTargetingFormat } from './format.ts';

export function DecisionPanel({ hit, onChanged }: { hit: Hit; onChanged(): void }) {
  const { t } = useTranslation();
  const f = useTargetingFormat();
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function decide(decision: Decision) {
    setBusy(true);
    setError(null);
    try {
      await api.call('targeting.decide', { hitId: hit.id, decision, reason: decision === 'dismiss' ? reason.trim() : '' });
      setDismissing(false);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (hit.status === 'decided' && hit.decision) {
    return (
      <Callout
        compact
        icon={hit.decision === 'dismiss' ? 'disable' : 'search'}
        intent={hit.decision === 'dismiss' ? Intent.NONE : Intent.PRIMARY}
        data-testid="hit-decision"
        data-decision={hit.decision}
      >
        <div>{t('targeting.decision.made', { decision: t(`targeting.decided.${hit.decision}`), by: hit.decidedBy ?? '—', at: f.moment(hit.decidedAt) })}</div>
        {hit.reason && <div className={Classes.TEXT_MUTED}>{t('targeting.decision.reasonWas', { reason: hit.reason })}</div>}
      </Callout>
    );
  }

  return (
    <div className="pc-decision" data-testid="decision-panel">
      <p className={Classes.TEXT_MUTED}>{t('targeting.decision.help')}</p>
      <div className="pc-row">
        <Button
          intent={Intent.DANGER}
          icon="search"
          text={t('targeting.decision.inspect')}
          disabled={busy}
          onClick={() => void decide('inspect')}
          data-testid="decide-inspect"
        />
        <Button
          intent={Intent.WARNING}
          icon="document"
          text={t('targeting.decision.documents')}
          disabled={busy}
          onClick={() => void decide('documents')}
          data-testid="decide-documents"
        />
        <Button
          icon="disable"
          text={t('targeting.decision.dismiss')}
          active={dismissing}
          disabled={busy}
          onClick={() => setDismissing(!dismissing)}
          data-testid="decide-dismiss"
        />
      </div>
      {dismissing && (
        <div className="pc-dismiss">
          <FormGroup label={t('targeting.decision.reason')} labelFor="dismiss-reason" helperText={t('targeting.decision.reasonHelp')}>
            <TextArea id="dismiss-reason" fill autoFocus value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="dismiss-reason" />
          </FormGroup>
          <Button
            intent={Intent.PRIMARY}
            text={t('targeting.decision.confirmDismiss')}
            disabled={busy || !reason.trim()}
            onClick={() => void decide('dismiss')}
            data-testid="dismiss-confirm"
          />
        </div>
      )}
      <ErrorCallout error={error} />
    </div>
  );
}
