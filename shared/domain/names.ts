// Script and spelling folding for names: Serbian/Macedonian Cyrillic to Latin, diacritics away, and the
// normalised form used to match parties and passengers whatever script or spelling a document used.

const CYR: Record<string, string> = {
  А: 'A',
  Б: 'B',
  В: 'V',
  Г: 'G',
  Д: 'D',
  Ђ: 'Đ',
  Е: 'E',
  Ж: 'Ž',
  З: 'Z',
  И: 'I',
  Ј: 'J',
  К: 'K',
  Л: 'L',
  Љ: 'Lj',
  М: 'M',
  Н: 'N',
  Њ: 'Nj',
  О: 'O',
  П: 'P',
  Р: 'R',
  С: 'S',
  Т: 'T',
  Ћ: 'Ć',
  У: 'U',
  Ф: 'F',
  Х: 'H',
  Ц: 'C',
  Ч: 'Č',
  Џ: 'Dž',
  Ш: 'Š',
  Ѓ: 'Gj',
  Ќ: 'Kj',
  Ѕ: 'Dz',
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  ђ: 'đ',
  е: 'e',
  ж: 'ž',
  з: 'z',
  и: 'i',
  ј: 'j',
  к: 'k',
  л: 'l',
  љ: 'lj',
  м: 'm',
  н: 'n',
  њ: 'nj',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  ћ: 'ć',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'c',
  ч: 'č',
  џ: 'dž',
  ш: 'š',
  ѓ: 'gj',
  ќ: 'kj',
  ѕ: 'dz',
};

export function cyrillicToLatin(text: string): string {
  if (!/[\u0400-\u04ff]/.test(text)) return text;
  let out = '';
  for (const ch of text) out += CYR[ch] ?? ch;
  return out;
}

const SPECIAL: Record<string, string> = { Đ: 'DJ', đ: 'dj', ß: 'ss', ı: 'i', İ: 'I', Ø: 'O', ø: 'o', Æ: 'AE', æ: 'ae', Ł: 'L', ł: 'l' };

/** Latin letters without diacritics (Đ → DJ, as in ICAO transliteration). */
export function asciiFold(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  return cyrillicToLatin(text)
    .replace(/[ĐđßıİØøÆæŁł]/g, (c) => SPECIAL[c]!)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Lower-case ASCII words separated by single spaces: "Балкан Импекс ДОО" → "balkan impeks doo". */
export function normalizeName(text: string): string {
  return asciiFold(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export type ContactKind = 'address' | 'phone' | 'email' | 'payment';

/**
 * The key two contacts are the same by (null: too short to link anything): an address as its normalised
 * words, a phone as its last nine digits (with or without the country code or a leading 00), an e-mail
 * lower-cased, a payment by the card or account number in it (six digits or more; cash has none).
 */
export function contactKey(kind: string, text: string): string | null {
  switch (kind) {
    case 'address': {
      const key = normalizeName(text);
      return key.replace(/ /g, '').length >= 8 ? key : null;
    }
    case 'phone': {
      const digits = text.replace(/\D/g, '');
      return digits.length >= 6 ? digits.slice(-9) : null;
    }
    case 'email': {
      const key = text.trim().toLowerCase();
      return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(key) ? key : null;
    }
    case 'payment': {
      const digits = text.replace(/\D/g, '');
      return digits.length >= 6 ? digits : null;
    }
    default:
      return null;
  }
}
