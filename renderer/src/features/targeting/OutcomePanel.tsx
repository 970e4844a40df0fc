// What the inspection or documentary check found: negative, or positive with the seizure (commodity,
// quantity and unit, concealment and detection method, place and date).
import { Button, Callout, Intent } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hit, SeizureInput } from '../../../../shared/domain/targeting.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { SeizureForm } from './SeizureForm.tsx';

export function OutcomePanel({ hit, onChanged }: { hit: Hit; onChanged(): void }) {
  const { t } = useTranslation();
  const [positive, setPositive] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function record(outcome: 'negative' | 'positive', seizure: SeizureInput | null) {
    setBusy(true);
    setError(null);
    try {
      await api.call('targeting.outcome', { hitId: hit.id, outcome, seizure });
      setPositive(false);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (hit.outcome) {
    return (
      <Callout
        compact
        className="pc-mt"
        icon={hit.outcome === 'positive' ? 'warning-sign' : 'tick'}
        intent={hit.outcome === 'positive' ? Intent.DANGER : Intent.SUCCESS}
        data-testid="hit-outcome"
        data-outcome={hit.outcome}
      >
        {t(`targeting.outcome.recorded.${hit.outcome}`)}
      </Callout>
    );
  }
  return (
    <div className="pc-outcome pc-mt" data-testid="outcome-panel">
      <div className="pc-row">
        <strong>{t('targeting.outcome.title')}</strong>
        <Button
          icon="tick"
          text={t('targeting.outcome.negative')}
          disabled={busy}
          onClick={() => void record('negative', null)}
          data-testid="outcome-negative"
        />
        <Button
          icon="warning-sign"
          intent={Intent.DANGER}
          text={t('targeting.outcome.positive')}
          active={positive}
          disabled={busy}
          onClick={() => setPositive(!positive)}
          data-testid="outcome-positive"
        />
      </div>
      {positive && <SeizureForm random={hit.random} busy={busy} onSave={(s) => void record('positive', s)} onCancel={() => setPositive(false)} />}
      <ErrorCallout error={error} />
    </div>
  );
}
