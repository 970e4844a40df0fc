// This unit's identity and keys, unit cards, and the directory of partner units with the state of trust
// in each of their keys. A unit has an Ed25519 key that signs what it sends and an X25519 (age) key that
// receives; both secrets live only in the encrypted workspace. A key's fingerprint is the SHA-256 of its
// two public keys, read aloud as words or groups of digits to confirm a partner's card out of band:
// nothing is sent to, or accepted from, a key whose fingerprint no person has confirmed.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import {
  UnitProfileSchema,
  fingerprintDigits,
  fingerprintWords,
  type CardPreview,
  type Partner,
  type PartnerKey,
  type PartnerKeyStatus,
  type UnitIdentity,
  type UnitProfile,
} from '../../../shared/domain/exchange.ts';
import { AppError } from '../../../shared/errors.ts';
import { canonicalJson } from '../audit/audit-log.ts';
import type { Db } from '../workspace/database.ts';
import { generateIdentity, isRecipient } from './age.ts';

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
export const CARD_FORMAT = 'portcullis-unit-card/1';

/** The fingerprint of a key pair: SHA-256 over the canonical JSON of its two public keys, in hex. */
export function fingerprintOf(signingKey: string, recipient: string): string {
  return createHash('sha256').update(canonicalJson({ recipient, signingKey })).digest('hex');
}

/** An Ed25519 public key from its 32 raw bytes in base64. */
export function signingPublicKey(signingKey: string): KeyObject {
  const raw = Buffer.from(signingKey, 'base64');
  if (raw.length !== 32) throw new Error('an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

export function verifySignature(signingKey: string, data: Buffer, signature: Buffer): boolean {
  try {
    return signature.length === 64 && verify(null, data, signingPublicKey(signingKey), signature);
  } catch {
    return false;
  }
}

type KeyRow = {
  id: number;
  fingerprint: string;
  signing_public: string;
  signing_secret: string;
  recipient: string;
  identity: string;
  created_at: string;
  retired_at: string | null;
  revoked_at: string | null;
};

/** This unit's key pair in use: signs and receives. */
export type OwnKey = { fingerprint: string; signingKey: string; recipient: string; sign(data: Buffer): Buffer };

function newKeyPair(): Omit<KeyRow, 'id' | 'created_at' | 'retired_at' | 'revoked_at'> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const signingPublic = publicKey.export({ format: 'der', type: 'spki' }).subarray(ED25519_SPKI_PREFIX.length).toString('base64');
  const age = generateIdentity();
  return {
    fingerprint: fingerprintOf(signingPublic, age.recipient),
    signing_public: signingPublic,
    signing_secret: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    recipient: age.recipient,
    identity: age.identity,
  };
}

function insertKey(db: Db, at: string): void {
  db.prepare(
    `INSERT INTO unit_key (fingerprint, signing_public, signing_secret, recipient, identity, created_at) VALUES (@fingerprint, @signing_public, @signing_secret, @recipient, @identity, @at)`,
  ).run({ ...newKeyPair(), at });
}

const keyRows = (db: Db) => db.prepare('SELECT * FROM unit_key ORDER BY id DESC').all() as KeyRow[];
const currentRow = (db: Db) =>
  db.prepare('SELECT * FROM unit_key WHERE retired_at IS NULL AND revoked_at IS NULL ORDER BY id DESC LIMIT 1').get() as KeyRow | undefined;

export function unitProfile(db: Db): UnitProfile | null {
  const row = db.prepare('SELECT name, agency, country, unit_type FROM unit_identity WHERE id = 1').get() as
    { name: string; agency: string; country: string; unit_type: UnitProfile['unitType'] } | undefined;
  return row ? { name: row.name, agency: row.agency, country: row.country, unitType: row.unit_type } : null;
}

export function unitIdentity(db: Db): UnitIdentity {
  const current = currentRow(db);
  return {
    profile: unitProfile(db),
    keys: keyRows(db).map((k) => ({
      fingerprint: k.fingerprint,
      signingKey: k.signing_public,
      recipient: k.recipient,
      createdAt: k.created_at,
      retiredAt: k.retired_at,
      revokedAt: k.revoked_at,
      current: k.id === current?.id,
    })),
    words: current ? fingerprintWords(current.fingerprint) : [],
    digits: current ? fingerprintDigits(current.fingerprint) : [],
  };
}

/** Sets the unit's name, agency, country and type; the first time, makes its keys. */
export function saveProfile(db: Db, profile: UnitProfile, at: string): void {
  db.prepare(
    `INSERT INTO unit_identity (id, name, agency, country, unit_type, created_at, updated_at) VALUES (1, @name, @agency, @country, @unitType, @at, @at)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, agency = excluded.agency, country = excluded.country, unit_type = excluded.unit_type, updated_at = excluded.updated_at`,
  ).run({ ...profile, at });
  if (!currentRow(db)) insertKey(db, at);
}

/** A new key pair replaces the current one, which is kept (retired) to read packages sent to it. */
export function rotateKeys(db: Db, at: string): void {
  requireProfile(db);
  db.prepare('UPDATE unit_key SET retired_at = @at WHERE retired_at IS NULL AND revoked_at IS NULL').run({ at });
  insertKey(db, at);
}

/** Revokes one of this unit's keys (lost laptop, leaked backup). The current key revoked is replaced. Cards
 * exported afterwards tell partners, who then refuse anything it signs. */
export function revokeOwnKey(db: Db, fingerprint: string, at: string): void {
  const row = db.prepare('SELECT * FROM unit_key WHERE fingerprint = ?').get(fingerprint) as KeyRow | undefined;
  if (!row) throw new AppError('UNIT_KEY_NOT_FOUND', 'There is no such key in this workspace.', { fingerprint });
  const wasCurrent = row.id === currentRow(db)?.id;
  db.prepare('UPDATE unit_key SET revoked_at = coalesce(revoked_at, @at) WHERE id = @id').run({ at, id: row.id });
  if (wasCurrent) insertKey(db, at);
}

function requireProfile(db: Db): UnitProfile {
  const profile = unitProfile(db);
  if (!profile || !currentRow(db)) throw new AppError('UNIT_NOT_SET_UP', 'This workspace has no unit identity yet.');
  return profile;
}

export function ownKey(db: Db): OwnKey {
  requireProfile(db);
  const row = currentRow(db)!;
  const secret = createPrivateKey({ key: Buffer.from(row.signing_secret, 'base64'), format: 'der', type: 'pkcs8' });
  return { fingerprint: row.fingerprint, signingKey: row.signing_public, recipient: row.recipient, sign: (data) => sign(null, data, secret) };
}

/** Every age identity this unit ever had, newest first: old packages stay readable after a rotation. */
export function ownIdentities(db: Db): string[] {
  return keyRows(db).map((k) => k.identity);
}

/** The age identity of the current key, for the `age` tool (an explicit, audited export). */
export function currentAgeIdentity(db: Db): string {
  requireProfile(db);
  return currentRow(db)!.identity;
}

// --- Unit cards --------------------------------------------------------------------------------------

const B64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);
const HEX64 = z.string().regex(/^[0-9a-f]{64}$/);
const CardSchema = z
  .object({
    format: z.literal(CARD_FORMAT),
    unit: UnitProfileSchema,
    signingKey: B64.max(64),
    recipient: z.string().max(100).refine(isRecipient, 'not an age X25519 recipient'),
    createdAt: z.string().max(40),
    /** Earlier keys of this unit that it revoked. */
    revokes: z.array(HEX64).max(100),
    /** Signatures of the same card by earlier keys of the unit: the unit vouching for its new key. */
    endorsements: z.array(z.object({ fingerprint: HEX64, signingKey: B64.max(64), signature: B64.max(100) }).strict()).max(20),
    signature: B64.max(100),
  })
  .strict();
export type UnitCard = z.infer<typeof CardSchema>;

const cardBody = (card: Omit<UnitCard, 'signature' | 'endorsements'>) =>
  Buffer.from(
    canonicalJson({
      format: card.format,
      unit: card.unit,
      signingKey: card.signingKey,
      recipient: card.recipient,
      createdAt: card.createdAt,
      revokes: card.revokes,
    }),
  );

/** This unit's card: its profile and current public keys, signed by the current key and endorsed by the
 * retired ones (revoked keys are listed, never used to sign). */
export function exportCard(db: Db, at: string): string {
  const profile = requireProfile(db);
  const key = ownKey(db);
  const rows = keyRows(db);
  const body = {
    format: CARD_FORMAT,
    unit: profile,
    signingKey: key.signingKey,
    recipient: key.recipient,
    createdAt: at,
    revokes: rows.filter((r) => r.revoked_at).map((r) => r.fingerprint),
  } as const;
  const bytes = cardBody(body);
  const endorsements = rows
    .filter((r) => r.retired_at && !r.revoked_at)
    .slice(0, 5)
    .map((r) => ({
      fingerprint: r.fingerprint,
      signingKey: r.signing_public,
      signature: sign(null, bytes, createPrivateKey({ key: Buffer.from(r.signing_secret, 'base64'), format: 'der', type: 'pkcs8' })).toString('base64'),
    }));
  return JSON.stringify({ ...body, endorsements, signature: key.sign(bytes).toString('base64') }, null, 2) + '\n';
}

/** Parses a card and checks its own signature and endorsements; anything else is UNIT_CARD_INVALID. */
export function parseCard(text: string): UnitCard & { fingerprint: string } {
  const invalid = (why: string) => new AppError('UNIT_CARD_INVALID', 'This is not a valid unit card.', { why });
  if (text.length > 64 * 1024) throw invalid('too large');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid('not JSON');
  }
  const parsed = CardSchema.safeParse(json);
  if (!parsed.success) throw invalid(parsed.error.issues[0]?.message ?? 'not a unit card');
  const card = parsed.data;
  const bytes = cardBody(card);
  if (!verifySignature(card.signingKey, bytes, Buffer.from(card.signature, 'base64'))) throw invalid('its signature does not verify');
  for (const e of card.endorsements) {
    if (!verifySignature(e.signingKey, bytes, Buffer.from(e.signature, 'base64'))) throw invalid('an endorsement does not verify');
  }
  return { ...card, fingerprint: fingerprintOf(card.signingKey, card.recipient) };
}

type PartnerKeyRow = {
  id: number;
  partner_id: number;
  fingerprint: string;
  signing_public: string;
  recipient: string;
  status: PartnerKeyStatus;
  imported_at: string;
  confirmed_at: string | null;
  confirmed_by: string | null;
  retired_at: string | null;
  revoked_at: string | null;
  revoke_reason: string | null;
};

/** The partner a card belongs to: by one of its keys (this one, or one that endorses it), else by name. */
function partnerOfCard(db: Db, card: UnitCard & { fingerprint: string }): { partnerId: number | null; status: CardPreview['status'] } {
  const same = db.prepare('SELECT partner_id FROM partner_key WHERE fingerprint = ?').get(card.fingerprint) as { partner_id: number } | undefined;
  if (same) return { partnerId: same.partner_id, status: 'known' };
  for (const e of card.endorsements) {
    const k = db.prepare('SELECT partner_id FROM partner_key WHERE fingerprint = ?').get(e.fingerprint) as { partner_id: number } | undefined;
    if (k) return { partnerId: k.partner_id, status: 'rotated' };
  }
  const byName = db
    .prepare('SELECT id FROM partner WHERE lower(name) = lower(@name) AND lower(agency) = lower(@agency) AND country = @country')
    .get(card.unit) as { id: number } | undefined;
  return byName ? { partnerId: byName.id, status: 'rotated' } : { partnerId: null, status: 'new' };
}

export function previewCard(db: Db, text: string): CardPreview {
  return previewOf(db, parseCard(text));
}

function previewOf(db: Db, card: UnitCard & { fingerprint: string }): CardPreview {
  if (db.prepare('SELECT 1 FROM unit_key WHERE fingerprint = ?').get(card.fingerprint)) {
    throw new AppError('UNIT_CARD_INVALID', "This is this unit's own card.", { why: 'own card' });
  }
  const { partnerId, status } = partnerOfCard(db, card);
  return {
    profile: card.unit,
    fingerprint: card.fingerprint,
    words: fingerprintWords(card.fingerprint),
    digits: fingerprintDigits(card.fingerprint),
    createdAt: card.createdAt,
    partnerId,
    status,
    revokes: card.revokes,
  };
}

/** A fingerprint as a person may type it: hex (any case, spaced or with colons), the six groups of digits, or the twelve words. */
export function fingerprintMatches(fingerprint: string, typed: string): boolean {
  const t = typed.trim().toLowerCase();
  const hex = t.replace(/[\s:-]/g, '');
  if (/^[0-9a-f]{64}$/.test(hex)) return hex === fingerprint;
  const digits = t.replace(/\D/g, '');
  if (/^[\d\s-]+$/.test(t) && digits.length === 30) return digits === fingerprintDigits(fingerprint).join('');
  const words = t.split(/[\s,-]+/).filter(Boolean);
  return words.length === 12 && words.join(' ') === fingerprintWords(fingerprint).join(' ');
}

/** Adds a card to the directory (its key pending until confirmed), or confirms it when the fingerprint read out
 * of band is given and matches. Revocations a card announces are applied when the card is vouched for by a key
 * already trusted (its own, or one endorsing it). Returns the partner. */
export function addCard(db: Db, text: string, confirm: { fingerprint: string; by: string } | null, at: string): { partnerId: number; keyId: number } {
  const card = parseCard(text);
  const preview = previewOf(db, card);
  if (confirm && !fingerprintMatches(card.fingerprint, confirm.fingerprint)) {
    throw new AppError('UNIT_FINGERPRINT_MISMATCH', 'The fingerprint does not match this card.', { fingerprint: card.fingerprint });
  }
  let partnerId = preview.partnerId;
  if (partnerId === null) {
    partnerId = Number(
      db
        .prepare('INSERT INTO partner (name, agency, country, unit_type, created_at, updated_at) VALUES (@name, @agency, @country, @unitType, @at, @at)')
        .run({ ...card.unit, at }).lastInsertRowid,
    );
  } else {
    db.prepare('UPDATE partner SET name = @name, agency = @agency, country = @country, unit_type = @unitType, updated_at = @at WHERE id = @id').run({
      ...card.unit,
      at,
      id: partnerId,
    });
  }
  const existing = db.prepare('SELECT * FROM partner_key WHERE fingerprint = ?').get(card.fingerprint) as PartnerKeyRow | undefined;
  const keyId =
    existing?.id ??
    Number(
      db
        .prepare(
          `INSERT INTO partner_key (partner_id, fingerprint, signing_public, recipient, card, status, imported_at) VALUES (@partnerId, @fingerprint, @signingKey, @recipient, @card, 'pending', @at)`,
        )
        .run({ partnerId, fingerprint: card.fingerprint, signingKey: card.signingKey, recipient: card.recipient, card: text, at }).lastInsertRowid,
    );
  if (confirm) confirmKey(db, keyId, confirm.fingerprint, confirm.by, at);
  const trusted = (fp: string) =>
    db.prepare(`SELECT 1 FROM partner_key WHERE fingerprint = ? AND partner_id = ? AND status IN ('trusted', 'retired')`).get(fp, partnerId);
  if (card.revokes.length > 0 && (trusted(card.fingerprint) || card.endorsements.some((e) => trusted(e.fingerprint)))) {
    const revoke = db.prepare(
      `UPDATE partner_key SET status = 'revoked', revoked_at = coalesce(revoked_at, @at), revoke_reason = 'revoked by its unit' WHERE fingerprint = @fp AND partner_id = @partnerId`,
    );
    for (const fp of card.revokes) revoke.run({ at, fp, partnerId });
  }
  return { partnerId, keyId };
}

/** Confirms a partner key after its fingerprint was read out of band; the partner's earlier trusted key retires. */
export function confirmKey(db: Db, keyId: number, typed: string, by: string, at: string): void {
  const row = db.prepare('SELECT * FROM partner_key WHERE id = ?').get(keyId) as PartnerKeyRow | undefined;
  if (!row) throw new AppError('UNIT_KEY_NOT_FOUND', 'There is no such partner key.', { keyId });
  if (row.status === 'revoked') throw new AppError('PACKAGE_KEY_REVOKED', 'This key has been revoked.', { keyId });
  if (!fingerprintMatches(row.fingerprint, typed)) throw new AppError('UNIT_FINGERPRINT_MISMATCH', 'The fingerprint does not match.', { keyId });
  if (row.status === 'trusted') return;
  db.prepare(`UPDATE partner_key SET status = 'retired', retired_at = @at WHERE partner_id = @partnerId AND status = 'trusted' AND id <> @id`).run({
    at,
    partnerId: row.partner_id,
    id: keyId,
  });
  db.prepare(`UPDATE partner_key SET status = 'trusted', confirmed_at = @at, confirmed_by = @by, retired_at = NULL WHERE id = @id`).run({ at, by, id: keyId });
}

export function revokePartnerKey(db: Db, keyId: number, reason: string, at: string): void {
  const changed = db
    .prepare(`UPDATE partner_key SET status = 'revoked', revoked_at = coalesce(revoked_at, @at), revoke_reason = @reason WHERE id = @id`)
    .run({ at, reason, id: keyId }).changes;
  if (changed === 0) throw new AppError('UNIT_KEY_NOT_FOUND', 'There is no such partner key.', { keyId });
}

function toPartnerKey(r: PartnerKeyRow): PartnerKey {
  return {
    id: r.id,
    fingerprint: r.fingerprint,
    signingKey: r.signing_public,
    recipient: r.recipient,
    status: r.status,
    words: fingerprintWords(r.fingerprint),
    digits: fingerprintDigits(r.fingerprint),
    importedAt: r.imported_at,
    confirmedAt: r.confirmed_at,
    confirmedBy: r.confirmed_by,
    retiredAt: r.retired_at,
    revokedAt: r.revoked_at,
    revokeReason: r.revoke_reason,
  };
}

export function listPartners(db: Db): Partner[] {
  const rows = db
    .prepare(`SELECT p.*, (SELECT max(created_at) FROM exchange_package e WHERE e.partner_id = p.id) AS last_package FROM partner p ORDER BY lower(p.name)`)
    .all() as { id: number; name: string; agency: string; country: string; unit_type: UnitProfile['unitType']; last_package: string | null }[];
  const keys = db.prepare('SELECT * FROM partner_key WHERE partner_id = ? ORDER BY id DESC');
  return rows.map((p) => {
    const ks = (keys.all(p.id) as PartnerKeyRow[]).map(toPartnerKey);
    return {
      id: p.id,
      name: p.name,
      agency: p.agency,
      country: p.country,
      unitType: p.unit_type,
      trusted: ks.some((k) => k.status === 'trusted'),
      keys: ks,
      lastPackageAt: p.last_package,
    };
  });
}

export function partnerById(db: Db, id: number): Partner {
  const p = listPartners(db).find((x) => x.id === id);
  if (!p) throw new AppError('PARTNER_NOT_FOUND', 'There is no such partner unit.', { id });
  return p;
}

/** A partner's key as a package's signer: its row, whatever its state (the caller decides). */
export function partnerKeyByFingerprint(db: Db, fingerprint: string): (PartnerKeyRow & { partner: string }) | undefined {
  return db.prepare('SELECT k.*, p.name AS partner FROM partner_key k JOIN partner p ON p.id = k.partner_id WHERE k.fingerprint = ?').get(fingerprint) as
    (PartnerKeyRow & { partner: string }) | undefined;
}
