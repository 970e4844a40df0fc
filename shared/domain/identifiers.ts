// Check-digit validators for the identifiers that recur in cargo and travel data. An invalid identifier
// is kept and flagged by the callers (it is itself a risk indicator); these functions only say why.

export type Validation = { valid: true; normalized: string } | { valid: false; reason: string };

const fail = (reason: string): Validation => ({ valid: false, reason });

/** ISO 6346 letter values: A=10 upwards, skipping the multiples of 11 (11, 22, 33). */
const ISO6346_LETTERS: Record<string, number> = (() => {
  const table: Record<string, number> = {};
  let value = 10;
  for (let c = 65; c <= 90; c++) {
    if (value % 11 === 0) value++;
    table[String.fromCharCode(c)] = value++;
  }
  return table;
})();

export function iso6346CheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const ch = first10[i]!;
    const v = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ISO6346_LETTERS[ch]!;
    sum += v * (1 << i);
  }
  return (sum % 11) % 10;
}

/** ISO 6346 container number: owner code (3 letters), category (U, J or Z), 6 digits, check digit. */
export function validateContainerNumber(input: string): Validation {
  const value = input.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z]{3}[UJZ][0-9]{7}$/.test(value)) {
    return fail('expected 3 owner letters, category U, J or Z, 6 serial digits and a check digit');
  }
  const expected = iso6346CheckDigit(value.slice(0, 10));
  const actual = Number(value[10]);
  return actual === expected ? { valid: true, normalized: value } : fail(`check digit is ${actual}, expected ${expected}`);
}

/** IMO ship number: 7 digits, the last being sum(d_i × (7..2)) mod 10. "IMO" prefix allowed. */
export function validateImoNumber(input: string): Validation {
  const value = input.replace(/\s/g, '').toUpperCase().replace(/^IMO/, '');
  if (!/^[0-9]{7}$/.test(value)) return fail('expected 7 digits');
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(value[i]) * (7 - i);
  const expected = sum % 10;
  const actual = Number(value[6]);
  return actual === expected ? { valid: true, normalized: value } : fail(`check digit is ${actual}, expected ${expected}`);
}

/** Air waybill: 3-digit airline prefix, 7-digit serial, check digit = serial mod 7. */
export function validateAwbNumber(input: string): Validation {
  const value = input.replace(/[\s-]/g, '');
  if (!/^[0-9]{11}$/.test(value)) return fail('expected 11 digits: airline prefix (3), serial (7), check digit');
  const expected = Number(value.slice(3, 10)) % 7;
  const actual = Number(value[10]);
  return actual === expected ? { valid: true, normalized: `${value.slice(0, 3)}-${value.slice(3)}` } : fail(`check digit is ${actual}, expected ${expected}`);
}

/** ICAO 9303 check digit: weights 7, 3, 1; digits as is, A-Z as 10-35, filler '<' as 0. */
export function mrzCheckDigit(field: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const ch = field[i]!;
    let v: number;
    if (ch >= '0' && ch <= '9') v = Number(ch);
    else if (ch >= 'A' && ch <= 'Z') v = ch.charCodeAt(0) - 55;
    else v = 0;
    sum += v * weights[i % 3]!;
  }
  return sum % 10;
}

type MrzField = { name: string; value: string; check: string };

function checkFields(fields: MrzField[]): string[] {
  const problems: string[] = [];
  for (const f of fields) {
    // An optional field left entirely blank may carry '<' as its check digit.
    if (f.check === '<' && /^<*$/.test(f.value)) continue;
    const expected = mrzCheckDigit(f.value);
    if (f.check !== String(expected)) problems.push(`${f.name} check digit is ${f.check}, expected ${expected}`);
  }
  return problems;
}

/**
 * Machine-readable zone of a travel document: TD1 (3×30), TD2 (2×36) or TD3 (2×44). Lines may be given
 * separated by newlines or run together.
 */
export function validateMrz(input: string): Validation {
  const text = input.toUpperCase().replace(/[ \t\r]/g, '');
  const lines = text.includes('\n') ? text.split('\n').filter(Boolean) : splitRunTogether(text);
  if (!lines || lines.some((l) => !/^[A-Z0-9<]+$/.test(l))) {
    return fail('expected 2 lines of 44 (TD3) or 36 (TD2), or 3 lines of 30 (TD1), of A-Z, 0-9 and <');
  }
  let fields: MrzField[];
  const [l1, l2, l3] = lines as [string, string, string | undefined];
  if (lines.length === 3 && l1.length === 30 && l2.length === 30 && l3?.length === 30) {
    fields = [
      { name: 'document number', value: l1.slice(5, 14), check: l1[14]! },
      { name: 'birth date', value: l2.slice(0, 6), check: l2[6]! },
      { name: 'expiry date', value: l2.slice(8, 14), check: l2[14]! },
      { name: 'composite', value: l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29), check: l2[29]! },
    ];
  } else if (lines.length === 2 && l1.length === l2.length && (l1.length === 44 || l1.length === 36)) {
    const td3 = l1.length === 44;
    fields = [
      { name: 'document number', value: l2.slice(0, 9), check: l2[9]! },
      { name: 'birth date', value: l2.slice(13, 19), check: l2[19]! },
      { name: 'expiry date', value: l2.slice(21, 27), check: l2[27]! },
    ];
    if (td3) {
      fields.push(
        { name: 'personal number', value: l2.slice(28, 42), check: l2[42]! },
        { name: 'composite', value: l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, 43), check: l2[43]! },
      );
    } else {
      fields.push({ name: 'composite', value: l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, 35), check: l2[35]! });
    }
  } else {
    return fail('expected 2 lines of 44 (TD3) or 36 (TD2), or 3 lines of 30 (TD1)');
  }
  const problems = checkFields(fields);
  return problems.length === 0 ? { valid: true, normalized: lines.join('\n') } : fail(problems.join('; '));
}

function splitRunTogether(text: string): string[] | null {
  if (text.length === 88) return [text.slice(0, 44), text.slice(44)];
  if (text.length === 72) return [text.slice(0, 36), text.slice(36)];
  if (text.length === 90) return [text.slice(0, 30), text.slice(30, 60), text.slice(60)];
  return null;
}

export const IDENTIFIER_KINDS = ['container', 'imo', 'awb', 'mrz'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export function validateIdentifier(kind: IdentifierKind, value: string): Validation {
  switch (kind) {
    case 'container':
      return validateContainerNumber(value);
    case 'imo':
      return validateImoNumber(value);
    case 'awb':
      return validateAwbNumber(value);
    case 'mrz':
      return validateMrz(value);
  }
}
