// Hashed matching, after UNODC goTrace: two units compare identifiers without showing them. Each side
// hashes its normalised identifiers (container numbers, party names, phones, e-mails, travel documents)
// with HMAC-SHA256 under a key only the two of them can compute — an X25519 agreement between this unit's
// key and the partner's, bound to both fingerprints — and sends the hashes in a signed, encrypted package.
// The receiver learns which of its own records the partner also holds, and nothing else; it then asks
// for details through an ordinary package.
import { bech32 } from '@scure/base';
import { createHmac, createPrivateKey, createPublicKey, diffieHellman, hkdfSync } from 'node:crypto';
import type { MatchCategory, MatchOverlap } from '../../../shared/domain/exchange.ts';
import { normalizeName } from '../../../shared/domain/names.ts';
import type { Db } from '../workspace/database.ts';
import { ownIdentities, ownKey } from './unit-keys.ts';

const X25519_PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const X25519_SPKI = Buffer.from('302a300506032b656e032100', 'hex');

function rawKey(text: string): Buffer {
  const { words } = bech32.decode(text.toLowerCase() as `${string}1${string}`, false);
  return Buffer.from(bech32.fromWords(words));
}

/** The pair's matching key: HKDF over X25519(this unit's current secret, the partner's public key),
 * salted with both fingerprints in order, so both sides derive the same key and no one else can. */
export function matchKey(db: Db, partner: { recipient: string; fingerprint: string }): Buffer {
  const own = ownKey(db);
  const identity = ownIdentities(db)[0]!;
  const privateKey = createPrivateKey({ key: Buffer.concat([X25519_PKCS8, rawKey(identity)]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey({ key: Buffer.concat([X25519_SPKI, rawKey(partner.recipient)]), format: 'der', type: 'spki' });
  const shared = diffieHellman({ privateKey, publicKey });
  const salt = [own.fingerprint, partner.fingerprint].sort().join('');
  return Buffer.from(hkdfSync('sha256', shared, Buffer.from(salt, 'hex'), 'portcullis hashed matching v1', 32));
}

type Identifier = { category: MatchCategory; value: string; entity: string; entityId: number; label: string };

/** This workspace's identifiers of the given categories, normalised the same way on both sides. */
function* identifiers(db: Db, categories: MatchCategory[]): Generator<Identifier> {
  const want = new Set(categories);
  if (want.has('container')) {
    for (const r of db.prepare('SELECT id, number FROM container').iterate() as Iterable<{ id: number; number: string }>) {
      yield { category: 'container', value: r.number.toUpperCase().replace(/[^A-Z0-9]/g, ''), entity: 'container', entityId: r.id, label: r.number };
    }
  }
  if (want.has('party')) {
    for (const r of db.prepare('SELECT id, name, name_norm FROM party').iterate() as Iterable<{ id: number; name: string; name_norm: string }>) {
      if (r.name_norm) yield { category: 'party', value: r.name_norm, entity: 'party', entityId: r.id, label: r.name };
    }
  }
  for (const kind of ['phone', 'email'] as const) {
    if (!want.has(kind)) continue;
    for (const r of db.prepare(`SELECT value, owner, owner_id, shown FROM graph_contact WHERE kind = ?`).iterate(kind) as Iterable<{
      value: string;
      owner: string;
      owner_id: number;
      shown: string;
    }>) {
      yield { category: kind, value: r.value, entity: r.owner, entityId: r.owner_id, label: r.shown };
    }
  }
  if (want.has('document')) {
    for (const r of db.prepare('SELECT id, doc_number, doc_country, surname FROM passenger WHERE doc_number IS NOT NULL').iterate() as Iterable<{
      id: number;
      doc_number: string;
      doc_country: string | null;
      surname: string;
    }>) {
      yield {
        category: 'document',
        value: `${(r.doc_country ?? '').toUpperCase()}:${r.doc_number.toUpperCase().replace(/[^A-Z0-9]/g, '')}`,
        entity: 'passenger',
        entityId: r.id,
        label: `${r.surname} · ${r.doc_number}`,
      };
    }
  }
}

function hashOf(key: Buffer, category: MatchCategory, value: string): string {
  return createHmac('sha256', key)
    .update(`${category}\u0000${normalizeName(value) || value}`)
    .digest('hex');
}

/** The distinct keyed hashes of this workspace's identifiers, sorted (their order says nothing). */
export function matchHashes(db: Db, key: Buffer, categories: MatchCategory[]): string[] {
  const set = new Set<string>();
  for (const id of identifiers(db, categories)) set.add(hashOf(key, id.category, id.value));
  return [...set].sort();
}

/** The local records whose identifiers hash to one of the partner's. */
export function overlaps(db: Db, key: Buffer, categories: MatchCategory[], theirs: Set<string>): { compared: number; overlaps: MatchOverlap[] } {
  const out: MatchOverlap[] = [];
  let compared = 0;
  for (const id of identifiers(db, categories)) {
    compared++;
    if (theirs.has(hashOf(key, id.category, id.value))) out.push({ category: id.category, entity: id.entity, entityId: id.entityId, label: id.label });
  }
  return { compared, overlaps: out.slice(0, 10_000) };
}
