// Merges what the analyst ticked into this workspace (one import naming the package and its sender), and
// optionally a local case holding the package's notes, attachments, seizures and charts, linked to them.
import { Button, Callout, Checkbox, Intent } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergeResult } from '../../../../shared/domain/exchange.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { openCase } from '../cases/case-route.ts';

type Props = { id: number; selected: string[]; caseId: number | null; hasCase: boolean; onMerged(): void };

export function MergePanel({ id, selected, caseId, hasCase, onMerged }: Props) {
  const { t } = useTranslation();
  const [createCase, setCreateCase] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<MergeResult | null>(null);

  async function merge() {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.call('exchange.merge', { id, choice: { records: selected, createCase: createCase && caseId === null } }));
      onMerged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="pc-merge-panel" data-testid="merge-panel">
      <div className="pc-row">
        <Button
          intent={Intent.PRIMARY}
          icon="git-merge"
          text={t('exchange.merge.button', { count: selected.length })}
          loading={busy}
          disabled={selected.length === 0 && !(createCase && caseId === null && hasCase)}
          onClick={() => void merge()}
          data-testid="merge-submit"
        />
        <Checkbox
          className="pc-no-margin"
          checked={createCase && caseId === null}
          disabled={caseId !== null}
          onChange={(e) => setCreateCase(e.currentTarget.checked)}
          label={caseId !== null ? t('exchange.merge.caseExists') : t('exchange.merge.createCase')}
          data-testid="merge-create-case"
        />
      </div>
      <ErrorCallout error={error} />
      {result && (
        <Callout intent={Intent.SUCCESS} icon="tick-circle" className="pc-mt" data-testid="merge-result">
          <p>{t('exchange.merge.result', { merged: result.merged, skipped: result.skipped })}</p>
          {result.caseId !== null && (
            <Button icon="folder-shared-open" text={t('exchange.merge.openCase')} onClick={() => openCase(result.caseId!)} data-testid="merge-open-case" />
          )}
        </Callout>
      )}
    </div>
  );
}
