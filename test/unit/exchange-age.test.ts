// Tests for the age v1 implementation (electron/core/exchange/age.ts): key encodings, round trips, streaming,
// every refusal code, bit flips, truncation, canonical base64, and interop with the real `age` CLI both ways.
// Hand-crafted files are built by `forge` below, a separate small implementation of the format written from the
// spec, so a header can carry exactly the oddity under test with a correct MAC.
import { execFileSync } from 'node:child_process';
import { createHmac, createPrivateKey, createPublicKey, diffieHellman, hkdfSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { bech32 } from '@scure/base';
import { describe, expect, it } from 'vitest';
import {
  AgeError,
  type AgeErrorCode,
  type AgeHeaderInfo,
  createDecryptStream,
  createEncryptStream,
  decrypt,
  type DecryptOptions,
  encrypt,
  generateIdentity,
  isRecipient,
  parseIdentityFile,
  recipientOf,
  beginPayload,
  sealChunks,
} from '../../electron/core/exchange/age.ts';

const KiB64 = 64 * 1024;
const SEALED = KiB64 + 16;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
// From the spec (c2sp.org/age, "The X25519 recipient type").
const SPEC_IDENTITY = 'AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX';
const SPEC_RECIPIENT = 'age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj';

const alice = generateIdentity();
const bob = generateIdentity();
const carol = generateIdentity();

// ---------------------------------------------------------------------------------------------------------
// Helpers

function refusal(run: () => unknown): AgeErrorCode | 'OK' {
  try {
    run();
    return 'OK';
  } catch (error) {
    if (error instanceof AgeError) return error.code;
    throw error;
  }
}

const open = (file: Uint8Array, identities = [alice.identity], options?: DecryptOptions) => refusal(() => decrypt(file, identities, options));

/** Length of header + payload nonce in a file. */
function prefixLength(file: Buffer): number {
  const mac = file.indexOf('\n--- ');
  return file.indexOf(0x0a, mac + 1) + 1 + 16;
}

function headerText(file: Buffer): string {
  return file.toString('latin1', 0, prefixLength(file) - 16);
}

function withHeader(file: Buffer, header: string): Buffer {
  return Buffer.concat([Buffer.from(header, 'latin1'), file.subarray(prefixLength(file) - 16)]);
}

/** A different base64 character that decodes to the same bytes when trailing bits are ignored. */
function nonCanonicalTail(b64: string): string {
  const last = ALPHABET.indexOf(b64.slice(-1));
  return b64.slice(0, -1) + ALPHABET[last + 1];
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/=+$/, '');
const hkdf = (ikm: Uint8Array, salt: Uint8Array, info: string) => Buffer.from(hkdfSync('sha256', ikm, salt, info, 32));
const PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI = Buffer.from('302a300506032b656e032100', 'hex');

/** An X25519 stanza wrapping fileKey for recipient; `edit` may alter the share and body before encoding. */
function x25519Stanza(fileKey: Buffer, recipient: string, edit: (share: string, body: string) => string = (s, b) => `-> X25519 ${s}\n${b}\n`): string {
  const point = Buffer.from(bech32.fromWords(bech32.decode(recipient, false).words));
  const ephemeral = createPrivateKey({ key: Buffer.concat([PKCS8, randomBytes(32)]), format: 'der', type: 'pkcs8' });
  const share = createPublicKey(ephemeral).export({ format: 'der', type: 'spki' }).subarray(12);
  const shared = diffieHellman({ privateKey: ephemeral, publicKey: createPublicKey({ key: Buffer.concat([SPKI, point]), format: 'der', type: 'spki' }) });
  const body = chacha20poly1305(hkdf(shared, Buffer.concat([share, point]), 'age-encryption.org/v1/X25519'), new Uint8Array(12)).encrypt(fileKey);
  return edit(b64(share), b64(body));
}

type ForgeChunk = { plain: Uint8Array; last: boolean };

/** A file with exactly the given stanza text, a correct MAC (unless macKey says otherwise) and the given chunks. */
function forge(fileKey: Buffer, stanzas: string[], chunks: ForgeChunk[] = [{ plain: Buffer.from('forged'), last: true }], macKey = fileKey): Buffer {
  const header = `age-encryption.org/v1\n${stanzas.join('')}---`;
  const mac = createHmac('sha256', hkdf(macKey, Buffer.alloc(0), 'header'))
    .update(header, 'latin1')
    .digest();
  const nonce = randomBytes(16);
  const key = hkdf(fileKey, nonce, 'payload');
  const sealed = chunks.map(({ plain, last }, i) => {
    const n = new Uint8Array(12);
    new DataView(n.buffer).setUint32(7, i); // low bytes of the 11-byte big-endian counter
    n[11] = last ? 1 : 0;
    return chacha20poly1305(key, n).encrypt(plain);
  });
  return Buffer.concat([Buffer.from(`${header} ${b64(mac)}\n`, 'latin1'), nonce, ...sealed]);
}

const forAlice = (fileKey: Buffer) => x25519Stanza(fileKey, alice.recipient);

function* slices(data: Buffer, sizes: number[]): Generator<Buffer> {
  let i = 0;
  for (let at = 0; at < data.length; i++) {
    const n = sizes[i % sizes.length] ?? 1;
    yield data.subarray(at, at + n);
    at += n;
  }
}

async function collect(source: Readable, transform: NodeJS.ReadWriteStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  await pipeline(
    source,
    transform,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        parts.push(chunk);
        callback();
      },
    }),
  );
  return Buffer.concat(parts);
}

/** Runs a decrypt stream over `file` in `pieces`: the plaintext released before any error, and the error code. */
async function streamOpen(file: Buffer, pieces = [4093], identities = [alice.identity], options?: DecryptOptions) {
  const stream = createDecryptStream(identities, options);
  const released: Buffer[] = [];
  let headerAt = -1;
  stream.on('header', () => (headerAt = released.length));
  let code: AgeErrorCode | 'OK' = 'OK';
  try {
    await pipeline(
      Readable.from(slices(file, pieces)),
      stream,
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          released.push(chunk);
          callback();
        },
      }),
    );
  } catch (error) {
    if (!(error instanceof AgeError)) throw error;
    code = error.code;
  }
  return { code, plaintext: Buffer.concat(released), headerAt };
}

// ---------------------------------------------------------------------------------------------------------

describe('age keys', () => {
  it('derives the spec example recipient from the spec example identity', () => {
    expect(recipientOf(SPEC_IDENTITY)).toBe(SPEC_RECIPIENT);
    expect(isRecipient(SPEC_RECIPIENT)).toBe(true);
  });

  it('generates fresh uppercase identities and lowercase recipients', () => {
    expect(alice.identity).toMatch(/^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/);
    expect(alice.recipient).toMatch(/^age1[02-9ac-hj-np-z]{58}$/);
    expect(recipientOf(alice.identity)).toBe(alice.recipient);
    expect(bob.identity).not.toBe(alice.identity);
  });

  it('recognises only well-formed X25519 recipients', () => {
    const words32 = bech32.toWords(randomBytes(32));
    const bad = [
      '',
      'age1',
      alice.recipient.toUpperCase(),
      alice.identity,
      ` ${alice.recipient}`,
      alice.recipient.slice(0, -1) + (alice.recipient.endsWith('q') ? 'p' : 'q'), // checksum
      bech32.encode('age', bech32.toWords(randomBytes(31)), false), // wrong length
      bech32.encode('agf', words32, false),
      bech32.encode('age1pq', words32, false), // another recipient type
    ];
    for (const text of bad) expect(isRecipient(text), text).toBe(false);
    expect(isRecipient(bech32.encode('age', words32, false))).toBe(true);
  });

  it('refuses malformed identities without echoing them', () => {
    for (const bad of ['', alice.recipient, alice.identity.toLowerCase(), alice.identity.slice(0, -1) + 'Q']) {
      expect(() => recipientOf(bad)).toThrow(TypeError);
    }
    try {
      createDecryptStream([alice.identity.slice(0, -2)]);
    } catch (error) {
      expect((error as Error).message).not.toContain(alice.identity.slice(20, 40));
    }
    expect(() => createDecryptStream([alice.identity.slice(0, -2)])).toThrow(TypeError);
    expect(() => createEncryptStream([])).toThrow(TypeError);
    expect(() => encrypt(Buffer.from('x'), ['age1nope'])).toThrow(TypeError);
  });

  it('reads identity files with comments', () => {
    const text = `# created: now\n# public key: ${alice.recipient}\n${alice.identity}\n\n${bob.identity}\r\n`;
    expect(parseIdentityFile(text)).toEqual([alice.identity, bob.identity]);
    expect(() => parseIdentityFile('not a key\n')).toThrow(TypeError);
  });
});

describe('age round trips', () => {
  it.each([0, 1, KiB64 - 1, KiB64, KiB64 + 1, 2 * KiB64, 3 * 1024 * 1024 + 5])('%i bytes', (size) => {
    const plaintext = randomBytes(size);
    const file = encrypt(plaintext, [alice.recipient]);
    const chunks = Math.max(1, Math.ceil(size / KiB64));
    expect(file.length).toBe(prefixLength(file) + size + 16 * chunks); // a full last chunk is final, never followed by an empty one
    expect(file.subarray(0, 22).toString()).toBe('age-encryption.org/v1\n');
    const { plaintext: back, header } = decrypt(file, [alice.identity]);
    expect(back.equals(plaintext)).toBe(true);
    expect(header).toEqual({ stanzas: 1, types: ['X25519'] });
  });

  it('writes the header the spec describes', () => {
    const header = headerText(encrypt(Buffer.from('x'), [alice.recipient, bob.recipient]));
    expect(header).toMatch(/^age-encryption\.org\/v1\n(-> X25519 [A-Za-z0-9+/]{43}\n[A-Za-z0-9+/]{43}\n){2}--- [A-Za-z0-9+/]{43}\n$/);
  });

  it('encrypts to several recipients, each of whom can open the file', () => {
    const plaintext = randomBytes(100_000);
    const file = encrypt(plaintext, [alice.recipient, bob.recipient, carol.recipient]);
    for (const who of [alice, bob, carol]) {
      const { plaintext: back, header } = decrypt(file, [who.identity]);
      expect(back.equals(plaintext)).toBe(true);
      expect(header.stanzas).toBe(3);
    }
    expect(decrypt(file, [generateIdentity().identity, carol.identity]).plaintext.equals(plaintext)).toBe(true);
  });

  it('refuses a file for someone else', () => {
    const file = encrypt(Buffer.from('secret'), [alice.recipient, bob.recipient]);
    expect(open(file, [carol.identity])).toBe('AGE_NO_IDENTITY');
    expect(open(file, [])).toBe('AGE_NO_IDENTITY');
  });

  it('uses a fresh file key and nonce every time', () => {
    const a = encrypt(Buffer.from('same'), [alice.recipient]);
    const b = encrypt(Buffer.from('same'), [alice.recipient]);
    expect(a.equals(b)).toBe(false);
  });

  it('opens files built by an independent writer, and ignores unknown stanzas', () => {
    const fileKey = randomBytes(16);
    const unknown = `-> example.com/enigma arg1 arg2\n${b64(Buffer.alloc(48, 7))}\n\n`; // 48 bytes: one full line, then an empty one
    const chunks = [
      { plain: Buffer.alloc(KiB64, 1), last: false },
      { plain: Buffer.from('tail'), last: true },
    ];
    const file = forge(fileKey, [unknown, forAlice(fileKey), '-> empty-body\n\n'], chunks);
    const { plaintext, header } = decrypt(file, [alice.identity]);
    expect(plaintext.equals(Buffer.concat([Buffer.alloc(KiB64, 1), Buffer.from('tail')]))).toBe(true);
    expect(header).toEqual({ stanzas: 3, types: ['example.com/enigma', 'X25519', 'empty-body'] });
  });
});

describe('age streaming', () => {
  it('round-trips through pipelines fed with small, odd-sized writes', async () => {
    const plaintext = randomBytes(3 * KiB64 + 12_345);
    const file = await collect(Readable.from(slices(plaintext, [1, 7, 4093, KiB64 + 1, 13, KiB64, 3])), createEncryptStream([alice.recipient, bob.recipient]));
    expect(decrypt(file, [bob.identity]).plaintext.equals(plaintext)).toBe(true);
    const { code, plaintext: back, headerAt } = await streamOpen(file, [1, 5, 777, KiB64 + 17, 2, SEALED, 31]);
    expect(code).toBe('OK');
    expect(back.equals(plaintext)).toBe(true);
    expect(headerAt).toBe(0); // 'header' came before any plaintext
  });

  it('streams the empty plaintext', async () => {
    const file = await collect(Readable.from([]), createEncryptStream([alice.recipient]));
    expect(decrypt(file, [alice.identity]).plaintext.length).toBe(0);
    expect((await streamOpen(file, [1])).code).toBe('OK');
  });

  it("emits 'header' with the stanza types", async () => {
    const stream = createDecryptStream([alice.identity]);
    const seen = new Promise<AgeHeaderInfo>((resolve) => stream.once('header', resolve));
    stream.end(encrypt(Buffer.from('x'), [bob.recipient, alice.recipient]));
    stream.resume();
    expect(await seen).toEqual({ stanzas: 2, types: ['X25519', 'X25519'] });
  });

  it('produces output before its input ends (bounded memory)', async () => {
    const encryptor = createEncryptStream([alice.recipient]);
    let out = 0;
    encryptor.on('data', (chunk: Buffer) => (out += chunk.length));
    const piece = randomBytes(KiB64);
    for (let i = 0; i < 16; i++) encryptor.write(piece);
    await new Promise((resolve) => setImmediate(resolve));
    expect(out).toBeGreaterThan(14 * KiB64);

    const file = encrypt(randomBytes(16 * KiB64), [alice.recipient]);
    const decryptor = createDecryptStream([alice.identity]);
    let plain = 0;
    decryptor.on('data', (chunk: Buffer) => (plain += chunk.length));
    decryptor.write(file.subarray(0, file.length - 100));
    await new Promise((resolve) => setImmediate(resolve));
    expect(plain).toBe(15 * KiB64); // everything but the (unfinished) final chunk
    encryptor.destroy();
    decryptor.destroy();
  });

  it('refuses a non-age input as soon as its first bytes arrive', async () => {
    const decryptor = createDecryptStream([alice.identity]);
    const failed = new Promise<AgeError>((resolve) => decryptor.once('error', resolve));
    decryptor.write(Buffer.from('PK\x03\x04'));
    expect((await failed).code).toBe('AGE_NOT_AGE');
  });

  it('refuses too many stanzas while parsing, before the header ends', async () => {
    const decryptor = createDecryptStream([alice.identity]);
    const failed = new Promise<AgeError>((resolve) => decryptor.once('error', resolve));
    decryptor.write('age-encryption.org/v1\n' + '-> junk\n\n'.repeat(25));
    expect((await failed).code).toBe('AGE_TOO_MANY_STANZAS');
  });

  it('never releases a final chunk that does not verify or is followed by extra bytes', async () => {
    const small = encrypt(Buffer.from('only chunk'), [alice.recipient]);
    const flipped = Buffer.from(small);
    flipped[flipped.length - 1]! ^= 1;
    expect(await streamOpen(flipped)).toMatchObject({ code: 'AGE_PAYLOAD_TAMPERED', plaintext: Buffer.alloc(0) });

    const twoFull = encrypt(randomBytes(2 * KiB64), [alice.recipient]);
    const trailing = await streamOpen(Buffer.concat([twoFull, Buffer.from([0])]), [SEALED + 3]);
    expect(trailing.code).toBe('AGE_TRAILING_DATA');
    expect(trailing.plaintext.length).toBe(KiB64); // the middle chunk only

    const cut = await streamOpen(twoFull.subarray(0, twoFull.length - SEALED));
    expect(cut.code).toBe('AGE_TRUNCATED');
    expect(cut.plaintext.length).toBe(KiB64);
  });
});

describe('age refusals', () => {
  it('AGE_NOT_AGE for anything that does not start with the v1 version line', () => {
    const good = encrypt(Buffer.from('x'), [alice.recipient]);
    const armored = '-----BEGIN AGE ENCRYPTED FILE-----\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCg==\n-----END AGE ENCRYPTED FILE-----\n';
    for (const input of [
      Buffer.from('hello world, this is plain text'),
      Buffer.from(armored),
      Buffer.from('age-encryption.org/v2\n-> X25519 abc\n'),
      Buffer.from('age-encryption.org/v1\r\n'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), good]), // a byte-order mark
      randomBytes(1000),
    ]) {
      expect(open(input)).toBe('AGE_NOT_AGE');
    }
  });

  it('AGE_HEADER_INVALID for malformed headers (with a correct MAC)', () => {
    const key = randomBytes(16);
    const x = forAlice(key);
    const cases: Record<string, string[]> = {
      'no stanza': [],
      'double space': [x25519Stanza(key, alice.recipient, (s, b) => `-> X25519  ${s}\n${b}\n`)],
      'no argument': ['-> \n\n', x],
      'no space after arrow': ['->X25519\n\n', x],
      'CRLF line ending': [x25519Stanza(key, alice.recipient, (s, b) => `-> X25519 ${s}\r\n${b}\n`)],
      'non-ASCII argument': ['-> caf\u00e9\n\n', x],
      'X25519 with an extra argument': [x25519Stanza(key, alice.recipient, (s, b) => `-> X25519 ${s} extra\n${b}\n`)],
      'X25519 without its share': ['-> X25519\n' + x.split('\n')[1] + '\n'],
      'X25519 share of 31 bytes': [`-> X25519 ${b64(randomBytes(31))}\n${b64(randomBytes(32))}\n`, x],
      'X25519 body of 48 bytes': [x25519Stanza(key, alice.recipient, (s) => `-> X25519 ${s}\n${b64(randomBytes(48))}\n\n`)],
      'X25519 body of 31 bytes': [x25519Stanza(key, alice.recipient, (s, b) => `-> X25519 ${s}\n${b.slice(0, 41)}\n`)],
      'body line of 65 columns': [`-> other\n${'A'.repeat(64)}A\n\n`, x],
      'missing final short line': [`-> other\n${'A'.repeat(64)}\n`, x],
      'missing body': ['-> other\n', x],
      'garbage line': [x, 'hello\n'],
      'low-order ephemeral share': [`-> X25519 ${b64(Buffer.alloc(32))}\n${b64(randomBytes(32))}\n`, x],
    };
    for (const [name, stanzas] of Object.entries(cases)) expect(open(forge(key, stanzas)), name).toBe('AGE_HEADER_INVALID');

    const good = encrypt(Buffer.from('x'), [alice.recipient]);
    const header = headerText(good);
    const mac = header.slice(header.lastIndexOf(' ') + 1, -1);
    expect(open(withHeader(good, header.replace(mac, mac.slice(0, 42))))).toBe('AGE_HEADER_INVALID');
    expect(open(withHeader(good, header.replace(mac, mac + 'A')))).toBe('AGE_HEADER_INVALID');
    expect(open(withHeader(good, header.replace(mac, mac + '=')))).toBe('AGE_HEADER_INVALID');
    expect(open(withHeader(good, header.replace('\n---', '\n\n---')))).toBe('AGE_HEADER_INVALID'); // blank line where a stanza or the MAC belongs
  });

  it('AGE_HEADER_INVALID for non-canonical base64, padding and other alphabets', () => {
    const key = randomBytes(16);
    const variants: Record<string, (s: string, b: string) => string> = {
      'share with trailing bits': (s, b) => `-> X25519 ${nonCanonicalTail(s)}\n${b}\n`,
      'body with trailing bits': (s, b) => `-> X25519 ${s}\n${nonCanonicalTail(b)}\n`,
      'padded share': (s, b) => `-> X25519 ${s}=\n${b}\n`,
      'padded body': (s, b) => `-> X25519 ${s}\n${b}=\n`,
      'url-safe alphabet': (s, b) => `-> X25519 ${s.replace(/\+/g, '-').replace(/\//g, '_')}A-_\n${b}\n`,
      'whitespace in body': (s, b) => `-> X25519 ${s}\n${b.slice(0, 20)} ${b.slice(20)}\n`,
    };
    for (const [name, edit] of Object.entries(variants)) expect(open(forge(key, [x25519Stanza(key, alice.recipient, edit)])), name).toBe('AGE_HEADER_INVALID');
    // Sanity: the same construction without the oddity opens.
    expect(open(forge(key, [x25519Stanza(key, alice.recipient)]))).toBe('OK');

    // A MAC with non-zero trailing bits decodes to the very same bytes; a lenient decoder would accept it.
    const good = encrypt(Buffer.from('x'), [alice.recipient]);
    const header = headerText(good);
    const mac = header.slice(header.lastIndexOf(' ') + 1, -1);
    expect(Buffer.from(nonCanonicalTail(mac), 'base64').equals(Buffer.from(mac, 'base64'))).toBe(true);
    expect(open(withHeader(good, header.replace(mac, nonCanonicalTail(mac))))).toBe('AGE_HEADER_INVALID');
  });

  it('AGE_HEADER_INVALID for a header larger than maxHeaderBytes, even when it never ends', async () => {
    const good = encrypt(Buffer.from('x'), [alice.recipient]);
    expect(open(good, [alice.identity], { maxHeaderBytes: 100 })).toBe('AGE_HEADER_INVALID');
    expect(open(good, [alice.identity], { maxHeaderBytes: prefixLength(good) - 16 })).toBe('OK');
    const endless = Buffer.from('age-encryption.org/v1\n-> x\n' + 'A'.repeat(200_000));
    expect((await streamOpen(endless, [1000])).code).toBe('AGE_HEADER_INVALID');
  });

  it('AGE_TOO_MANY_STANZAS past maxStanzas, unknown stanzas included', () => {
    const many = Array.from({ length: 21 }, () => generateIdentity());
    const file = encrypt(Buffer.from('x'), [...many.map((m) => m.recipient)]);
    expect(open(file, [many[0]!.identity])).toBe('AGE_TOO_MANY_STANZAS');
    expect(open(file, [many[20]!.identity], { maxStanzas: 21 })).toBe('OK');
    const three = encrypt(Buffer.from('x'), [alice.recipient, bob.recipient, carol.recipient]);
    expect(open(three, [alice.identity], { maxStanzas: 2 })).toBe('AGE_TOO_MANY_STANZAS');
    const key = randomBytes(16);
    const unknowns = Array.from({ length: 20 }, (_, i) => `-> grease-${i}\n\n`);
    expect(open(forge(key, [forAlice(key), ...unknowns]))).toBe('AGE_TOO_MANY_STANZAS');
    expect(open(forge(key, [forAlice(key), ...unknowns.slice(1)]))).toBe('OK');
    // Refused while parsing, before any MAC or key check.
    expect(open(Buffer.from('age-encryption.org/v1\n' + '-> a\n\n'.repeat(21) + '--- junk\n'))).toBe('AGE_TOO_MANY_STANZAS');
  });

  it('AGE_PASSPHRASE_STANZA for scrypt stanzas, alone or mixed', () => {
    const key = randomBytes(16);
    const scrypt = `-> scrypt ${b64(randomBytes(16))} 18\n${b64(randomBytes(32))}\n`;
    expect(open(forge(key, [scrypt]))).toBe('AGE_PASSPHRASE_STANZA');
    expect(open(forge(key, [forAlice(key), scrypt]))).toBe('AGE_PASSPHRASE_STANZA');
    expect(open(forge(key, [scrypt, forAlice(key)]))).toBe('AGE_PASSPHRASE_STANZA');
  });

  it('AGE_HEADER_TAMPERED when the header changed after it was written', () => {
    const good = encrypt(Buffer.from('x'), [alice.recipient, bob.recipient]);
    const header = headerText(good);
    const mac = header.slice(header.lastIndexOf(' ') + 1, -1);
    const otherMac = b64(randomBytes(32));
    expect(open(withHeader(good, header.replace(mac, otherMac)))).toBe('AGE_HEADER_TAMPERED');
    expect(open(withHeader(good, header.replace('\n---', '\n-> added stanza\n\n---')))).toBe('AGE_HEADER_TAMPERED');
    const [version, a1, a2, b1, b2, end] = header.split('\n');
    expect(open(withHeader(good, [version, b1, b2, a1, a2, end, ''].join('\n')))).toBe('AGE_HEADER_TAMPERED'); // stanzas swapped
    const key = randomBytes(16);
    expect(open(forge(key, [forAlice(key)], undefined, randomBytes(16)))).toBe('AGE_HEADER_TAMPERED');
  });

  it('refuses every single-bit flip in the header', () => {
    const file = encrypt(Buffer.from('header flips'), [alice.recipient]);
    const headerBytes = prefixLength(file) - 16;
    const seen = new Set<string>();
    for (let i = 0; i < headerBytes; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const copy = Buffer.from(file);
        copy[i]! ^= 1 << bit;
        const code = open(copy);
        expect(code, `byte ${i} bit ${bit}`).not.toBe('OK');
        seen.add(code);
      }
    }
    expect(seen).toEqual(new Set(['AGE_NOT_AGE', 'AGE_HEADER_INVALID', 'AGE_HEADER_TAMPERED', 'AGE_NO_IDENTITY']));
  });

  it('AGE_PAYLOAD_TAMPERED for every flipped byte of the payload (nonce, ciphertext, tag)', () => {
    const file = encrypt(randomBytes(150), [alice.recipient]);
    for (let i = prefixLength(file) - 16; i < file.length; i++) {
      const copy = Buffer.from(file);
      copy[i]! ^= 0x80;
      expect(open(copy), `byte ${i}`).toBe('AGE_PAYLOAD_TAMPERED');
    }
    const big = encrypt(randomBytes(3 * KiB64 + 10), [alice.recipient]);
    const start = prefixLength(big);
    for (const at of [start, start + 5000, start + SEALED - 1, start + SEALED + 70_000, big.length - 1]) {
      const copy = Buffer.from(big);
      copy[at]! ^= 1;
      expect(open(copy), `byte ${at}`).toBe('AGE_PAYLOAD_TAMPERED');
    }
  });

  it('AGE_PAYLOAD_TAMPERED for reordered, dropped or mis-flagged chunks', () => {
    const big = encrypt(randomBytes(3 * KiB64 + 10), [alice.recipient]);
    const p = prefixLength(big);
    const chunk = (i: number) => big.subarray(p + i * SEALED, Math.min(big.length, p + (i + 1) * SEALED));
    const prefix = big.subarray(0, p);
    expect(open(Buffer.concat([prefix, chunk(1), chunk(0), chunk(2), chunk(3)]))).toBe('AGE_PAYLOAD_TAMPERED');
    expect(open(Buffer.concat([prefix, chunk(0), chunk(2), chunk(3)]))).toBe('AGE_PAYLOAD_TAMPERED');

    const key = randomBytes(16);
    const stanza = forAlice(key);
    const full = Buffer.alloc(KiB64, 3);
    expect(
      open(
        forge(
          key,
          [stanza],
          [
            { plain: full, last: false },
            { plain: full, last: false },
          ],
        ),
      ),
    ).toBe('AGE_TRUNCATED');
    expect(
      open(
        forge(
          key,
          [stanza],
          [
            { plain: full, last: false },
            { plain: Buffer.alloc(0), last: true },
          ],
        ),
      ),
    ).toBe('AGE_PAYLOAD_TAMPERED'); // empty final chunk
    expect(open(forge(key, [stanza], [{ plain: Buffer.alloc(0), last: true }]))).toBe('OK'); // ...allowed only for an empty file
    expect(
      open(
        forge(
          key,
          [stanza],
          [
            { plain: Buffer.from('short'), last: false },
            { plain: Buffer.from('end'), last: true },
          ],
        ),
      ),
    ).toBe('AGE_PAYLOAD_TAMPERED');
    expect(open(forge(key, [stanza], [{ plain: Buffer.from('not flagged last'), last: false }]))).toBe('AGE_PAYLOAD_TAMPERED');
    expect(
      open(
        forge(
          key,
          [stanza],
          [
            { plain: full, last: true },
            { plain: Buffer.from('more'), last: true },
          ],
        ),
      ),
    ).toBe('AGE_TRAILING_DATA');
  });

  it('AGE_TRAILING_DATA for bytes after a full-size final chunk', async () => {
    for (const size of [KiB64, 2 * KiB64]) {
      const file = encrypt(randomBytes(size), [alice.recipient]);
      for (const extra of [Buffer.from([0]), randomBytes(16), file.subarray(file.length - SEALED), file]) {
        expect(open(Buffer.concat([file, extra]))).toBe('AGE_TRAILING_DATA');
      }
      expect((await streamOpen(Buffer.concat([file, Buffer.from('\n')]), [1, 4096])).code).toBe('AGE_TRAILING_DATA');
    }
    // After a short final chunk the chunk's end cannot be told from damage: refused all the same.
    const short = encrypt(Buffer.from('short'), [alice.recipient]);
    expect(open(Buffer.concat([short, Buffer.from('\n')]))).toBe('AGE_PAYLOAD_TAMPERED');
  });

  it('refuses the file cut at every offset, as AGE_TRUNCATED wherever the cut is recognisable', () => {
    const file = encrypt(randomBytes(100), [alice.recipient, bob.recipient]);
    const prefix = prefixLength(file);
    for (let cut = 0; cut < file.length; cut++) {
      const code = open(file.subarray(0, cut));
      if (cut < prefix + 16) expect(code, `cut at ${cut}`).toBe('AGE_TRUNCATED');
      else expect(code, `cut at ${cut}`).toBe('AGE_PAYLOAD_TAMPERED'); // inside the only chunk: its tag cannot verify
    }
  });

  it('refuses a multi-chunk file cut anywhere, as AGE_TRUNCATED at chunk boundaries', async () => {
    const plaintext = randomBytes(2 * KiB64 + 500);
    const file = encrypt(plaintext, [alice.recipient]);
    const prefix = prefixLength(file);
    for (let cut = 0; cut < file.length; cut += 997) expect(open(file.subarray(0, cut)), `cut at ${cut}`).not.toBe('OK');
    for (const boundary of [prefix, prefix + SEALED, prefix + 2 * SEALED]) {
      for (const cut of [boundary, boundary + 1, boundary + 15]) expect(open(file.subarray(0, cut)), `cut at ${cut}`).toBe('AGE_TRUNCATED');
      const streamed = await streamOpen(file.subarray(0, boundary), [333]);
      expect(streamed.code).toBe('AGE_TRUNCATED');
      expect(plaintext.subarray(0, streamed.plaintext.length).equals(streamed.plaintext)).toBe(true);
      expect(streamed.plaintext.length).toBeLessThan(plaintext.length);
    }
  });

  it('AGE_HEADER_INVALID rather than AGE_TRUNCATED when a cut header was not a valid prefix', () => {
    const key = randomBytes(16);
    const file = forge(key, [forAlice(key)]);
    const header = headerText(file);
    expect(open(Buffer.from(header.slice(0, 40), 'latin1'))).toBe('AGE_TRUNCATED');
    expect(open(Buffer.from('age-encryption.org/v1\n-> X25519 a b c', 'latin1'))).toBe('AGE_TRUNCATED');
    expect(open(Buffer.from('age-encryption.org/v1\n-> X25519  ', 'latin1'))).toBe('AGE_HEADER_INVALID');
    expect(open(Buffer.from('age-encryption.org/v1\n-> a\nAB=', 'latin1'))).toBe('AGE_HEADER_INVALID');
    expect(open(Buffer.from('age-encryption.org/v1\n-> a\n\n--', 'latin1'))).toBe('AGE_TRUNCATED');
    expect(open(Buffer.from('age-encryption.org/v1\n-> a\n\n-x', 'latin1'))).toBe('AGE_HEADER_INVALID');
    expect(open(Buffer.from('age-encr', 'latin1'))).toBe('AGE_TRUNCATED');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Interop with the reference implementation. CI installs it; elsewhere the tests are skipped with a notice.

const ageCli = (() => {
  try {
    execFileSync('age', ['--version'], { stdio: 'pipe' });
    execFileSync('age-keygen', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();
if (!ageCli && !process.env.CI) console.warn('exchange-age: the `age` CLI is not installed (apt-get install age); interop tests are skipped.');
const interop = ageCli || process.env.CI ? it : it.skip;

async function withTempDir<T>(run: (dir: string) => T | Promise<T>): Promise<T> {
  if (!ageCli) throw new Error('The `age` and `age-keygen` commands are required here (CI installs the Debian package `age`).');
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-age-'));
  try {
    return await run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SIZES = [0, 1, KiB64, KiB64 + 1, 2 * KiB64, 200_003];

describe('age interop with the age CLI', () => {
  interop('age decrypts what we encrypt', async () => {
    await withTempDir((dir) => {
      writeFileSync(join(dir, 'bob.key'), `${bob.identity}\n`);
      for (const size of SIZES) {
        const plaintext = randomBytes(size);
        writeFileSync(join(dir, 'f.age'), encrypt(plaintext, [alice.recipient, bob.recipient]));
        const out = execFileSync('age', ['-d', '-i', join(dir, 'bob.key'), join(dir, 'f.age')], { maxBuffer: 1 << 24 });
        expect(out.equals(plaintext), `${size} bytes`).toBe(true);
      }
    });
  });

  interop('age decrypts what our encrypt stream writes', async () => {
    await withTempDir(async (dir) => {
      writeFileSync(join(dir, 'alice.key'), `${alice.identity}\n`);
      const plaintext = randomBytes(KiB64 * 2 + 77);
      const file = await collect(Readable.from(slices(plaintext, [999, KiB64 + 3])), createEncryptStream([alice.recipient]));
      writeFileSync(join(dir, 's.age'), file);
      expect(execFileSync('age', ['-d', '-i', join(dir, 'alice.key'), join(dir, 's.age')], { maxBuffer: 1 << 24 }).equals(plaintext)).toBe(true);
    });
  });

  interop('we decrypt what age encrypts, whole and streamed', async () => {
    const files = await withTempDir((dir) =>
      SIZES.map((size) => {
        const plaintext = randomBytes(size);
        writeFileSync(join(dir, 'p.bin'), plaintext);
        execFileSync('age', ['-r', alice.recipient, '-r', carol.recipient, '-o', join(dir, 'p.age'), join(dir, 'p.bin')]);
        return { plaintext, file: readFileSync(join(dir, 'p.age')) };
      }),
    );
    for (const { plaintext, file } of files) {
      const { plaintext: back, header } = decrypt(file, [carol.identity]);
      expect(back.equals(plaintext), `${plaintext.length} bytes`).toBe(true);
      expect(header).toEqual({ stanzas: 2, types: ['X25519', 'X25519'] });
      const streamed = await streamOpen(file, [777], [carol.identity]);
      expect(streamed.code).toBe('OK');
      expect(streamed.plaintext.equals(plaintext)).toBe(true);
      expect(open(file, [bob.identity])).toBe('AGE_NO_IDENTITY');
      if (plaintext.length > 0) expect(open(file.subarray(0, file.length - 1), [carol.identity])).not.toBe('OK');
    }
  });

  interop('accepts identities made by age-keygen, and age accepts ours', async () => {
    await withTempDir((dir) => {
      const keyFile = join(dir, 'keygen.txt');
      execFileSync('age-keygen', ['-o', keyFile], { stdio: 'pipe' });
      const text = readFileSync(keyFile, 'utf8');
      const identities = parseIdentityFile(text);
      expect(identities).toHaveLength(1);
      const recipient = recipientOf(identities[0]!);
      expect(text).toContain(`# public key: ${recipient}`);
      expect(execFileSync('age-keygen', ['-y', keyFile]).toString().trim()).toBe(recipient);
      expect(isRecipient(recipient)).toBe(true);
      // Our key file format is plain enough for age-keygen -y too.
      writeFileSync(join(dir, 'ours.txt'), `${alice.identity}\n`);
      expect(
        execFileSync('age-keygen', ['-y', join(dir, 'ours.txt')])
          .toString()
          .trim(),
      ).toBe(alice.recipient);

      writeFileSync(join(dir, 'p.bin'), 'to the keygen identity');
      execFileSync('age', ['-r', recipient, '-o', join(dir, 'p.age'), join(dir, 'p.bin')]);
      expect(decrypt(readFileSync(join(dir, 'p.age')), identities).plaintext.toString()).toBe('to the keygen identity');
      writeFileSync(join(dir, 'q.age'), encrypt(Buffer.from('from us'), [recipient]));
      expect(execFileSync('age', ['-d', '-i', keyFile, join(dir, 'q.age')]).toString()).toBe('from us');
    });
  });

  interop('refuses armored files (not supported) as AGE_NOT_AGE', async () => {
    await withTempDir((dir) => {
      writeFileSync(join(dir, 'p.bin'), 'armored');
      execFileSync('age', ['-a', '-r', alice.recipient, '-o', join(dir, 'p.age'), join(dir, 'p.bin')]);
      expect(open(readFileSync(join(dir, 'p.age')))).toBe('AGE_NOT_AGE');
    });
  });

  describe('payload sealed in batches (the parallel writer)', () => {
    it('gives a file that age and decrypt() read, whatever the batch boundaries', () => {
      const plain = randomBytes(5 * KiB64 + 123);
      const { prefix, payloadKey } = beginPayload([alice.recipient]);
      // Batches of 2 chunks, 1 chunk, then the rest (ending the file), as two sealers would produce them.
      const file = Buffer.concat([
        prefix,
        sealChunks(payloadKey, 0, plain.subarray(0, 2 * KiB64), false),
        sealChunks(payloadKey, 2, plain.subarray(2 * KiB64, 3 * KiB64), false),
        sealChunks(payloadKey, 3, plain.subarray(3 * KiB64), true),
      ]);
      expect(decrypt(file, [alice.identity]).plaintext.equals(plain)).toBe(true);
      // A batch that does not end the file must be whole chunks.
      expect(() => sealChunks(payloadKey, 0, plain.subarray(0, 100), false)).toThrow(RangeError);
      // Batches written out of order (each sealed with its own counter) do not decrypt.
      const swapped = Buffer.concat([
        prefix,
        sealChunks(payloadKey, 2, plain.subarray(2 * KiB64, 3 * KiB64), false),
        sealChunks(payloadKey, 0, plain.subarray(0, 2 * KiB64), false),
        sealChunks(payloadKey, 3, plain.subarray(3 * KiB64), true),
      ]);
      expect(() => decrypt(swapped, [alice.identity])).toThrow(expect.objectContaining({ code: 'AGE_PAYLOAD_TAMPERED' }));
    });
  });
});
