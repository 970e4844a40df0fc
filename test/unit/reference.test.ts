import { describe, expect, it } from 'vitest';
import { reference } from '../../electron/core/generator/reference.ts';
import { LOCALES } from '../../electron/core/generator/names.ts';

describe('reference data', () => {
  const ref = reference();
  const countries = new Set(ref.countries.map((c) => c.a2));

  it('names the ports, airports and crossings the region works with', () => {
    const seaports = ref.seaports.map((p) => p.name);
    for (const name of [
      'Bar',
      'Durrës',
      'Koper',
      'Rijeka',
      'Ploče',
      'Thessaloniki',
      'Piraeus',
      'Constanța',
      'Trieste',
      'Gioia Tauro',
      'Valencia',
      'Algeciras',
      'Antwerp',
      'Rotterdam',
      'Hamburg',
      'Tanger Med',
      'Port Said',
      'Mersin',
      'Istanbul Ambarlı',
      'Jebel Ali',
      'Shanghai',
      'Ningbo',
      'Singapore',
      'Santos',
      'Guayaquil',
      'Buenaventura',
      'Cartagena',
      'Callao',
      'Caucedo',
      'Kingston',
    ]) {
      expect(seaports, name).toContain(name);
    }
    expect(ref.airports.map((a) => a.iata)).toEqual(expect.arrayContaining(['SJJ', 'SKP', 'BEG']));
    expect(ref.landCrossings.map((c) => c.name)).toEqual(expect.arrayContaining(['Bijača', 'Gradiška', 'Vermicë / Vrbnica']));
  });

  it('has well-formed codes, known countries and coordinates on Earth', () => {
    for (const p of [...ref.seaports, ...ref.inlandTerminals]) {
      expect(p.code, p.name).toMatch(/^[A-Z]{2}[A-Z2-9]{3}$/);
      expect(p.code.slice(0, 2)).toBe(p.country);
    }
    for (const a of ref.airports) expect(a.iata).toMatch(/^[A-Z]{3}$/);
    for (const x of [...ref.seaports, ...ref.inlandTerminals, ...ref.airports, ...ref.landCrossings]) {
      expect(Math.abs(x.lat)).toBeLessThanOrEqual(90);
      expect(Math.abs(x.lon)).toBeLessThanOrEqual(180);
      for (const c of 'country' in x ? [x.country] : x.between) expect(countries.has(c), c).toBe(true);
    }
    for (const c of ref.countries) {
      expect(c.a2).toMatch(/^[A-Z]{2}$/);
      expect(c.a3).toMatch(/^[A-Z]{3}$/);
      expect(c.en && c.hbs).toBeTruthy();
    }
  });

  it('has HS chapters, container types, carriers and taxonomies', () => {
    expect(ref.hs.chapters).toHaveLength(96);
    for (const h of ref.hs.headings) expect(h.code.slice(0, 2)).toBe(h.chapter);
    expect(ref.containerTypes.map((t) => t.code)).toEqual(expect.arrayContaining(['22G1', '42G1', '45G1', '22R1', '45R1']));
    for (const c of ref.carriers.sea) for (const p of c.containerPrefixes) expect(p).toMatch(/^[A-Z]{3}[UJZ]$/);
    for (const a of ref.carriers.air) expect(a.prefix).toMatch(/^\d{3}$/);
    expect(ref.taxonomies.commodities.map((g) => g.group)).toEqual(['drugs', 'precursors', 'tobacco', 'counterfeit medicines', 'weapons', 'wildlife', 'cash']);
    for (const code of ref.riskLists.highRiskTransshipment.seaports)
      expect(
        ref.seaports.some((p) => p.code === code),
        code,
      ).toBe(true);
    for (const [country, locale] of Object.entries(LOCALES)) expect(locale.cities.length, country).toBeGreaterThan(0);
  });
});
