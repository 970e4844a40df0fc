// The age file format, v1 (c2sp.org/age, "age-encryption.org/v1"), for X25519 recipients only: the format
// secure exchange uses to send files to partner agencies, readable by the stock `age` tool on their side.
//
//   header   "age-encryption.org/v1\n"
//            one stanza per recipient: "-> X25519 <ephemeral share>\n" + wrapped file key (base64, 64 columns)
//            "--- " + base64(HMAC-SHA-256(HKDF(file key, "header"), header up to and including "---")) + "\n"
//   payload  16-byte nonce, then the plaintext in 64 KiB chunks, each ChaCha20-Poly1305 under
//            HKDF(file key, nonce, "payload") with nonce = 11-byte big-endian counter || last-chunk flag.
//
// Both directions stream in bounded memory (one 64 KiB chunk at a time). Decryption refuses anything the spec
// refuses (non-canonical base64, bad line lengths, truncation, trailing data) with a typed AgeError, and
// releases a chunk's plaintext only after its tag verifies. Passphrase (scrypt) files are refused.
// ChaCha20-Poly1305 comes from @noble/ciphers, never node:crypto: Electron's BoringSSL lacks it.
import { createHmac, createPrivateKey, createPublicKey, diffieHellman, hkdfSync, type KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { bech32 } from '@scure/base';

export type AgeErrorCode =
  | 'AGE_NOT_AGE'
  | 'AGE_HEADER_INVALID'
  | 'AGE_HEADER_TAMPERED'
  | 'AGE_TOO_MANY_STANZAS'
  | 'AGE_PASSPHRASE_STANZA'
  | 'AGE_NO_IDENTITY'
  | 'AGE_PAYLOAD_TAMPERED'
  | 'AGE_TRUNCATED'
  | 'AGE_TRAILING_DATA';

/** Why an age file was refused. The message is for people; `code` is for programs. */
export class AgeError extends Error {
  readonly code: AgeErrorCode;
  constructor(code: AgeErrorCode, message: string) {
    super(message);
    this.name = 'AgeError';
    this.code = code;
  }
}

export type AgeHeaderInfo = { stanzas: number; types: string[] };
export type DecryptOptions = { maxStanzas?: number; maxHeaderBytes?: number };

const VERSION_LINE = Buffer.from('age-encryption.org/v1\n', 'latin1');
const CHUNK = 64 * 1024;
const TAG = 16;
const SEALED_CHUNK = CHUNK + TAG;
const FILE_KEY_BYTES = 16;
const PAYLOAD_NONCE_BYTES = 16;
const X25519_LABEL = 'age-encryption.org/v1/X25519';
const RECIPIENT_HRP = 'age';
const IDENTITY_HRP = 'AGE-SECRET-KEY-';
const DEFAULT_MAX_STANZAS = 20;
const DEFAULT_MAX_HEADER_BYTES = 64 * 1024;
const ZERO_NONCE = new Uint8Array(12);
// DER wrappers that turn 32 raw X25519 bytes into keys node:crypto accepts (RFC 8410).
const PKCS8_X25519_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

// ---------------------------------------------------------------------------------------------------------
// Encodings

const BASE64_CHARS = /^[A-Za-z0-9+/]*$/;
const ARGUMENT = /^[\x21-\x7e]+$/;

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64').replace(/=+$/, '');
}

/** Strict unpadded standard base64: null for padding, other alphabets, or non-canonical trailing bits. */
function fromBase64(text: string): Buffer | null {
  if (!BASE64_CHARS.test(text) || text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, 'base64');
  return base64(bytes) === text ? bytes : null;
}

/** Stanza body: base64 wrapped at 64 columns, always ending with a line shorter than 64 (possibly empty). */
function wrapBody(body: Uint8Array): string {
  const text = base64(body);
  let out = '';
  for (let i = 0; i + 64 <= text.length; i += 64) out += text.slice(i, i + 64) + '\n';
  return out + text.slice(text.length - (text.length % 64)) + '\n';
}

function bech32Bytes(text: string, hrp: string, upper: boolean): Buffer | null {
  if (text !== (upper ? text.toUpperCase() : text.toLowerCase())) return null;
  try {
    const { prefix, words } = bech32.decode(text, false);
    if (prefix !== hrp.toLowerCase()) return null;
    const bytes = bech32.fromWords(words);
    return bytes.length === 32 ? Buffer.from(bytes) : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Keys

type Identity = { privateKey: KeyObject; publicKey: Buffer };

function x25519Private(secret: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_X25519_PREFIX, secret]), format: 'der', type: 'pkcs8' });
}

function x25519Public(point: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_X25519_PREFIX, point]), format: 'der', type: 'spki' });
}

function publicBytes(privateKey: KeyObject): Buffer {
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return spki.subarray(spki.length - 32);
}

/** X25519(secret, point), or null when the result is all zeros (a low-order point); the spec says abort. */
function sharedSecret(privateKey: KeyObject, point: Uint8Array): Buffer | null {
  let shared: Buffer;
  try {
    shared = diffieHellman({ privateKey, publicKey: x25519Public(point) });
  } catch {
    return null; // OpenSSL and BoringSSL themselves refuse an all-zero result
  }
  return shared.some((b) => b !== 0) ? shared : null;
}

function hkdf(ikm: Uint8Array, salt: Uint8Array, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, 32));
}

function parseIdentity(identity: string): Identity {
  const secret = typeof identity === 'string' ? bech32Bytes(identity, IDENTITY_HRP, true) : null;
  if (!secret) throw new TypeError('Not an age X25519 identity (expected AGE-SECRET-KEY-1…).');
  const privateKey = x25519Private(secret);
  return { privateKey, publicKey: publicBytes(privateKey) };
}

function parseRecipient(recipient: string): Buffer {
  const point = typeof recipient === 'string' ? bech32Bytes(recipient, RECIPIENT_HRP, false) : null;
  if (!point) throw new TypeError(`Not an age X25519 recipient (expected age1…): ${String(recipient).slice(0, 80)}`);
  return point;
}

/** A new X25519 key pair: the secret identity (AGE-SECRET-KEY-1…) and the recipient to share (age1…). */
export function generateIdentity(): { identity: string; recipient: string } {
  const secret = randomBytes(32);
  const identity = bech32.encode(IDENTITY_HRP, bech32.toWords(secret), false).toUpperCase();
  secret.fill(0);
  return { identity, recipient: recipientOf(identity) };
}

/** The age1… recipient of an AGE-SECRET-KEY-1… identity. */
export function recipientOf(identity: string): string {
  return bech32.encode(RECIPIENT_HRP, bech32.toWords(parseIdentity(identity).publicKey), false);
}

/** True for a well-formed age1… X25519 recipient (lowercase bech32, valid checksum, 32-byte key). No trimming. */
export function isRecipient(text: string): boolean {
  return typeof text === 'string' && bech32Bytes(text, RECIPIENT_HRP, false) !== null;
}

/** The identities in an identity file as `age-keygen` writes it: blank lines and "#" comments are skipped. */
export function parseIdentityFile(text: string): string[] {
  const identities: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    parseIdentity(line); // throws on anything else
    identities.push(line);
  }
  return identities;
}

// ---------------------------------------------------------------------------------------------------------
// Header

type Stanza = { args: string[]; body: Buffer };
type ParsedHeader = { stanzas: Stanza[]; macInput: Buffer; mac: Buffer };

const invalid = (why: string) => new AgeError('AGE_HEADER_INVALID', `This age file's header is malformed (${why}).`);
const truncated = (where: string) => new AgeError('AGE_TRUNCATED', `This age file is incomplete: it ends ${where}.`);

/**
 * Parses the header incrementally as bytes arrive, so a bad version line, a malformed line or too many stanzas
 * are refused as soon as they are seen, before any cryptography, and never more than maxHeaderBytes are held.
 */
class HeaderParser {
  private store = Buffer.alloc(0);
  private length = 0;
  private lineStart = 0;
  private scanFrom = 0;
  private versionSeen = false;
  private readonly stanzas: Stanza[] = [];
  private open: { args: string[]; lines: string[] } | null = null;
  private readonly maxStanzas: number;
  private readonly maxHeaderBytes: number;

  constructor(maxStanzas: number, maxHeaderBytes: number) {
    this.maxStanzas = maxStanzas;
    this.maxHeaderBytes = maxHeaderBytes;
  }

  /** The header and the bytes after it once the MAC line is complete, else null (send more). */
  feed(data: Buffer): { header: ParsedHeader; rest: Buffer } | null {
    const before = this.length;
    const take = Math.min(data.length, this.maxHeaderBytes - before);
    this.append(data.subarray(0, take));
    const buf = this.store;
    if (!this.versionSeen) {
      const n = Math.min(this.length, VERSION_LINE.length);
      if (buf.compare(VERSION_LINE, 0, n, 0, n) !== 0) throw new AgeError('AGE_NOT_AGE', 'This is not an age-encryption.org/v1 file.');
      if (n < VERSION_LINE.length) return null;
      this.versionSeen = true;
      this.lineStart = this.scanFrom = VERSION_LINE.length;
    }
    for (;;) {
      const newline = buf.subarray(0, this.length).indexOf(0x0a, this.scanFrom);
      if (newline < 0) break;
      const start = this.lineStart;
      this.lineStart = this.scanFrom = newline + 1;
      const header = this.line(buf.toString('latin1', start, newline), start);
      if (header) return { header, rest: data.subarray(this.lineStart - before) };
    }
    this.scanFrom = this.length;
    if (this.length >= this.maxHeaderBytes) throw invalid(`longer than ${this.maxHeaderBytes} bytes`);
    return null;
  }

  /** The input ended inside the header: truncation if what came is a valid beginning of a header. */
  end(): never {
    if (!this.versionSeen) throw truncated('before its version line is complete');
    const partial = this.store.toString('latin1', this.lineStart, this.length);
    let prefix: boolean;
    if (this.open) prefix = /^[A-Za-z0-9+/]{0,64}$/.test(partial);
    else if (partial.startsWith('-> ')) prefix = /^([\x21-\x7e]+( |$))*$/.test(partial.slice(3));
    else if (partial.startsWith('--- ')) prefix = /^[A-Za-z0-9+/]{0,43}$/.test(partial.slice(4));
    else prefix = '-> '.startsWith(partial) || '--- '.startsWith(partial);
    if (!prefix) throw invalid('unexpected line');
    throw truncated('inside its header');
  }

  private append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    const needed = this.length + bytes.length;
    if (needed > this.store.length) {
      const grown = Buffer.alloc(Math.min(this.maxHeaderBytes, Math.max(needed, this.store.length * 2, 1024)));
      this.store.copy(grown, 0, 0, this.length);
      this.store = grown;
    }
    bytes.copy(this.store, this.length);
    this.length = needed;
  }

  private line(text: string, start: number): ParsedHeader | null {
    if (this.open) {
      if (text.length > 64 || !BASE64_CHARS.test(text)) throw invalid('a stanza body line is not base64 of at most 64 columns');
      this.open.lines.push(text);
      if (text.length === 64) return null;
      const body = fromBase64(this.open.lines.join(''));
      if (!body) throw invalid('a stanza body is not canonical base64');
      this.stanzas.push({ args: this.open.args, body });
      this.open = null;
      return null;
    }
    if (text.startsWith('-> ')) {
      const args = text.slice(3).split(' ');
      if (!args.every((a) => ARGUMENT.test(a))) throw invalid('a stanza line has an empty or non-printable argument');
      if (this.stanzas.length + 1 > this.maxStanzas) {
        throw new AgeError('AGE_TOO_MANY_STANZAS', `This age file has more than ${this.maxStanzas} recipient stanzas; it is refused.`);
      }
      this.open = { args, lines: [] };
      return null;
    }
    if (text.startsWith('--- ')) {
      const encoded = text.slice(4);
      const mac = encoded.length === 43 ? fromBase64(encoded) : null;
      if (!mac) throw invalid('the MAC line is malformed');
      if (this.stanzas.length === 0) throw invalid('no recipient stanza');
      return { stanzas: this.stanzas, macInput: this.store.subarray(0, start + 3), mac };
    }
    throw invalid('a line is neither a stanza nor the MAC line');
  }
}

/** The file key: the first X25519 stanza any identity opens, then the header MAC checked with it. */
function openHeader(header: ParsedHeader, identities: Identity[]): Buffer {
  const types = header.stanzas.map((s) => s.args[0] ?? '');
  if (types.includes('scrypt')) {
    throw new AgeError('AGE_PASSPHRASE_STANZA', 'This age file is encrypted with a passphrase; only files encrypted to an age1… key can be opened.');
  }
  const x25519: { share: Buffer; body: Buffer }[] = [];
  for (const stanza of header.stanzas) {
    if (stanza.args[0] !== 'X25519') continue; // unknown stanza types are ignored, per the spec
    const share = stanza.args.length === 2 ? fromBase64(stanza.args[1] ?? '') : null;
    if (!share || share.length !== 32) throw invalid('an X25519 stanza does not carry a 32-byte ephemeral share');
    if (stanza.body.length !== FILE_KEY_BYTES + TAG) throw invalid('an X25519 stanza body is not 32 bytes');
    x25519.push({ share, body: stanza.body });
  }
  let fileKey: Buffer | null = null;
  search: for (const { share, body } of x25519) {
    for (const identity of identities) {
      const shared = sharedSecret(identity.privateKey, share);
      if (!shared) throw invalid('an X25519 stanza carries a low-order ephemeral share');
      const wrapKey = hkdf(shared, Buffer.concat([share, identity.publicKey]), X25519_LABEL);
      try {
        fileKey = Buffer.from(chacha20poly1305(wrapKey, ZERO_NONCE).decrypt(body));
        break search;
      } catch {
        // not for this identity
      }
    }
  }
  if (!fileKey) throw new AgeError('AGE_NO_IDENTITY', 'None of the available keys can open this age file: it was not encrypted to them.');
  const expected = createHmac('sha256', hkdf(fileKey, Buffer.alloc(0), 'header'))
    .update(header.macInput)
    .digest();
  if (!timingSafeEqual(expected, header.mac)) throw new AgeError('AGE_HEADER_TAMPERED', "This age file's header has been altered; it cannot be trusted.");
  return fileKey;
}

// ---------------------------------------------------------------------------------------------------------
// Payload (STREAM)

/** The 12-byte chunk nonce: 11-byte big-endian counter, then the last-chunk flag. */
class ChunkNonce {
  readonly bytes = new Uint8Array(12);
  count = 0;
  next(): void {
    this.count++;
    for (let i = 10; i >= 0; i--) {
      this.bytes[i] = ((this.bytes[i] ?? 0) + 1) & 0xff;
      if (this.bytes[i] !== 0) return;
    }
    throw new Error('age: chunk counter overflow');
  }
  last(flag: boolean): Uint8Array {
    this.bytes[11] = flag ? 1 : 0;
    return this.bytes;
  }
}

type Sink = (bytes: Buffer) => void;

class Encryptor {
  readonly prefix: Buffer; // header and payload nonce
  private readonly key: Buffer;
  private readonly nonce = new ChunkNonce();
  private readonly pending = Buffer.allocUnsafe(CHUNK);
  private pendingLength = 0;
  private started = false;

  constructor(recipients: string[]) {
    if (!Array.isArray(recipients) || recipients.length === 0) throw new TypeError('age: at least one recipient is needed.');
    const points = recipients.map(parseRecipient);
    const fileKey = randomBytes(FILE_KEY_BYTES);
    let text = VERSION_LINE.toString('latin1');
    for (const point of points) {
      const ephemeral = x25519Private(randomBytes(32));
      const share = publicBytes(ephemeral);
      const shared = sharedSecret(ephemeral, point);
      if (!shared) throw new TypeError('age: a recipient is not a usable X25519 public key.');
      const wrapKey = hkdf(shared, Buffer.concat([share, point]), X25519_LABEL);
      text += `-> X25519 ${base64(share)}\n${wrapBody(chacha20poly1305(wrapKey, ZERO_NONCE).encrypt(fileKey))}`;
    }
    text += '---';
    const mac = createHmac('sha256', hkdf(fileKey, Buffer.alloc(0), 'header'))
      .update(text, 'latin1')
      .digest();
    const nonce = randomBytes(PAYLOAD_NONCE_BYTES);
    this.key = hkdf(fileKey, nonce, 'payload');
    fileKey.fill(0);
    this.prefix = Buffer.concat([Buffer.from(`${text} ${base64(mac)}\n`, 'latin1'), nonce]);
  }

  write(data: Buffer, sink: Sink): void {
    this.start(sink);
    let offset = 0;
    while (offset < data.length) {
      // A chunk is only sealed once more input proves it is not the last one.
      if (this.pendingLength === CHUNK) {
        this.seal(this.pending, false, sink);
        this.pendingLength = 0;
      }
      if (this.pendingLength === 0 && data.length - offset > CHUNK) {
        this.seal(data.subarray(offset, offset + CHUNK), false, sink); // straight from the input, no staging copy
        offset += CHUNK;
        continue;
      }
      const n = Math.min(CHUNK - this.pendingLength, data.length - offset);
      data.copy(this.pending, this.pendingLength, offset, offset + n);
      this.pendingLength += n;
      offset += n;
    }
  }

  end(sink: Sink): void {
    this.start(sink);
    this.seal(this.pending.subarray(0, this.pendingLength), true, sink);
    this.wipe();
  }

  wipe(): void {
    this.key.fill(0);
    this.pending.fill(0);
  }

  /** A copy of the payload key, for sealing chunks elsewhere (see sealChunks). */
  payloadKey(): Buffer {
    return Buffer.from(this.key);
  }

  /** Seals one chunk into `out` (plaintext length + 16 bytes), or into a new buffer handed to the sink. */
  seal(plain: Uint8Array, last: boolean, sink: Sink | null, out?: Buffer): void {
    const sealed = out ?? Buffer.allocUnsafe(plain.length + TAG);
    chacha20poly1305(this.key, this.nonce.last(last)).encrypt(plain, sealed);
    this.nonce.next();
    sink?.(sealed);
  }

  private start(sink: Sink): void {
    if (this.started) return;
    this.started = true;
    sink(this.prefix);
  }
}

class Decryptor {
  private phase: 'header' | 'nonce' | 'payload' | 'final' | 'done' = 'header';
  private readonly parser: HeaderParser;
  private readonly identities: Identity[];
  private fileKey: Buffer | null = null;
  private readonly payloadNonce = Buffer.alloc(PAYLOAD_NONCE_BYTES);
  private payloadNonceLength = 0;
  private key: Buffer | null = null;
  private readonly nonce = new ChunkNonce();
  private readonly sealed = Buffer.allocUnsafe(SEALED_CHUNK);
  private sealedLength = 0;
  private finalPlain: Buffer | null = null;
  private readonly onHeader: (info: AgeHeaderInfo) => void;

  constructor(identities: string[], options: DecryptOptions, onHeader: (info: AgeHeaderInfo) => void) {
    if (!Array.isArray(identities)) throw new TypeError('age: identities must be an array.');
    const maxStanzas = options.maxStanzas ?? DEFAULT_MAX_STANZAS;
    const maxHeaderBytes = options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
    if (!Number.isInteger(maxStanzas) || maxStanzas < 1) throw new RangeError('age: maxStanzas must be a positive integer.');
    if (!Number.isInteger(maxHeaderBytes) || maxHeaderBytes < VERSION_LINE.length) throw new RangeError('age: maxHeaderBytes is too small.');
    this.identities = identities.map(parseIdentity);
    this.parser = new HeaderParser(maxStanzas, maxHeaderBytes);
    this.onHeader = onHeader;
  }

  write(data: Buffer, sink: Sink): void {
    if (this.phase === 'header') {
      const parsed = this.parser.feed(data);
      if (!parsed) return;
      this.fileKey = openHeader(parsed.header, this.identities);
      const types = parsed.header.stanzas.map((s) => s.args[0] ?? '');
      this.phase = 'nonce';
      this.onHeader({ stanzas: types.length, types });
      data = parsed.rest;
    }
    if (this.phase === 'nonce') {
      const n = Math.min(PAYLOAD_NONCE_BYTES - this.payloadNonceLength, data.length);
      data.copy(this.payloadNonce, this.payloadNonceLength, 0, n);
      this.payloadNonceLength += n;
      data = data.subarray(n);
      if (this.payloadNonceLength < PAYLOAD_NONCE_BYTES || !this.fileKey) return;
      this.key = hkdf(this.fileKey, this.payloadNonce, 'payload');
      this.fileKey.fill(0);
      this.phase = 'payload';
    }
    let offset = 0;
    while (offset < data.length) {
      if (this.phase !== 'payload') throw new AgeError('AGE_TRAILING_DATA', 'This age file has extra data after its end; it cannot be trusted.');
      if (this.sealedLength === 0 && data.length - offset >= SEALED_CHUNK) {
        this.fullChunk(data.subarray(offset, offset + SEALED_CHUNK), sink); // straight from the input
        offset += SEALED_CHUNK;
        continue;
      }
      const n = Math.min(SEALED_CHUNK - this.sealedLength, data.length - offset);
      data.copy(this.sealed, this.sealedLength, offset, offset + n);
      this.sealedLength += n;
      offset += n;
      if (this.sealedLength === SEALED_CHUNK) {
        this.fullChunk(this.sealed, sink);
        this.sealedLength = 0;
      }
    }
  }

  end(sink: Sink): void {
    if (this.phase === 'header') this.parser.end();
    if (this.phase === 'nonce') throw truncated('before its payload');
    if (this.phase === 'final' && this.finalPlain) {
      // The final chunk verified; it is released only now that nothing follows it.
      sink(this.finalPlain);
    } else if (this.phase === 'payload') {
      if (this.sealedLength < TAG) throw truncated('before its final chunk');
      const first = this.nonce.count === 0;
      const plain = this.open(this.sealed.subarray(0, this.sealedLength), true);
      if (!plain) throw new AgeError('AGE_PAYLOAD_TAMPERED', "This age file's last chunk does not authenticate: it was altered or cut short.");
      if (plain.length === 0 && !first) throw new AgeError('AGE_PAYLOAD_TAMPERED', 'This age file ends with an empty chunk, which age never writes.');
      if (plain.length > 0) sink(plain);
    }
    this.phase = 'done';
    this.finalPlain = null;
    this.key?.fill(0);
  }

  /** A full-size chunk: a middle one, or possibly the last (then held until the end of input is seen). */
  private fullChunk(sealed: Buffer, sink: Sink): void {
    const middle = this.open(sealed, false);
    if (middle) {
      sink(middle);
      return;
    }
    const last = this.open(sealed, true);
    if (!last) throw new AgeError('AGE_PAYLOAD_TAMPERED', "This age file's content has been altered; it cannot be trusted.");
    this.finalPlain = last;
    this.phase = 'final';
  }

  private open(sealed: Buffer, last: boolean): Buffer | null {
    if (!this.key) throw new Error('age: payload key missing');
    const plain = Buffer.allocUnsafe(sealed.length - TAG);
    try {
      chacha20poly1305(this.key, this.nonce.last(last)).decrypt(sealed, plain);
    } catch {
      return null;
    }
    this.nonce.next();
    return plain;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Public API

// A few chunks of slack on each side, so file reads and writes overlap the cipher instead of alternating with it.
const STREAM_BUFFERING = { writableHighWaterMark: 4 * CHUNK, readableHighWaterMark: 4 * SEALED_CHUNK };

const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

/** A Transform: plaintext in, age file out, in bounded memory (64 KiB chunks; never holds the whole input). */
export function createEncryptStream(recipients: string[]): Transform {
  const encryptor = new Encryptor(recipients);
  return new Transform({
    ...STREAM_BUFFERING,
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      try {
        encryptor.write(chunk, (b) => this.push(b));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        encryptor.end((b) => this.push(b));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

/**
 * A Transform: age file in, plaintext out. Emits 'header' (AgeHeaderInfo) once the header is parsed, MAC-verified and
 * the file key unwrapped, before any plaintext. Errors are AgeError. The final chunk's plaintext is only released after
 * its tag verifies; truncation -> AGE_TRUNCATED at end; bytes after the final chunk -> AGE_TRAILING_DATA.
 */
export function createDecryptStream(identities: string[], options: DecryptOptions = {}): Transform {
  let stream: Transform | null = null;
  const decryptor = new Decryptor(identities, options, (info) => stream?.emit('header', info));
  stream = new Transform({
    ...STREAM_BUFFERING,
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      try {
        decryptor.write(chunk, (b) => this.push(b));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        decryptor.end((b) => this.push(b));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
  return stream;
}

/**
 * The start of an age file for these recipients — header and payload nonce — and its payload key, for a
 * writer that seals the payload's chunks itself, possibly on several threads (chunks are independent:
 * each is sealed with its own counter). The caller must wipe the key when done.
 */
export function beginPayload(recipients: string[]): { prefix: Buffer; payloadKey: Buffer } {
  const encryptor = new Encryptor(recipients);
  const payloadKey = encryptor.payloadKey();
  encryptor.wipe();
  return { prefix: encryptor.prefix, payloadKey };
}

/**
 * Seals `plain` as the payload chunks numbered from `counter` (64 KiB each; only a batch that ends the file
 * may end with a shorter chunk, and its last chunk carries the final flag). Returns the sealed bytes.
 */
export function sealChunks(payloadKey: Uint8Array, counter: number, plain: Uint8Array, endsFile: boolean): Buffer {
  if (!endsFile && (plain.length === 0 || plain.length % CHUNK !== 0)) throw new RangeError('age: only the final batch may hold a partial chunk.');
  const chunks = Math.max(1, Math.ceil(plain.length / CHUNK));
  const out = Buffer.allocUnsafeSlow(plain.length + chunks * TAG);
  const nonce = new Uint8Array(12);
  for (let i = 0; i < chunks; i++) {
    let n = counter + i;
    for (let b = 10; b >= 0; b--) {
      nonce[b] = n % 256;
      n = Math.floor(n / 256);
    }
    nonce[11] = endsFile && i === chunks - 1 ? 1 : 0;
    const part = plain.subarray(i * CHUNK, Math.min(plain.length, (i + 1) * CHUNK));
    chacha20poly1305(payloadKey, nonce).encrypt(part, out.subarray(i * SEALED_CHUNK, i * SEALED_CHUNK + part.length + TAG));
  }
  return out;
}

/** Encrypts a whole buffer (sealed straight into one preallocated output). */
export function encrypt(plaintext: Uint8Array, recipients: string[]): Buffer {
  const encryptor = new Encryptor(recipients);
  const input = asBuffer(plaintext);
  const chunks = Math.max(1, Math.ceil(input.length / CHUNK));
  const size = encryptor.prefix.length + input.length + chunks * TAG;
  // noble XORs 32 bits at a time only on 4-byte-aligned output: start the view so the payload chunks are aligned.
  const skew = (4 - (encryptor.prefix.length % 4)) % 4;
  const out = Buffer.allocUnsafeSlow(size + skew).subarray(skew);
  let at = encryptor.prefix.copy(out, 0);
  for (let i = 0; i < chunks; i++) {
    const plain = input.subarray(i * CHUNK, (i + 1) * CHUNK);
    encryptor.seal(plain, i === chunks - 1, null, out.subarray(at, at + plain.length + TAG));
    at += plain.length + TAG;
  }
  encryptor.wipe();
  return out;
}

/** Decrypts a whole age file. Throws AgeError. */
export function decrypt(file: Uint8Array, identities: string[], options: DecryptOptions = {}): { plaintext: Buffer; header: AgeHeaderInfo } {
  let header: AgeHeaderInfo | null = null;
  const decryptor = new Decryptor(identities, options, (info) => (header = info));
  const parts: Buffer[] = [];
  const sink = (b: Buffer) => parts.push(b);
  decryptor.write(asBuffer(file), sink);
  decryptor.end(sink);
  if (!header) throw new Error('age: header missing after a successful decryption');
  return { plaintext: parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts), header };
}
