// One condition on a field: the field (only those of the profile's kind of record), a comparison that fits
// the field's type, and the value input that comparison needs.
import { HTMLSelect, Icon, InputGroup, Tooltip } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Condition, FieldDef } from '../../../../shared/domain/targeting.ts';
import { builderOp, fieldDef, OPS_BY_TYPE, withOp, type FieldCondition } from './condition-model.ts';
import { fieldDoc } from './field-names.ts';

type Props = { value: FieldCondition; fields: FieldDef[]; lists: string[]; onChange(c: Condition): void };

export function FieldConditionRow({ value, fields, lists, onChange }: Props) {
  const { t } = useTranslation();
  const def = fieldDef(fields, value.field);
  const type = def?.type ?? 'text';
  const op = builderOp(value);
  const ops = OPS_BY_TYPE[type].includes(op) ? OPS_BY_TYPE[type] : [...OPS_BY_TYPE[type], op];

  function changeField(id: string) {
    const next = fieldDef(fields, id)!;
    const keep = OPS_BY_TYPE[next.type].includes(op) ? op : next.type === 'text' ? 'contains' : OPS_BY_TYPE[next.type][0]!;
    onChange(withOp(id, next.type, keep, next.type === type ? value : undefined));
  }

  return (
    <span className="pc-cb-parts">
      <HTMLSelect value={value.field} aria-label={t('targeting.builder.field')} onChange={(e) => changeField(e.currentTarget.value)} data-testid="cond-field">
        {!def && <option value={value.field}>{value.field}</option>}
        {fields.map((f) => (
          <option key={f.id} value={f.id} title={fieldDoc(t, f.id, f.entity)}>
            {f.id}
          </option>
        ))}
      </HTMLSelect>
      <Tooltip
        content={
          <span className="pc-tip">
            {def ? `${fieldDoc(t, def.id, def.entity)} (${t(`targeting.builder.types.${def.type}`)})` : t('targeting.builder.unknownField')}
          </span>
        }
      >
        <Icon icon="info-sign" className="pc-cb-info" />
      </Tooltip>
      <HTMLSelect
        value={op}
        aria-label={t('targeting.builder.comparison')}
        onChange={(e) => onChange(withOp(value.field, type, e.currentTarget.value as typeof op, value))}
        options={ops.map((o) => ({ value: o, label: t(`targeting.builder.ops.${o}`) }))}
        data-testid="cond-op"
      />
      <ValueInputs value={value} type={type} lists={lists} onChange={onChange} />
    </span>
  );
}

function ValueInputs({ value: c, type, lists, onChange }: { value: FieldCondition; type: FieldDef['type']; lists: string[]; onChange(c: Condition): void }) {
  const { t } = useTranslation();
  switch (c.op) {
    case 'equals':
      if (type === 'flag')
        return (
          <HTMLSelect
            value={String(c.value)}
            aria-label={t('targeting.builder.value')}
            onChange={(e) => onChange({ ...c, value: e.currentTarget.value === 'true' })}
            options={[
              { value: 'true', label: t('targeting.fact.yes') },
              { value: 'false', label: t('targeting.fact.no') },
            ]}
            data-testid="cond-value"
          />
        );
      if (type === 'number')
        return <NumberInput value={typeof c.value === 'number' ? c.value : null} onChange={(v) => onChange({ ...c, value: v ?? 0 })} testId="cond-value" />;
      if (type === 'date')
        return (
          <InputGroup
            type="date"
            value={String(c.value)}
            onValueChange={(v) => onChange({ ...c, value: v })}
            aria-label={t('targeting.builder.value')}
            data-testid="cond-value"
          />
        );
      return <TextInput value={String(c.value)} onChange={(v) => onChange({ ...c, value: v })} />;
    case 'contains':
    case 'pattern':
      return (
        <TextInput
          value={c.value}
          placeholder={c.op === 'pattern' ? t('targeting.builder.patternPlaceholder') : undefined}
          onChange={(v) => onChange({ ...c, value: v })}
        />
      );
    case 'in':
      if ('list' in c)
        return (
          <HTMLSelect
            value={c.list}
            aria-label={t('targeting.builder.list')}
            onChange={(e) => onChange({ ...c, list: e.currentTarget.value })}
            data-testid="cond-list"
          >
            {!lists.includes(c.list) && <option value={c.list}>{c.list || t('targeting.builder.choose')}</option>}
            {lists.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </HTMLSelect>
        );
      return <ValuesInput values={c.values} numeric={type === 'number'} onChange={(values) => onChange({ ...c, values })} />;
    case 'range':
      return (
        <>
          <NumberInput
            value={c.min}
            placeholder={t('targeting.builder.noBound')}
            onChange={(min) => onChange({ ...c, min })}
            testId="cond-min"
            label={t('targeting.builder.min')}
          />
          <span className="pc-cb-word">…</span>
          <NumberInput
            value={c.max}
            placeholder={t('targeting.builder.noBound')}
            onChange={(max) => onChange({ ...c, max })}
            testId="cond-max"
            label={t('targeting.builder.max')}
          />
        </>
      );
    case 'within':
      return (
        <>
          <InputGroup
            type="date"
            value={c.from ?? ''}
            onValueChange={(v) => onChange({ ...c, from: v || null })}
            aria-label={t('targeting.builder.from')}
            data-testid="cond-from"
          />
          <span className="pc-cb-word">…</span>
          <InputGroup
            type="date"
            value={c.to ?? ''}
            onValueChange={(v) => onChange({ ...c, to: v || null })}
            aria-label={t('targeting.builder.to')}
            data-testid="cond-to"
          />
        </>
      );
    case 'missing':
      return null;
  }
}

function TextInput({ value, placeholder, onChange }: { value: string; placeholder?: string | undefined; onChange(v: string): void }) {
  const { t } = useTranslation();
  return (
    <InputGroup
      className="pc-cb-value"
      value={value}
      placeholder={placeholder ?? t('targeting.builder.valuePlaceholder')}
      onValueChange={onChange}
      aria-label={t('targeting.builder.value')}
      data-testid="cond-value"
    />
  );
}

/** A number typed freely ("-", "1."): the condition takes it once it reads as a number; blank is none. */
function NumberInput({
  value,
  onChange,
  placeholder,
  testId,
  label,
}: {
  value: number | null;
  onChange(v: number | null): void;
  placeholder?: string;
  testId: string;
  label?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value === null ? '' : String(value));
  useEffect(() => {
    setText((old) => ((old.trim() === '' ? null : Number(old.replace(',', '.'))) === value ? old : value === null ? '' : String(value)));
  }, [value]);
  const n = text.trim() === '' ? null : Number(text.replace(',', '.'));
  return (
    <InputGroup
      className="pc-cb-number"
      inputMode="decimal"
      value={text}
      placeholder={placeholder}
      intent={n !== null && !Number.isFinite(n) ? 'danger' : 'none'}
      onValueChange={(v) => {
        setText(v);
        const x = v.trim() === '' ? null : Number(v.replace(',', '.'));
        if (x === null || Number.isFinite(x)) onChange(x);
      }}
      aria-label={label ?? t('targeting.builder.value')}
      data-testid={testId}
    />
  );
}

/** Values separated by commas; numbers for a numeric field. */
function ValuesInput({ values, numeric, onChange }: { values: (string | number)[]; numeric: boolean; onChange(v: (string | number)[]): void }) {
  const { t } = useTranslation();
  const joined = values.join(', ');
  const [text, setText] = useState(joined);
  useEffect(() => setText((old) => (split(old, numeric).join(', ') === joined ? old : joined)), [joined, numeric]);
  return (
    <InputGroup
      className="pc-cb-value"
      value={text}
      placeholder={t('targeting.builder.valuesPlaceholder')}
      onValueChange={(v) => {
        setText(v);
        onChange(split(v, numeric));
      }}
      aria-label={t('targeting.builder.values')}
      data-testid="cond-values"
    />
  );
}

function split(text: string, numeric: boolean): (string | number)[] {
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return numeric && parts.every((p) => Number.isFinite(Number(p))) ? parts.map(Number) : parts;
}
