import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  iso6346CheckDigit,
  mrzCheckDigit,
  validateAwbNumber,
  validateContainerNumber,
  validateImoNumber,
  validateMrz,
} from '../../shared/domain/identifiers.ts';

describe('ISO 6346 container numbers', () => {
  it.each(['CSQU3054383', 'TGHU1643396', 'SUDU1910806', 'csqu 305438-3'])('accepts %s', (n) => {
    expect(validateContainerNumber(n).valid).toBe(true);
  });
  it('refuses a wrong check digit and says which one was expected', () => {
    const r = validateContainerNumber('MSKU1234567');
    expect(r).toEqual({ valid: false, reason: expect.stringMatching(/check digit is 7, expected \d/) });
  });
  it.each(['CSQX3054383', 'CSQU305438', 'C5QU3054383', ''])('refuses malformed %s', (n) => {
    expect(validateContainerNumber(n).valid).toBe(false);
  });
  it('property: any owner and serial with its computed digit is valid; any other digit is not', () => {
    const letters = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    fc.assert(
      fc.property(
        fc.tuple(letters, letters, letters),
        fc.constantFrom('U', 'J', 'Z'),
        fc.integer({ min: 0, max: 999999 }),
        fc.integer({ min: 0, max: 9 }),
        (owner, cat, serial, other) => {
          const body = owner.join('') + cat + String(serial).padStart(6, '0');
          const digit = iso6346CheckDigit(body);
          expect(validateContainerNumber(body + digit).valid).toBe(true);
          if (other !== digit) expect(validateContainerNumber(body + other).valid).toBe(false);
        },
      ),
    );
  });
});

describe('IMO ship numbers', () => {
  it.each(['9074729', '9227273', 'IMO 9074729'])('accepts %s', (n) => expect(validateImoNumber(n).valid).toBe(true));
  it.each(['9074728', '907472', 'IMO90747299'])('refuses %s', (n) => expect(validateImoNumber(n).valid).toBe(false));
  it('property: changing one digit of a valid number makes it invalid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100000, max: 999999 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 9 }), (six, pos, delta) => {
        const digits = String(six);
        let sum = 0;
        for (let i = 0; i < 6; i++) sum += Number(digits[i]) * (7 - i);
        const valid = digits + (sum % 10);
        expect(validateImoNumber(valid).valid).toBe(true);
        // A change to digit i shifts the sum by delta*(7-i); with weights 2..7 and delta 1..9 that stays
        // a multiple of 10 only when delta*(7-i) is, i.e. weight 2 with delta 5.
        const changed = valid.slice(0, pos) + ((Number(valid[pos]) + delta) % 10) + valid.slice(pos + 1);
        if ((delta * (7 - pos)) % 10 !== 0) expect(validateImoNumber(changed).valid).toBe(false);
      }),
    );
  });
});

describe('air waybills', () => {
  it.each(['176-12345675', '17612345675'])('accepts %s', (n) => {
    expect(validateAwbNumber(n)).toEqual({ valid: true, normalized: '176-12345675' });
  });
  it.each(['176-12345674', '176-1234567', 'ABC-12345675'])('refuses %s', (n) => expect(validateAwbNumber(n).valid).toBe(false));
  it('property: serial mod 7 is the only valid check digit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 9999999 }), fc.integer({ min: 0, max: 9 }), (prefix, serial, d) => {
        const n = String(prefix).padStart(3, '0') + String(serial).padStart(7, '0') + d;
        expect(validateAwbNumber(n).valid).toBe(d === serial % 7);
      }),
    );
  });
});

describe('ICAO 9303 machine-readable zones', () => {
  const td3 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10';
  const td1 = 'I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<';
  const td2 = 'I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6';

  it('computes the ICAO example check digits', () => {
    expect(mrzCheckDigit('L898902C3')).toBe(6);
    expect(mrzCheckDigit('740812')).toBe(2);
    expect(mrzCheckDigit('120415')).toBe(9);
  });
  it.each([
    ['TD3', td3],
    ['TD1', td1],
    ['TD2', td2],
    ['TD3 run together', td3.replace('\n', '')],
  ])('accepts the %s specimen', (_n, mrz) => {
    expect(validateMrz(mrz).valid).toBe(true);
  });
  it('names the field whose check digit is wrong', () => {
    const bad = td3.replace('7408122F', '7408121F');
    expect(validateMrz(bad)).toEqual({ valid: false, reason: expect.stringContaining('birth date check digit') });
  });
  it('refuses lines of the wrong length', () => {
    expect(validateMrz('P<UTO\nL898').valid).toBe(false);
  });
  it('property: altering a document-number character is caught', () => {
    const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.constantFrom(...chars), (pos, ch) => {
        const line2 = td3.split('\n')[1]!;
        if (line2[pos] === ch) return;
        const changed = line2.slice(0, pos) + ch + line2.slice(pos + 1);
        // A substitution that keeps the weighted sum mod 10 is undetectable by design; any other is caught.
        const undetectable = mrzCheckDigit(changed.slice(0, 9)) === 6;
        const mrz = td3.split('\n')[0] + '\n' + changed;
        if (!undetectable) expect(validateMrz(mrz)).toMatchObject({ valid: false, reason: expect.stringContaining('document number') });
      }),
    );
  });
});
