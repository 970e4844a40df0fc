// The trainee's selections so far, in the order made; each can be removed until the selections are submitted.
import { Button, Classes, HTMLTable, NonIdealState, Tag } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Selection } from '../../../../shared/domain/training.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { useTrainingFormat } from './format.ts';

export function SelectionList({ selections, frozen, onChanged }: { selections: Selection[]; frozen: boolean; onChanged(): void }) {
  const { t } = useTranslation();
  const f = useTrainingFormat();
  const [error, setError] = useState<unknown>(null);

  async function remove(id: number) {
    setError(null);
    try {
      await api.call('training.unselect', { id });
      onChanged();
    } catch (err) {
      setError(err);
    }
  }

  if (selections.length === 0) return <NonIdealState icon="locate" title={t('training.list.empty')} description={t('training.list.emptyHelp')} />;
  return (
    <>
      <ErrorCallout error={error} />
      <HTMLTable compact striped className="pc-training-table" data-testid="selection-list">
        <thead>
          <tr>
            <th>{t('training.list.record')}</th>
            <th>{t('training.list.indicators')}</th>
            <th>{t('training.list.justification')}</th>
            {!frozen && <th />}
          </tr>
        </thead>
        <tbody>
          {selections.map((s) => (
            <tr key={s.id} data-testid="selection-row" data-ref={s.ref}>
              <td className="pc-training-ref">
                <div className={Classes.TEXT_MUTED}>{t(`training.entity.${s.entity}`)}</div>
                <span className={Classes.MONOSPACE_TEXT}>{s.ref}</span>
                <div className={`${Classes.TEXT_MUTED} ${Classes.TEXT_SMALL}`} title={t('training.list.at')}>
                  {f.moment(s.selectedAt)}
                </div>
              </td>
              <td>
                {s.indicators.length === 0 ? (
                  <span className={Classes.TEXT_MUTED}>{t('training.list.noIndicators')}</span>
                ) : (
                  s.indicators.map((i) => (
                    <Tag key={i} minimal className="pc-training-tag">
                      {i}
                    </Tag>
                  ))
                )}
              </td>
              <td className="pc-training-prose">{s.justification}</td>
              {!frozen && (
                <td>
                  <Button
                    small
                    minimal
                    icon="trash"
                    aria-label={t('training.list.remove')}
                    title={t('training.list.remove')}
                    onClick={() => void remove(s.id)}
                    data-testid="selection-remove"
                  />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </HTMLTable>
    </>
  );
}
