import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors.ts';
import { en } from '../../renderer/src/i18n/locales/en.ts';
import { hbs } from '../../renderer/src/i18n/locales/hbs.ts';

function flatten(obj: object, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string') out[prefix + k] = v;
    else Object.assign(out, flatten(v as object, `${prefix}${k}.`));
  }
  return out;
}
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const E = flatten(en);
  const H = flatten(hbs);
  it('have the same keys in every language', () => {
    expect(Object.keys(H).sort()).toEqual(Object.keys(E).sort());
  });
  it('keep the same placeholders', () => {
    for (const key of Object.keys(E)) expect(placeholders(H[key]!), key).toEqual(placeholders(E[key]!));
  });
  it('are translated, not copied', () => {
    // Names of formats, units and examples read the same in every language.
    const alike = new Set(['create.namePlaceholder', 'settings.minutes', 'imports.format', 'imports.formats', 'fields.imo', 'grids.addFilter']);
    const same = Object.keys(E).filter((k) => E[k] === H[k] && !alike.has(k));
    expect(same).toEqual([]);
  });
  it('explain every error code a user can meet', () => {
    for (const code of ERROR_CODES) expect(E[`errors.${code}`], code).toBeTruthy();
  });
});
