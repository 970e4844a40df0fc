// A rule tried on the latest records before it is saved: how many it would hit, and which (each opens).
import { Button, Classes, Intent } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Condition, TargetEntity } from '../../../../shared/domain/targeting.ts';
import { api, ApiError } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import type { RecordRef } from '../records/record-ref.ts';
import { Problems } from './Problems.tsx';
import { useTargetingFormat } from './format.ts';

const SAMPLE = 5000;
type Result = { tested: number; hits: number; examples: { id: number; label: string }[] };

export function RuleTest({
  entity,
  condition,
  disabled,
  onOpen,
}: {
  entity: TargetEntity;
  condition: Condition;
  disabled: boolean;
  onOpen(ref: RecordRef): void;
}) {
  const { t } = useTranslation();
  const f = useTargetingFormat();
  const [result, setResult] = useState<{ for: Condition; r: Result } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      setResult({ for: condition, r: await api.call('targeting.testRule', { entity, condition, sample: SAMPLE }) });
    } catch (err) {
      setResult(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const stale = result !== null && result.for !== condition;
  return (
    <div className="pc-rule-test">
      <div className="pc-row">
        <Button
          icon="lab-test"
          text={t('targeting.rule.test', { sample: f.number(SAMPLE) })}
          loading={busy}
          disabled={disabled}
          onClick={() => void run()}
          data-testid="rule-test"
        />
        {result && (
          <span className={stale ? Classes.TEXT_MUTED : undefined} data-testid="rule-test-result">
            {t('targeting.rule.tested', { tested: f.number(result.r.tested), hits: f.number(result.r.hits) })}
            {stale && ` ${t('targeting.rule.testStale')}`}
          </span>
        )}
      </div>
      {result && result.r.examples.length > 0 && (
        <div className="pc-rule-examples">
          <span className={Classes.TEXT_MUTED}>{t('targeting.rule.examples')}</span>
          {result.r.examples.map((x) => (
            <button
              key={x.id}
              type="button"
              className={`pc-record-link ${entity === 'shipment' ? Classes.MONOSPACE_TEXT : ''}`}
              onClick={() => onOpen({ kind: entity, id: x.id })}
            >
              {x.label}
            </button>
          ))}
        </div>
      )}
      {error instanceof ApiError && error.code === 'TARGETING_INVALID_RULE' ? (
        <Problems error={error} intent={Intent.WARNING} />
      ) : (
        <ErrorCallout error={error} />
      )}
    </div>
  );
}
