// The records a package carries beside (or without) a case: found by name, number or document with the
// cases' record finder, listed as tags that can be taken off again.
import { Classes, Tag } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import { MERGE_ENTITIES, type MergeEntity } from '../../../../shared/domain/exchange.ts';
import { RECORD_ICONS, RecordFinder } from '../cases/RecordFinder.tsx';
import type { PickedRecord } from './compose-draft.ts';

const key = (r: { entity: string; id: number }) => `${r.entity}:${r.id}`;

export function RecordPicker({ records, onChange }: { records: PickedRecord[]; onChange(records: PickedRecord[]): void }) {
  const { t } = useTranslation();
  return (
    <div className="pc-record-picker" data-testid="compose-records">
      <RecordFinder
        kinds={MERGE_ENTITIES}
        picked={records.map(key)}
        onPick={(r) => {
          const picked = { entity: r.kind as MergeEntity, id: r.refId, label: r.label };
          onChange(records.some((x) => key(x) === key(picked)) ? records.filter((x) => key(x) !== key(picked)) : [...records, picked]);
        }}
      />
      <div className="pc-row pc-mt">
        {records.length === 0 && <span className={Classes.TEXT_MUTED}>{t('exchange.compose.noRecords')}</span>}
        {records.map((r) => (
          <Tag
            key={key(r)}
            icon={RECORD_ICONS[r.entity]}
            onRemove={() => onChange(records.filter((x) => key(x) !== key(r)))}
            data-testid="compose-record-tag"
            data-record={key(r)}
          >
            {t(`cases.kinds.${r.entity}`)}: {r.label}
          </Tag>
        ))}
      </div>
    </div>
  );
}
