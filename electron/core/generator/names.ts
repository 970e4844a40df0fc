// Invented people and companies of the region and its trading partners: names in Latin and Cyrillic
// script with local legal forms, addresses, phones and e-mails, and the ways one company gets written
// differently across documents (the truth is kept so entity resolution can be scored).
import { asciiFold } from '../../../shared/domain/names.ts';
import { reference } from './reference.ts';
import type { Rng } from './rng.ts';

type Locale = {
  cities: [string, string][];
  streets: string[];
  phone: string;
  legal: string[];
  tld: string;
  first: string[];
  last: string[];
  cyrillic?: number;
};

/** Per country: cities with postcodes, streets, phone prefix, legal forms, mail domain, names (resources/reference/locales.json). */
export const LOCALES: Record<string, Locale> = reference().locales as Record<string, Locale>;

// prettier-ignore
const STEMS = [
  'Adria', 'Balkan', 'Drina', 'Neretva', 'Sava', 'Una', 'Tara', 'Morava', 'Vardar', 'Ohrid', 'Lovćen', 'Jadran', 'Euro', 'Inter', 'Global', 'Atlas',
  'Orion', 'Delta', 'Nova', 'Alfa', 'Omega', 'Sirius', 'Mega', 'Prima', 'Galaxy', 'Sunrise', 'Pacific', 'Andes', 'Golden', 'Royal', 'Star', 'Blue',
  'Green', 'Silver', 'Eagle', 'Falcon', 'Lion', 'Phoenix', 'Horizon', 'Vista',
];
// prettier-ignore
const TRADES = [
  'Trade', 'Impex', 'Promet', 'Commerce', 'Logistic', 'Trans', 'Agro', 'Fruit', 'Food', 'Pharm', 'Tech', 'Metal', 'Export', 'Import', 'Distribution',
  'Shipping', 'Cargo', 'Chem', 'Textil', 'Auto',
];

// Digraphs first: English spellings in company names as Serbian and Macedonian writers render them,
// then the Serbian Latin digraphs, then single letters.
// prettier-ignore
// prettier-ignore
const LAT_TO_CYR: [string, string][] = [
  
  ['Sh', 'Ш'], ['sh', 'ш'], ['Ch', 'Ч'], ['ch', 'ч'], ['Ph', 'Ф'], ['ph', 'ф'], ['Th', 'Т'], ['th', 'т'], ['oo', 'у'], ['ee', 'и'], ['ck', 'к'], ['pp', 'п'],
  ['ss', 'с'], ['ll', 'л'], ['Lj', 'Љ'], ['LJ', 'Љ'], ['lj', 'љ'], ['Nj', 'Њ'], ['NJ', 'Њ'], ['nj', 'њ'], ['Dž', 'Џ'], ['DŽ', 'Џ'], ['dž', 'џ'], ['A', 'А'],
  ['B', 'Б'], ['V', 'В'], ['G', 'Г'], ['D', 'Д'], ['Đ', 'Ђ'], ['E', 'Е'], ['Ž', 'Ж'], ['Z', 'З'], ['I', 'И'], ['J', 'Ј'], ['K', 'К'], ['L', 'Л'],
  ['M', 'М'], ['N', 'Н'], ['O', 'О'], ['P', 'П'], ['R', 'Р'], ['S', 'С'], ['T', 'Т'], ['Ć', 'Ћ'], ['U', 'У'], ['F', 'Ф'], ['H', 'Х'], ['C', 'Ц'],
  ['Č', 'Ч'], ['Š', 'Ш'], ['a', 'а'], ['b', 'б'], ['v', 'в'], ['g', 'г'], ['d', 'д'], ['đ', 'ђ'], ['e', 'е'], ['ž', 'ж'], ['z', 'з'], ['i', 'и'],
  ['j', 'ј'], ['k', 'к'], ['l', 'л'], ['m', 'м'], ['n', 'н'], ['o', 'о'], ['p', 'п'], ['r', 'р'], ['s', 'с'], ['t', 'т'], ['ć', 'ћ'], ['u', 'у'],
  ['f', 'ф'], ['h', 'х'], ['c', 'ц'], ['č', 'ч'], ['š', 'ш'], ['X', 'КС'], ['x', 'кс'], ['W', 'В'], ['w', 'в'], ['Q', 'К'], ['q', 'к'], ['Y', 'И'],
  ['y', 'и'],
];

/** Serbian/Macedonian-style Latin → Cyrillic (digraphs first). */
export function toCyrillic(text: string): string {
  let out = '';
  for (let i = 0; i < text.length;) {
    const pair = LAT_TO_CYR.find(([lat]) => text.startsWith(lat, i));
    if (pair) {
      out += pair[1];
      i += pair[0].length;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}

export { asciiFold, cyrillicToLatin as toLatin } from '../../../shared/domain/names.ts';

export type CompanyName = { stem: string; trade: string; legal: string; cyrillic: boolean };

export function companyName(rng: Rng, country: string): CompanyName {
  const locale = LOCALES[country] ?? LOCALES['DE']!;
  return { stem: rng.pick(STEMS), trade: rng.pick(TRADES), legal: rng.pick(locale.legal), cyrillic: rng.chance(locale.cyrillic ?? 0) };
}

export function renderCompany(n: CompanyName): string {
  const latin = `${n.stem} ${n.trade} ${n.legal}`;
  if (!n.cyrillic) return latin;
  const legal = n.legal === 'DOOEL' ? 'ДООЕЛ' : n.legal === 'DOO' || n.legal === 'd.o.o.' ? 'ДОО' : n.legal;
  return `${toCyrillic(n.stem)} ${toCyrillic(n.trade)} ${legal}`;
}

export function personName(rng: Rng, country: string): { given: string; surname: string } {
  const locale = LOCALES[country] ?? LOCALES['DE']!;
  return { given: rng.pick(locale.first), surname: rng.pick(locale.last) };
}

export function address(rng: Rng, country: string): { street: string; city: string; postcode: string } {
  const locale = LOCALES[country] ?? LOCALES['DE']!;
  const [city, postcode] = rng.pick(locale.cities);
  const street = rng.pick(locale.streets);
  return { street: street.endsWith('bb') ? street : `${street} ${rng.int(1, 180)}`, city, postcode };
}

export function phone(rng: Rng, country: string): string {
  const locale = LOCALES[country] ?? LOCALES['DE']!;
  return `${locale.phone} ${rng.int(10, 99)} ${rng.digits(3)} ${rng.digits(3)}`;
}

export function email(rng: Rng, name: string, country: string): string {
  const locale = LOCALES[country] ?? LOCALES['DE']!;
  const slug =
    asciiFold(name)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '')
      .slice(0, 14) || 'office';
  return rng.chance(0.2) ? `${slug}${rng.int(1, 99)}@gmail.com` : `${rng.pick(['info', 'office', 'import', 'logistics', 'sales'])}@${slug}.${locale.tld}`;
}

export type VariantKind = 'transliteration' | 'typo' | 'legal-form' | 'word-order' | 'phone';

/** Another way of writing the same company's name on a document. */
export function nameVariant(rng: Rng, n: CompanyName, kind: VariantKind, country: string): string {
  switch (kind) {
    case 'transliteration':
      if (n.cyrillic) return `${n.stem} ${n.trade} ${n.legal}`;
      // Cyrillic only where the country writes it; elsewhere the other spelling is the ASCII one.
      return (LOCALES[country]?.cyrillic ?? 0) > 0 && rng.chance(0.6) ? renderCompany({ ...n, cyrillic: true }) : asciiFold(renderCompany(n)).toUpperCase();
    case 'typo': {
      const s = renderCompany(n);
      const i = rng.int(1, Math.max(1, Math.min(s.length - 3, n.stem.length + n.trade.length)));
      const op = rng.int(0, 2);
      if (op === 0) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
      if (op === 1) return s.slice(0, i) + s.slice(i + 1);
      return s.slice(0, i) + s[i] + s.slice(i);
    }
    case 'legal-form': {
      const forms = ['d.o.o.', 'DOO', 'D.O.O.', 'doo', ''].filter((f) => f !== n.legal);
      const legal = /d\.?o\.?o|DOO/i.test(n.legal) ? rng.pick(forms) : rng.pick([n.legal.toUpperCase(), n.legal.replace(/\./g, ''), '']);
      return renderCompany({ ...n, legal }).trim();
    }
    case 'word-order':
      return renderCompany({ ...n, stem: n.trade, trade: n.stem });
    case 'phone':
      return renderCompany(n);
  }
}
