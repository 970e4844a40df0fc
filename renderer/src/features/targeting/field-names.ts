// How a fact, field or indicator is named on screen: indicators by their label, fields by their name
// with what they hold, both in the UI's language.
import type { TFunction } from 'i18next';
import { FIELDS, INDICATORS, type TargetEntity } from '../../../../shared/domain/targeting.ts';

/** The translated label of an indicator (the shared English one if a translation is missing). */
export const indicatorLabel = (t: TFunction, id: string) =>
  t(`targeting.indicators.${id}.label`, { defaultValue: INDICATORS.find((i) => i.id === id)?.label ?? id });
export const indicatorDoc = (t: TFunction, id: string) => t(`targeting.indicators.${id}.doc`, { defaultValue: INDICATORS.find((i) => i.id === id)?.doc ?? '' });

/** What a field holds, in words. Field ids hold dots, which i18next reads as nesting: they are keyed with '_'. */
export function fieldDoc(t: TFunction, id: string, entity?: TargetEntity): string {
  const def = FIELDS.find((f) => f.id === id && (!entity || f.entity === entity)) ?? FIELDS.find((f) => f.id === id);
  if (!def) return '';
  return t(`targeting.fields.${def.entity}.${id.replace(/\./g, '_')}`, { defaultValue: def.doc });
}

/** A fact of an explanation: `indicator.x` reads as the indicator's label, a field as its name. */
export function factLabel(t: TFunction, field: string): { label: string; hint: string } {
  if (field.startsWith('indicator.')) {
    const id = field.slice('indicator.'.length);
    return { label: indicatorLabel(t, id), hint: indicatorDoc(t, id) };
  }
  return { label: field, hint: fieldDoc(t, field) };
}
