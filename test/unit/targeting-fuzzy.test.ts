// Fuzzy name matching for watchlists: Jaro-Winkler, match keys (script, case, punctuation, legal forms),
// the word-by-word name score, and NameIndex giving the same answers as comparing every entry.
import { describe, expect, it } from 'vitest';
import { compareNames, jaroWinkler, matchKey, NameIndex, type NameMatch } from '../../electron/core/targeting/fuzzy.ts';
import { Rng } from '../../electron/core/generator/rng.ts';

const compare = (a: string, b: string): NameMatch => compareNames(matchKey(a), matchKey(b));

/** Seeded draws in [0, 1): the same every run (the generator's own generator). */
function seeded(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.float();
}

describe('jaroWinkler', () => {
  it.each([
    ['MARTHA', 'MARHTA', 0.961],
    ['DWAYNE', 'DUANE', 0.84],
    ['DIXON', 'DICKSONX', 0.813],
  ])('%s / %s = %s', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 3);
  });

  it('is 1 for identical strings (the empty one included) and 0 against an empty string or with nothing in common', () => {
    expect(jaroWinkler('balkan', 'balkan')).toBe(1);
    expect(jaroWinkler('', '')).toBe(1);
    expect(jaroWinkler('', 'balkan')).toBe(0);
    expect(jaroWinkler('balkan', '')).toBe(0);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });

  it('stays within 0..1 and gives the prefix bonus only up to four letters', () => {
    const rnd = seeded(7);
    const word = () => Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => 'abcdeor'[Math.floor(rnd() * 7)]).join('');
    for (let i = 0; i < 500; i++) {
      const s = jaroWinkler(word(), word());
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
    // Five letters in common at the start, Jaro 8/9: the bonus counts four of them.
    expect(jaroWinkler('abcdef', 'abcdeg')).toBeCloseTo(8 / 9 + 0.4 * (1 / 9), 12);
  });
});

describe('matchKey', () => {
  it('folds case, punctuation, diacritics and Cyrillic, and takes legal forms out', () => {
    expect(matchKey('Балкан Импекс ДОО')).toEqual({ norm: 'balkan impeks doo', tokens: ['balkan', 'impeks'], sorted: 'balkan impeks', legalForms: ['doo'] });
    expect(matchKey('Ђурђевић Трговина д.о.о.')).toEqual({
      norm: 'djurdjevic trgovina d o o',
      tokens: ['djurdjevic', 'trgovina'],
      sorted: 'djurdjevic trgovina',
      legalForms: ['doo'],
    });
    expect(matchKey('  Impex,  BALKAN  ')).toMatchObject({ tokens: ['impex', 'balkan'], sorted: 'balkan impex', legalForms: [] });
  });

  it.each([
    ['Drina Promet DOOEL', ['dooel']],
    ['Vardar Trans D.O.O.E.L.', ['dooel']],
    ['Prishtina Food sh.p.k.', ['shpk']],
    ['Tirana Trade SHPK', ['shpk']],
    ['Adria GmbH & Co. KG', ['gmbh', 'co', 'kg']],
    ['Golden Star Co., Ltd.', ['co', 'ltd']],
    ['Anadolu Dış Ticaret Ltd. Şti.', ['ltd', 'sti']],
    ['Andes Export S.A.C.', ['sac']],
    ['Pacific Cargo E.I.R.L.', ['eirl']],
    ['Horizon Shipping L.L.C.', ['llc']],
    ['Wisła Logistyka Sp. z o.o.', ['spzoo']],
    ['OOO Sibir Trans', ['ooo']],
    ['Sava A.D.', ['ad']],
    ['Morava a.d. Beograd', ['ad']],
  ])('%s: legal forms %j', (name, forms) => {
    expect(matchKey(name).legalForms).toEqual(forms);
  });

  it('keeps ordinary words such as "trading", "general" and "import"', () => {
    expect(matchKey('Al Noor General Trading LLC').tokens).toEqual(['al', 'noor', 'general', 'trading']);
    expect(matchKey('Import Export Co').tokens).toEqual(['import', 'export']);
  });

  it('keeps the legal forms of a name that has nothing else, so it does not match every company', () => {
    expect(matchKey('AD')).toEqual({ norm: 'ad', tokens: ['ad'], sorted: 'ad', legalForms: [] });
    expect(matchKey('A.D.').tokens).toEqual(['ad']);
    expect(matchKey('GmbH & Co. KG').tokens).toEqual(['gmbh', 'co', 'kg']);
    expect(compare('AD', 'A.D.')).toMatchObject({ score: 1, method: 'normalised' });
    expect(compare('AD', 'Balkan AD').score).toBeLessThan(0.5);
    expect(compare('AD', 'Sava A.D.').score).toBeLessThan(0.5);
  });

  it('leaves nothing to compare in an empty or punctuation-only name', () => {
    expect(matchKey('').tokens).toEqual([]);
    expect(matchKey(' .-/ ').tokens).toEqual([]);
    expect(compare('', '')).toMatchObject({ score: 0 });
    expect(compare('--', 'Balkan')).toMatchObject({ score: 0 });
  });
});

describe('compareNames', () => {
  it('calls identical texts exact', () => {
    expect(compare('Balkan Impex d.o.o.', 'Balkan Impex d.o.o.')).toEqual({ score: 1, method: 'exact', detail: 'identical' });
  });

  it.each([
    ['Ђурђевић Трговина', 'Djurdjevic Trgovina'],
    ['Ђурђевић Трговина', 'Đurđević Trgovina'],
    ['Жарковић', 'Zarkovic'],
    ['Љубљана', 'Ljubljana'],
    ['Њемачка', 'NJEMACKA'],
    ['Џамбас', 'Dzambas'],
    ['Македонски', 'Makedonski'],
    ['Ѓорѓи Трајковски', 'Gjorgji Trajkovski'],
    ['Ќурчиски', 'Kjurciski'],
    ['Ѕвездан', 'Dzvezdan'],
  ])('%s is %s once transliterated', (cyrillic, latin) => {
    const m = compare(cyrillic, latin);
    expect(m).toMatchObject({ score: 1, method: 'normalised' });
    expect(m.detail).toContain('Cyrillic transliterated');
  });

  it('says which legal form and which folding made two names equal', () => {
    expect(compare('Балкан Импекс ДОО', 'BALKAN IMPEKS d.o.o.')).toEqual({
      score: 1,
      method: 'normalised',
      detail: 'same after normalising (legal form DOO removed; Cyrillic transliterated)',
    });
    expect(compare('Žarković Trade', 'ZARKOVIC TRADE').detail).toBe('same after normalising (diacritics removed)');
    expect(compare('Balkan-Impex', 'BALKAN IMPEX').detail).toBe('same after normalising (case, spacing or punctuation)');
  });

  it.each([
    'Balkan Impex DOO',
    'Balkan Impex d.o.o.',
    'BALKAN IMPEX LLC',
    'Balkan Impex, Ltd.',
    'Balkan Impex sh.p.k.',
    'Balkan Impex GmbH',
    'BALKAN IMPEX S.A.',
  ])('%s matches "Balkan Impex" once the legal form is removed', (name) => {
    const m = compare(name, 'Balkan Impex');
    expect(m).toMatchObject({ score: 1, method: 'normalised' });
    expect(m.detail).toMatch(/legal form \w+ removed/);
  });

  it('matches the same words in another order just below a normalised match', () => {
    expect(compare('Balkan Impex', 'Impex Balkan')).toEqual({ score: 0.98, method: 'token-order', detail: 'same words in another order' });
    expect(compare('Petrović Jovan', 'JOVAN PETROVIC')).toMatchObject({ score: 0.98, method: 'token-order' });
    expect(compare('Impex Balkan d.o.o.', 'Balkan Impex LLC')).toMatchObject({ score: 0.98, method: 'token-order' });
  });

  it.each([
    ['Balkan Impeks', 'Balkan Impex'],
    ['Balkan Imppex', 'Balkan Impex'],
    ['Blakan Impex', 'Balkan Impex'],
    ['Impeks Balkan', 'Balkan Impex'],
    ['Jovan Petrovich', 'Jovan Petrović'],
    ['Mohamed Al Hashimi', 'Mohammed Al Hashimi'],
    ['Eurotrans Logistic', 'Euro Trans Logistic'],
  ])('a typo or a missing space still matches: %s / %s', (a, b) => {
    const m = compare(a, b);
    expect(m.method).toBe('fuzzy');
    expect(m.score).toBeGreaterThanOrEqual(0.9);
    expect(m.score).toBeLessThan(0.98);
  });

  it('explains a fuzzy score by its weakest word pair and the words left over', () => {
    expect(compare('Balkan Impeks', 'Balkan Impex').detail).toBe('Jaro-Winkler 0.95 word by word (impeks ~ impex 0.89)');
    expect(compare('Balkan Impex Trading', 'Balkan Impex').detail).toBe('Jaro-Winkler 0.76 word by word (no match for trading)');
    expect(compare('Eurotrans', 'Euro Trans').detail).toBe('Jaro-Winkler 1.00 word by word ("euro trans" read as one word)');
  });

  it.each([
    ['Balkan Impex', 'Drina Trans'],
    ['Adria Shipping', 'Orion Metal'],
    ['Jovan Petrović', 'Marko Nikolić'],
    ['Balkan Impex', 'Balkan Trans'],
    ['Goran Savić', 'Goran Pavlović'],
    ['Sava Trans', 'Drava Trans'],
    ['Balkan', 'Balkan Impex Trading'],
    ['Eurotrans', 'Autotrans'],
  ])('keeps clearly different names below 0.8: %s / %s', (a, b) => {
    expect(compare(a, b).score).toBeLessThan(0.8);
    expect(compare(b, a).score).toBeLessThan(0.8);
  });
});

// Names of the kind a watchlist holds, and the ways records misspell them.
// prettier-ignore
const STEMS = ['Adria', 'Balkan', 'Drina', 'Neretva', 'Sava', 'Morava', 'Vardar', 'Ohrid', 'Jadran', 'Euro', 'Inter', 'Global', 'Atlas', 'Orion', 'Delta', 'Nova', 'Omega', 'Golden', 'Royal', 'Silver'];
// prettier-ignore
const TRADES = ['Trade', 'Trading', 'Impex', 'Promet', 'Commerce', 'Logistic', 'Trans', 'Agro', 'Food', 'Metal', 'Export', 'Import', 'Shipping', 'Cargo'];
// prettier-ignore
const PEOPLE = ['Jovan Petrović', 'Marko Nikolić', 'Ana Jovanović', 'Goran Savić', 'Dragan Marković', 'Milica Popović', 'Ahmed Hodžić', 'Emir Begić', 'Gjorgji Trajkovski', 'Arben Krasniqi', 'Mehmet Yılmaz', 'Wei Zhang'];
const LEGAL = ['d.o.o.', 'DOO', 'DOOEL', 'LLC', 'Ltd.', 'GmbH', 'sh.p.k.', 'S.A.', 'A.D.', ''];
const LATIN = 'abdegijklmnoprstv';
const CYR: Record<string, string> = Object.fromEntries([...LATIN].map((c, i) => [c, 'абдегијклмнопрств'[i]!]));

function generated(seed: number): { listed: string[]; records: string[] } {
  const rnd = seeded(seed);
  const pick = <X>(xs: X[]): X => xs[Math.floor(rnd() * xs.length)]!;
  const listed = new Set<string>();
  while (listed.size < 300) {
    const r = rnd();
    if (r < 0.2) listed.add(pick(PEOPLE));
    else if (r < 0.85) listed.add(`${pick(STEMS)} ${pick(TRADES)} ${pick(LEGAL)}`.trim());
    else if (r < 0.95) listed.add(`${pick(STEMS)}${pick(TRADES).toLowerCase()}`);
    else listed.add(`${pick(STEMS)} ${pick(STEMS)} ${pick(TRADES)}`);
  }
  const edit = (s: string): string => {
    const i = Math.floor(rnd() * s.length);
    const c = pick([...'abdeiknorstuvz']);
    const op = Math.floor(rnd() * 4);
    if (op === 0) return s.slice(0, i) + c + s.slice(i + 1);
    if (op === 1) return s.slice(0, i) + s.slice(i + 1);
    if (op === 2) return s.slice(0, i) + c + s.slice(i);
    return s.slice(0, i) + s.slice(i + 1, i + 2) + s.slice(i, i + 1) + s.slice(i + 2);
  };
  const variant = (s: string): string => {
    const r = rnd();
    if (r < 0.3) return edit(s);
    if (r < 0.4) return edit(edit(s));
    if (r < 0.5) return s.split(' ').reverse().join(' ');
    if (r < 0.6) return `${s.replace(/ (d\.o\.o\.|DOO|DOOEL|LLC|Ltd\.|GmbH|sh\.p\.k\.|S\.A\.|A\.D\.)$/, '')} ${pick(LEGAL)}`;
    if (r < 0.7) return [...s.toLowerCase()].map((ch) => CYR[ch] ?? ch).join('');
    if (r < 0.8) return s.replace(' ', '');
    if (r < 0.9) return `${s} ${pick(TRADES)}`;
    return s.split(' ').slice(0, -1).join(' ') || s;
  };
  const names = [...listed];
  const records: string[] = [];
  for (let i = 0; i < 400; i++) records.push(rnd() < 0.75 ? variant(pick(names)) : `${pick(STEMS)} ${pick(TRADES)}`);
  return { listed: names, records };
}

describe('NameIndex', () => {
  const { listed, records } = generated(20260301);
  const index = new NameIndex(listed.map((name, i) => ({ name, value: i })));
  const keys = listed.map(matchKey);

  /** What comparing against every entry finds, in the index's order (best first, then as listed). */
  function everyEntry(record: string, threshold: number): ({ value: number } & NameMatch)[] {
    const q = matchKey(record);
    return keys
      .map((k, value) => ({ value, ...compareNames(q, k) }))
      .filter((m) => m.score >= threshold)
      .sort((x, y) => y.score - x.score || x.value - y.value);
  }

  it.each([0.85, 0.9, 0.95])('finds exactly what comparing every entry finds, at threshold %s', (threshold) => {
    let found = 0;
    let near = 0;
    for (const record of records) {
      const expected = everyEntry(record, threshold);
      const got = index.match(record, threshold).map(({ value, match }) => ({ value, ...match }));
      expect(got, record).toEqual(expected);
      found += got.length;
      // Near misses: entries scoring just under the threshold, which the index must leave out.
      near += everyEntry(record, threshold - 0.05).filter((m) => m.score < threshold).length;
    }
    expect(found).toBeGreaterThan(100);
    expect(near).toBeGreaterThan(20);
  });

  it('gives the same answers at lower thresholds too', () => {
    for (const record of records.slice(0, 100)) {
      for (const threshold of [0.5, 0.7]) {
        expect(
          index.match(record, threshold).map(({ value, match }) => ({ value, ...match })),
          record,
        ).toEqual(everyEntry(record, threshold));
      }
    }
  });

  it('returns each entry with its name and match, best first', () => {
    const idx = new NameIndex([
      { name: 'Balkan Impex d.o.o.', value: 'a' },
      { name: 'Impex Balkan', value: 'b' },
      { name: 'Balkan Impeks', value: 'c' },
      { name: 'Drina Trans', value: 'd' },
    ]);
    expect(idx.match('Balkan Impex d.o.o.', 0.9)).toEqual([
      { value: 'a', name: 'Balkan Impex d.o.o.', match: { score: 1, method: 'exact', detail: 'identical' } },
      { value: 'b', name: 'Impex Balkan', match: { score: 0.98, method: 'token-order', detail: 'same words in another order' } },
      { value: 'c', name: 'Balkan Impeks', match: expect.objectContaining({ method: 'fuzzy' }) },
    ]);
    expect(idx.match('Балкан Импекс ДОО', 1)).toEqual([
      { value: 'c', name: 'Balkan Impeks', match: expect.objectContaining({ score: 1, method: 'normalised' }) },
    ]);
    expect(idx.match('Orion Metal', 0.85)).toEqual([]);
    expect(idx.match('', 0.85)).toEqual([]);
  });

  it('still finds a long entry that matches all but the rarest word of the record', () => {
    // "abcdef" is the rarer word, so the index starts from it; "Internationalgroup" does not contain it but is
    // long enough to reach 0.85 on the other word alone: (18 + 18) / (24 + 18).
    const idx = new NameIndex([
      { name: 'Internationalgroup', value: 1 },
      { name: 'Abcdef Trade', value: 2 },
      { name: 'Internationalgrup Ltd', value: 3 },
    ]);
    expect(idx.match('Abcdef Internationalgroup', 0.85)).toEqual([
      { value: 1, name: 'Internationalgroup', match: { score: 36 / 42, method: 'fuzzy', detail: 'Jaro-Winkler 0.86 word by word (no match for abcdef)' } },
    ]);
  });

  it('matches a legal-form-only entry only to that legal form', () => {
    const idx = new NameIndex([
      { name: 'AD', value: 1 },
      { name: 'Balkan AD', value: 2 },
    ]);
    expect(idx.match('A.D.', 0.85).map((r) => r.value)).toEqual([1]);
    expect(idx.match('Balkan a.d.', 0.85).map((r) => r.value)).toEqual([2]);
    expect(idx.match('Drina AD', 0.85)).toEqual([]);
  });
});
