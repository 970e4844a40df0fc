// The visual builder of a rule's condition: groups (all of / any of, each can be negated) holding
// conditions on fields, documented indicators, watchlist matches and reference lists. It edits the same
// tree as the text form, which the rule editor keeps in step with it.
import { Button, HTMLSelect, Icon, Menu, MenuDivider, MenuItem, Popover, Tooltip } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { Condition, FieldDef, IndicatorDef } from '../../../../shared/domain/targeting.ts';
import { FieldConditionRow } from './FieldConditionRow.tsx';
import { newFieldCondition, type FieldCondition } from './condition-model.ts';
import { indicatorDoc, indicatorLabel } from './field-names.ts';

export type BuilderContext = { fields: FieldDef[]; indicators: readonly IndicatorDef[]; lists: string[]; watchlists: string[] };

type NodeProps = {
  value: Condition;
  onChange(c: Condition): void;
  onRemove?: () => void;
  ctx: BuilderContext;
  negated?: boolean;
  onToggleNot?: () => void;
};

/** The builder for a whole condition; a single condition at the top can grow into a group. */
export function ConditionBuilder({ value, onChange, ctx }: { value: Condition; onChange(c: Condition): void; ctx: BuilderContext }) {
  const { t } = useTranslation();
  const isGroup = 'all' in value || 'any' in value;
  return (
    <div className="pc-cb" data-testid="condition-builder">
      <ConditionNode value={value} onChange={onChange} ctx={ctx} />
      {!isGroup && <AddMenu ctx={ctx} label={t('targeting.builder.andAlso')} onAdd={(c) => onChange({ all: [value, c] })} />}
    </div>
  );
}

function ConditionNode({ value, onChange, onRemove, ctx, negated = false, onToggleNot }: NodeProps) {
  if ('not' in value) {
    return (
      <ConditionNode value={value.not} onChange={(c) => onChange({ not: c })} onRemove={onRemove} ctx={ctx} negated onToggleNot={() => onChange(value.not)} />
    );
  }
  const toggleNot = onToggleNot ?? (() => onChange({ not: value }));
  if ('all' in value || 'any' in value)
    return <GroupNode value={value} onChange={onChange} onRemove={onRemove} ctx={ctx} negated={negated} onToggleNot={toggleNot} />;
  return (
    <div className={`pc-cb-leaf ${negated ? 'pc-cb-negated' : ''}`} data-testid="cb-leaf">
      <NotToggle negated={negated} onToggle={toggleNot} />
      {'indicator' in value ? (
        <IndicatorPicker value={value.indicator} indicators={ctx.indicators} onChange={(indicator) => onChange({ indicator })} />
      ) : 'watchlist' in value ? (
        <WatchlistPicker value={value} ctx={ctx} onChange={onChange} />
      ) : (
        <FieldConditionRow value={value as FieldCondition} fields={ctx.fields} lists={ctx.lists} onChange={onChange} />
      )}
      <RemoveButton onRemove={onRemove} />
    </div>
  );
}

function GroupNode({ value, onChange, onRemove, ctx, negated, onToggleNot }: NodeProps & { value: { all: Condition[] } | { any: Condition[] } }) {
  const { t } = useTranslation();
  const kind = 'all' in value ? 'all' : 'any';
  const items = 'all' in value ? value.all : value.any;
  const make = (k: 'all' | 'any', list: Condition[]): Condition => (k === 'all' ? { all: list } : { any: list });
  return (
    <div className={`pc-cb-group ${negated ? 'pc-cb-negated' : ''}`} data-testid="cb-group" data-kind={kind}>
      <div className="pc-cb-group-head">
        <NotToggle negated={negated ?? false} onToggle={onToggleNot!} />
        <HTMLSelect
          value={kind}
          aria-label={t('targeting.builder.groupKind')}
          onChange={(e) => onChange(make(e.currentTarget.value as 'all' | 'any', items))}
          options={[
            { value: 'all', label: t('targeting.builder.all') },
            { value: 'any', label: t('targeting.builder.any') },
          ]}
          data-testid="cb-group-kind"
        />
        <AddMenu ctx={ctx} label={t('targeting.builder.add')} onAdd={(c) => onChange(make(kind, [...items, c]))} />
        <span className="pc-grow" />
        <RemoveButton onRemove={onRemove} />
      </div>
      <div className="pc-cb-children">
        {items.map((c, i) => (
          <ConditionNode
            key={i}
            value={c}
            ctx={ctx}
            onChange={(next) =>
              onChange(
                make(
                  kind,
                  items.map((x, j) => (j === i ? next : x)),
                ),
              )
            }
            onRemove={
              items.length > 1
                ? () =>
                    onChange(
                      make(
                        kind,
                        items.filter((_, j) => j !== i),
                      ),
                    )
                : undefined
            }
          />
        ))}
      </div>
    </div>
  );
}

function NotToggle({ negated, onToggle }: { negated: boolean; onToggle(): void }) {
  const { t } = useTranslation();
  return (
    <Button
      size="small"
      variant={negated ? 'solid' : 'minimal'}
      intent={negated ? 'warning' : 'none'}
      text={t('targeting.builder.not')}
      title={t('targeting.builder.notHelp')}
      aria-pressed={negated}
      onClick={onToggle}
      className="pc-cb-not"
      data-testid="cb-not"
    />
  );
}

function RemoveButton({ onRemove }: { onRemove?: (() => void) | undefined }) {
  const { t } = useTranslation();
  if (!onRemove) return null;
  return (
    <Button
      size="small"
      variant="minimal"
      icon="cross"
      aria-label={t('targeting.builder.remove')}
      title={t('targeting.builder.remove')}
      onClick={onRemove}
      data-testid="cb-remove"
    />
  );
}

function AddMenu({ ctx, label, onAdd }: { ctx: BuilderContext; label: string; onAdd(c: Condition): void }) {
  const { t } = useTranslation();
  const field = () => newFieldCondition(ctx.fields, 'goods');
  // Sensible first fields for a list or a watchlist; the user picks another in the row.
  const pick = (ids: string[]) =>
    ids.map((id) => ctx.fields.find((f) => f.id === id)).find(Boolean) ?? ctx.fields.find((f) => f.type === 'text' || f.type === 'list');
  const listField = pick(['originCountry', 'itineraryCountries', 'nationality']);
  const watchField = pick(['consignee.name', 'name']);
  return (
    <Popover
      placement="bottom-start"
      content={
        <Menu>
          <MenuItem icon="properties" text={t('targeting.builder.addField')} onClick={() => onAdd(field())} data-testid="cb-add-field" />
          <MenuItem
            icon="lightbulb"
            text={t('targeting.builder.addIndicator')}
            disabled={ctx.indicators.length === 0}
            onClick={() => onAdd({ indicator: ctx.indicators[0]!.id })}
            data-testid="cb-add-indicator"
          />
          <MenuItem
            icon="eye-open"
            text={t('targeting.builder.addWatchlist')}
            disabled={!watchField}
            onClick={() => onAdd({ watchlist: ctx.watchlists[0] ?? '', field: watchField!.id })}
            data-testid="cb-add-watchlist"
          />
          <MenuItem
            icon="th-list"
            text={t('targeting.builder.addList')}
            disabled={!listField}
            onClick={() => onAdd({ field: listField!.id, op: 'in', list: ctx.lists[0] ?? '' })}
            data-testid="cb-add-list"
          />
          <MenuDivider />
          <MenuItem icon="group-objects" text={t('targeting.builder.addAll')} onClick={() => onAdd({ all: [field()] })} data-testid="cb-add-all" />
          <MenuItem icon="ungroup-objects" text={t('targeting.builder.addAny')} onClick={() => onAdd({ any: [field()] })} data-testid="cb-add-any" />
        </Menu>
      }
    >
      <Button size="small" icon="add" text={label} data-testid="cb-add" />
    </Popover>
  );
}

function IndicatorPicker({ value, indicators, onChange }: { value: string; indicators: readonly IndicatorDef[]; onChange(id: string): void }) {
  const { t } = useTranslation();
  const known = indicators.some((i) => i.id === value);
  return (
    <span className="pc-cb-parts">
      <span className="pc-cb-word">{t('targeting.builder.indicator')}</span>
      <HTMLSelect value={value} onChange={(e) => onChange(e.currentTarget.value)} aria-label={t('targeting.builder.indicator')} data-testid="cb-indicator">
        {!known && <option value={value}>{value || '—'}</option>}
        {indicators.map((i) => (
          <option key={i.id} value={i.id} title={indicatorDoc(t, i.id)}>
            {indicatorLabel(t, i.id)}
          </option>
        ))}
      </HTMLSelect>
      <Tooltip content={<span className="pc-tip">{known ? indicatorDoc(t, value) : t('targeting.builder.unknownIndicator')}</span>} placement="top">
        <Icon icon="info-sign" className="pc-cb-info" data-testid="cb-indicator-doc" />
      </Tooltip>
    </span>
  );
}

function WatchlistPicker({ value, ctx, onChange }: { value: { watchlist: string; field: string }; ctx: BuilderContext; onChange(c: Condition): void }) {
  const { t } = useTranslation();
  const fields = ctx.fields.filter((f) => f.type === 'text' || f.type === 'list');
  return (
    <span className="pc-cb-parts">
      <HTMLSelect
        value={value.field}
        aria-label={t('targeting.builder.field')}
        onChange={(e) => onChange({ ...value, field: e.currentTarget.value })}
        options={fields.map((f) => ({ value: f.id, label: f.id }))}
        data-testid="cb-watch-field"
      />
      <span className="pc-cb-word">{t('targeting.builder.matchesWatchlist')}</span>
      <HTMLSelect
        value={value.watchlist}
        aria-label={t('targeting.builder.watchlist')}
        onChange={(e) => onChange({ ...value, watchlist: e.currentTarget.value })}
        data-testid="cb-watchlist"
      >
        {!ctx.watchlists.includes(value.watchlist) && <option value={value.watchlist}>{value.watchlist || t('targeting.builder.choose')}</option>}
        {ctx.watchlists.map((w) => (
          <option key={w} value={w}>
            {w}
          </option>
        ))}
      </HTMLSelect>
    </span>
  );
}
