// Seizures as a table: what, how much, how it was hidden and found, where and when, and who recorded it;
// with `onOpen`, also the record each was found on (which opens).
import { Classes, HTMLTable } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { Seizure } from '../../../../shared/domain/targeting.ts';
import type { RecordRef } from '../records/record-ref.ts';
import { useTargetingFormat } from './format.ts';

export function SeizureTable({ seizures, onOpen }: { seizures: Seizure[]; onOpen?: (ref: RecordRef) => void }) {
  const { t } = useTranslation();
  const f = useTargetingFormat();
  return (
    <HTMLTable compact striped className="pc-table" data-testid="seizure-table">
      <thead>
        <tr>
          {onOpen && <th>{t('targeting.seizure.record')}</th>}
          <th>{t('targeting.seizure.category')}</th>
          <th>{t('targeting.seizure.commodity')}</th>
          <th className="pc-right">{t('targeting.seizure.quantity')}</th>
          <th>{t('targeting.seizure.concealment')}</th>
          <th>{t('targeting.seizure.detection')}</th>
          <th>{t('targeting.seizure.place')}</th>
          <th>{t('targeting.seizure.date')}</th>
          <th>{t('targeting.seizure.by')}</th>
        </tr>
      </thead>
      <tbody>
        {seizures.map((s) => (
          <tr key={s.id} data-testid="seizure-row">
            {onOpen && (
              <td>
                <button type="button" className="pc-record-link" onClick={() => onOpen({ kind: s.entity, id: s.entityId })}>
                  {s.entityLabel}
                </button>
              </td>
            )}
            <td>{t(`targeting.seizure.categories.${s.category}`)}</td>
            <td>
              {s.commodity}
              {s.notes && <div className={Classes.TEXT_MUTED}>{s.notes}</div>}
            </td>
            <td className="pc-right pc-num">
              {f.number(s.quantity)} {t(`targeting.seizure.units.${s.unit}`)}
            </td>
            <td>{t(`targeting.seizure.concealments.${s.concealment}`)}</td>
            <td>{t(`targeting.seizure.detections.${s.detection}`)}</td>
            <td>{s.place || '—'}</td>
            <td>{s.date}</td>
            <td className={Classes.TEXT_MUTED}>{s.createdBy}</td>
          </tr>
        ))}
      </tbody>
    </HTMLTable>
  );
}
