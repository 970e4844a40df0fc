// A received package's records beside this workspace: new (not held here), same (held with the same values)
// or conflict (held with other values, the fields listed local against partner). New records are ticked;
// a conflict needs a deliberate tick, and merged it comes in beside the local record, never over it.
import { Button, Callout, Checkbox, Classes, HTMLTable, Icon, Intent, Tag } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { PreviewRecord } from '../../../../shared/domain/exchange.ts';
import { RECORD_ICONS } from '../cases/RecordFinder.tsx';
import type { RecordRef } from '../records/record-ref.ts';

const SHOWN = 1000;
const STATUS_INTENT = { new: Intent.PRIMARY, same: Intent.NONE, conflict: Intent.WARNING } as const;

type Props = { records: PreviewRecord[]; selected: Set<string>; onChange(selected: Set<string>): void; onOpen(ref: RecordRef): void };

export function PreviewRecords({ records, selected, onChange, onOpen }: Props) {
  const { t } = useTranslation();
  const toggle = (ref: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(ref);
    else next.delete(ref);
    onChange(next);
  };
  const counts = { new: 0, same: 0, conflict: 0, merged: 0 };
  for (const r of records) {
    counts[r.status]++;
    if (r.merged) counts.merged++;
  }
  return (
    <div className="pc-preview-records" data-testid="preview-records">
      <div className="pc-row">
        <span data-testid="preview-record-counts">{t('exchange.preview.recordCounts', counts)}</span>
        <span className="pc-grow" />
        <Button
          size="small"
          text={t('exchange.preview.selectNew')}
          onClick={() => onChange(new Set(records.filter((r) => r.status === 'new' && !r.merged).map((r) => r.ref)))}
        />
        <Button size="small" text={t('exchange.preview.selectNone')} onClick={() => onChange(new Set())} />
      </div>
      {counts.conflict > 0 && (
        <Callout intent={Intent.WARNING} icon="git-merge" className="pc-mt">
          {t('exchange.preview.conflictHelp')}
        </Callout>
      )}
      <HTMLTable compact striped className="pc-table pc-wide pc-mt">
        <thead>
          <tr>
            <th />
            <th>{t('exchange.preview.entity')}</th>
            <th>{t('exchange.preview.label')}</th>
            <th>{t('exchange.preview.detail')}</th>
            <th>{t('exchange.preview.status')}</th>
          </tr>
        </thead>
        <tbody>
          {records.slice(0, SHOWN).map((r) => (
            <tr key={r.ref} data-testid="preview-record" data-ref={r.ref} data-status={r.status} data-merged={r.merged}>
              <td>
                <Checkbox
                  className="pc-no-margin"
                  checked={r.merged || selected.has(r.ref)}
                  disabled={r.merged}
                  onChange={(e) => toggle(r.ref, e.currentTarget.checked)}
                  aria-label={t('exchange.preview.pick', { label: r.label })}
                  data-testid="preview-record-check"
                />
              </td>
              <td className="pc-nowrap">
                <Icon icon={RECORD_ICONS[r.entity]} /> {t(`cases.kinds.${r.entity}`)}
              </td>
              <td>
                <b>{r.label}</b>
                {r.localId !== null && (
                  <Button
                    size="small"
                    variant="minimal"
                    icon="eye-open"
                    className="pc-ml"
                    title={t('exchange.preview.openLocal')}
                    aria-label={t('exchange.preview.openLocal')}
                    onClick={() => onOpen({ kind: r.entity, id: r.localId! })}
                  />
                )}
              </td>
              <td>
                <div className={Classes.TEXT_MUTED}>{r.detail}</div>
                {r.differences.length > 0 && (
                  <ul className="pc-differences" data-testid="preview-differences">
                    {r.differences.map((d) => (
                      <li key={d.field}>
                        <b>{d.field}</b>: {t('exchange.preview.difference', { local: d.local || '—', partner: d.partner || '—' })}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                <Tag minimal intent={STATUS_INTENT[r.status]}>
                  {t(`exchange.preview.statuses.${r.status}`)}
                </Tag>
                {r.merged && (
                  <Tag minimal intent={Intent.SUCCESS} className="pc-ml" icon="tick">
                    {t('exchange.preview.merged')}
                  </Tag>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </HTMLTable>
      {records.length > SHOWN && <p className={Classes.TEXT_MUTED}>{t('exchange.preview.more', { shown: SHOWN, total: records.length })}</p>}
    </div>
  );
}
