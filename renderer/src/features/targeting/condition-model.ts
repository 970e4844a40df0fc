// The visual builder's view of the rule language: which fields and comparisons fit a kind of record, the
// condition a new node starts as, what is still missing in a draft condition, and the drafts of rules and
// profiles the editor holds (each rule with its text form kept beside its tree).
import { parseCondition, printCondition, RuleSyntaxError } from '../../../../shared/domain/rule-text.ts';
import {
  FIELDS,
  INDICATORS,
  type Comparison,
  type Condition,
  type FieldDef,
  type FieldType,
  type Profile,
  type ProfileDraft,
  type ProfileMode,
  type TargetEntity,
} from '../../../../shared/domain/targeting.ts';

/** The kinds of record a profile's modes score: its rules must hold for each of them. */
export function entitiesOf(modes: readonly ProfileMode[]): TargetEntity[] {
  const out = new Set<TargetEntity>(modes.map((m) => (m === 'passengers' ? 'passenger' : 'shipment')));
  return out.size ? [...out] : ['shipment'];
}

/** Fields every one of these kinds of record has (a profile for sea and passengers can only use both's). */
export function fieldsFor(entities: readonly TargetEntity[]): FieldDef[] {
  const [first, ...rest] = entities;
  return FIELDS.filter((f) => f.entity === first && rest.every((e) => FIELDS.some((g) => g.entity === e && g.id === f.id)));
}

export function indicatorsFor(entities: readonly TargetEntity[]) {
  return entities.length === 1 ? INDICATORS.filter((i) => i.entity === entities[0]) : [];
}

/** The builder's comparisons: the language's, with "in a reference list" apart from "in these values". */
export type BuilderOp = Comparison | 'inList';

export const OPS_BY_TYPE: Record<FieldType, BuilderOp[]> = {
  text: ['equals', 'in', 'inList', 'contains', 'pattern', 'missing'],
  number: ['equals', 'in', 'range', 'missing'],
  date: ['equals', 'within', 'missing'],
  list: ['in', 'inList', 'contains', 'pattern', 'range', 'missing'],
  flag: ['equals', 'missing'],
};

export type FieldCondition = Extract<Condition, { op: string }>;

export function builderOp(c: FieldCondition): BuilderOp {
  return c.op === 'in' && 'list' in c ? 'inList' : c.op;
}

/** A condition on `field` with comparison `op`, keeping what it can of the one before. */
export function withOp(field: string, type: FieldType, op: BuilderOp, before?: FieldCondition): FieldCondition {
  const text = before && 'value' in before && typeof before.value === 'string' ? before.value : '';
  switch (op) {
    case 'equals':
      return { field, op, value: type === 'flag' ? true : type === 'number' ? 0 : text };
    case 'in':
      return { field, op, values: before && before.op === 'in' && 'values' in before ? before.values : [] };
    case 'inList':
      return { field, op: 'in', list: before && before.op === 'in' && 'list' in before ? before.list : '' };
    case 'contains':
    case 'pattern':
      return { field, op, value: text };
    case 'range':
      return { field, op, min: null, max: null };
    case 'within':
      return { field, op, from: null, to: null };
    case 'missing':
      return { field, op };
  }
}

export function fieldDef(fields: readonly FieldDef[], id: string): FieldDef | undefined {
  return fields.find((f) => f.id === id);
}

/** A new field condition: the first comparison that fits the field. */
export function newFieldCondition(fields: readonly FieldDef[], id?: string): FieldCondition {
  const f = (id && fieldDef(fields, id)) || fields[0]!;
  const op = f.type === 'text' ? 'contains' : OPS_BY_TYPE[f.type][0]!;
  return withOp(f.id, f.type, op);
}

/** What a draft condition still lacks before it can be saved (the builder lets it be incomplete). */
export type Gap = { kind: 'value' | 'list' | 'watchlist' | 'indicator' | 'bounds'; field: string };
export function gapsOf(c: Condition): Gap[] {
  const out: Gap[] = [];
  const walk = (x: Condition): void => {
    if ('all' in x) return x.all.forEach(walk);
    if ('any' in x) return x.any.forEach(walk);
    if ('not' in x) return walk(x.not);
    if ('indicator' in x) {
      if (!x.indicator) out.push({ kind: 'indicator', field: '' });
      return;
    }
    if ('watchlist' in x) {
      if (!x.watchlist) out.push({ kind: 'watchlist', field: x.field });
      return;
    }
    switch (x.op) {
      case 'equals':
      case 'contains':
      case 'pattern':
        if (x.value === '') out.push({ kind: 'value', field: x.field });
        return;
      case 'in':
        if ('list' in x ? !x.list : x.values.length === 0) out.push({ kind: 'list' in x ? 'list' : 'value', field: x.field });
        return;
      case 'range':
        if (x.min === null && x.max === null) out.push({ kind: 'bounds', field: x.field });
        return;
      case 'within':
        if (x.from === null && x.to === null) out.push({ kind: 'bounds', field: x.field });
        return;
      case 'missing':
        return;
    }
  };
  walk(c);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The editor's drafts.

export type TextError = { message: string; offset: number };
export type RuleDraft = {
  /** Stable across edits, for React. */
  key: string;
  name: string;
  description: string;
  weight: number;
  condition: Condition;
  /** The text form as the user typed it, and why it does not read if it does not. */
  text: string;
  textError: TextError | null;
};
export type ProfileEditorDraft = Omit<ProfileDraft, 'rules'> & { rules: RuleDraft[] };

let keys = 0;
export const newKey = () => `r${++keys}`;

export function ruleDraft(r: { name: string; description?: string; weight: number; condition: Condition }): RuleDraft {
  return {
    key: newKey(),
    name: r.name,
    description: r.description ?? '',
    weight: r.weight,
    condition: r.condition,
    text: printCondition(r.condition),
    textError: null,
  };
}

export function editorDraft(p: Profile | null, owner: string): ProfileEditorDraft {
  if (!p) return { name: '', description: '', owner, modes: ['sea'], validFrom: null, validTo: null, enabled: false, rules: [] };
  return {
    name: p.name,
    description: p.description,
    owner: p.owner,
    modes: [...p.modes],
    validFrom: p.validFrom,
    validTo: p.validTo,
    enabled: p.enabled,
    rules: p.rules.map(ruleDraft),
  };
}

/** The draft as the API takes it. */
export function toProfileDraft(d: ProfileEditorDraft): ProfileDraft {
  return {
    name: d.name.trim(),
    description: d.description,
    owner: d.owner.trim(),
    modes: d.modes,
    validFrom: d.validFrom || null,
    validTo: d.validTo || null,
    enabled: d.enabled,
    rules: d.rules.map((r) => ({ name: r.name.trim(), description: r.description, weight: r.weight, condition: r.condition })),
  };
}

/** The builder changed the tree: the text form is printed again. */
export function withCondition(r: RuleDraft, condition: Condition): RuleDraft {
  return { ...r, condition, text: printCondition(condition), textError: null };
}

/** The text form changed: read into the tree if it reads; otherwise the tree stays and the error shows. */
export function withText(r: RuleDraft, text: string): RuleDraft {
  try {
    return { ...r, text, condition: parseCondition(text), textError: null };
  } catch (err) {
    if (err instanceof RuleSyntaxError) return { ...r, text, textError: { message: err.message, offset: err.offset } };
    throw err;
  }
}
