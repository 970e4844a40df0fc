// Edits one column's filter, in the form its type calls for: text (contains, equals, starts with), a
// number range, a date range, a set of values with their counts, or a flag.
import { Button, Checkbox, HTMLSelect, InputGroup, NumericInput, Spinner } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridColumn, GridFilter, GridId, GridQuery, GridValueCount } from '../../../../shared/domain/grids.ts';
import { api } from '../../api.ts';

type Props = {
  grid: GridId;
  column: GridColumn;
  value: GridFilter | undefined;
  /** The other filters and the search: the set filter counts values under them. */
  context: Pick<GridQuery, 'filters' | 'search'>;
  onApply(f: GridFilter | null): void;
};

export function emptyFilter(column: GridColumn): GridFilter {
  switch (column.type) {
    case 'text':
      return { kind: 'text', op: 'contains', value: '' };
    case 'number':
      return { kind: 'number', min: null, max: null };
    case 'date':
      return { kind: 'date', from: null, to: null };
    case 'set':
      return { kind: 'set', values: [] };
    case 'flag':
      return { kind: 'flag', value: false };
  }
}

export function FilterEditor({ grid, column, value, context, onApply }: Props) {
  const { t } = useTranslation();
  const [f, setF] = useState<GridFilter>(value ?? emptyFilter(column));
  const [values, setValues] = useState<GridValueCount[] | null>(null);
  useEffect(() => setF(value ?? emptyFilter(column)), [value, column]);
  useEffect(() => {
    if (column.type !== 'set') return;
    let live = true;
    const others = { ...context.filters };
    delete others[column.id];
    void api.call('grids.values', { grid, column: column.id, filters: others, search: context.search }).then((v) => live && setValues(v));
    return () => {
      live = false;
    };
  }, [grid, column, context]);

  return (
    <div className="pc-filter-editor" data-testid="filter-editor">
      {f.kind === 'text' && (
        <div className="pc-row">
          <HTMLSelect value={f.op} onChange={(e) => setF({ ...f, op: e.currentTarget.value as typeof f.op })} aria-label={t('grids.filter.op')}>
            <option value="contains">{t('grids.filter.contains')}</option>
            <option value="startsWith">{t('grids.filter.startsWith')}</option>
            <option value="equals">{t('grids.filter.equals')}</option>
          </HTMLSelect>
          <InputGroup
            autoFocus
            value={f.value}
            onValueChange={(v) => setF({ ...f, value: v })}
            aria-label={t('grids.filter.value')}
            onKeyDown={(e) => e.key === 'Enter' && onApply(f)}
          />
        </div>
      )}
      {f.kind === 'number' && (
        <div className="pc-row">
          <NumericInput
            placeholder={t('grids.filter.min')}
            value={f.min ?? ''}
            onValueChange={(n) => setF({ ...f, min: Number.isFinite(n) ? n : null })}
            aria-label={t('grids.filter.min')}
          />
          <NumericInput
            placeholder={t('grids.filter.max')}
            value={f.max ?? ''}
            onValueChange={(n) => setF({ ...f, max: Number.isFinite(n) ? n : null })}
            aria-label={t('grids.filter.max')}
          />
        </div>
      )}
      {f.kind === 'date' && (
        <div className="pc-row">
          <input
            className="bp6-input"
            type="date"
            value={f.from ?? ''}
            onChange={(e) => setF({ ...f, from: e.currentTarget.value || null })}
            aria-label={t('grids.filter.from')}
          />
          <input
            className="bp6-input"
            type="date"
            value={f.to ?? ''}
            onChange={(e) => setF({ ...f, to: e.currentTarget.value || null })}
            aria-label={t('grids.filter.to')}
          />
        </div>
      )}
      {f.kind === 'set' &&
        (values === null ? (
          <Spinner size={20} />
        ) : (
          <div className="pc-set-values">
            {values.map((v) => (
              <Checkbox
                key={v.value}
                checked={f.values.includes(v.value)}
                labelElement={
                  <span>
                    {v.value || t('grids.filter.blank')} <span className="pc-muted">({v.count.toLocaleString()})</span>
                  </span>
                }
                onChange={(e) => setF({ ...f, values: e.currentTarget.checked ? [...f.values, v.value] : f.values.filter((x) => x !== v.value) })}
              />
            ))}
          </div>
        ))}
      {f.kind === 'flag' && (
        <HTMLSelect
          value={f.value === null ? 'null' : String(f.value)}
          onChange={(e) => setF({ ...f, value: e.currentTarget.value === 'null' ? null : e.currentTarget.value === 'true' })}
          aria-label={t('grids.filter.value')}
        >
          <option value="false">{column.id.endsWith('Valid') ? t('grids.flag.invalid') : t('grids.flag.no')}</option>
          <option value="true">{column.id.endsWith('Valid') ? t('grids.flag.valid') : t('grids.flag.yes')}</option>
          <option value="null">{t('grids.filter.notChecked')}</option>
        </HTMLSelect>
      )}
      <div className="pc-row pc-mt">
        <Button intent="primary" text={t('grids.filter.apply')} onClick={() => onApply(f)} />
        {value && <Button minimal text={t('grids.filter.remove')} onClick={() => onApply(null)} />}
      </div>
    </div>
  );
}

/** A filter in a few words, for its chip. */
export function describeFilter(f: GridFilter, t: (k: string) => string): string {
  switch (f.kind) {
    case 'text':
      return `${t(`grids.filter.${f.op}`)} “${f.value}”`;
    case 'number':
      return `${f.min ?? '…'} – ${f.max ?? '…'}`;
    case 'date':
      return `${f.from ?? '…'} – ${f.to ?? '…'}`;
    case 'set':
      return f.values.map((v) => v || t('grids.filter.blank')).join(', ');
    case 'flag':
      return f.value === null ? t('grids.filter.notChecked') : f.value ? t('grids.flag.yes') : t('grids.flag.no');
  }
}
