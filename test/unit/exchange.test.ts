// Secure exchange (issue 9) between real encrypted workspaces: unit identities and cards, trust only after
// a fingerprint is confirmed, a case package with attachments sent, verified, previewed and merged on the
// other side, a reply linked back, key rotation and revocation, hashed matching, interoperability with
// the `age` tool, and a negative corpus in which every bad package is refused with its own code and
// changes nothing.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageDraft } from '../../shared/domain/exchange.ts';
import { fingerprintDigits, fingerprintWords } from '../../shared/domain/exchange.ts';
import { canonicalJson } from '../../electron/core/audit/audit-log.ts';
import { decrypt, encrypt, generateIdentity } from '../../electron/core/exchange/age.ts';
import { ExchangeService } from '../../electron/core/exchange/exchange-service.ts';
import { PACKAGE_FORMAT, writePackage, type Manifest } from '../../electron/core/exchange/package-file.ts';
import { PackageZipWriter, readZipStream } from '../../electron/core/exchange/package-zip.ts';
import { currentAgeIdentity, ownKey } from '../../electron/core/exchange/unit-keys.ts';
import { DEFAULT_PARAMS, generateScenario } from '../../electron/core/generator/scenario.ts';
import { writeScenario } from '../../electron/core/generator/workspace-writer.ts';
import { Uploads } from '../../electron/core/ingest/uploads.ts';
import type { Db } from '../../electron/core/workspace/database.ts';
import { PASSPHRASE, testCore, type TestCore } from './helpers/workspace.ts';

const message = (subject: string, over: Partial<PackageDraft['message']> = {}): PackageDraft['message'] => ({
  subject,
  body: '',
  indicators: [],
  action: '',
  result: '',
  expectedAt: null,
  place: '',
  ...over,
});
const selection = (over: Partial<PackageDraft['selection']> = {}): PackageDraft['selection'] => ({
  caseId: null,
  shipments: [],
  parties: [],
  containers: [],
  passengers: [],
  seizures: [],
  charts: [],
  notes: null,
  attachments: null,
  ...over,
});
const draft = (recipients: number[], over: Partial<PackageDraft> = {}): PackageDraft => ({
  kind: 'selection',
  recipients,
  handling: 'AMBER',
  expiresInDays: 30,
  message: message('Shipments of interest'),
  selection: selection(),
  inReplyTo: null,
  ...over,
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'accepted';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

/** Waits for background jobs (scoring after a merge runs by itself) so that counts are stable. */
async function settled(t: TestCore): Promise<void> {
  for (const j of t.core.jobs.list()) if (j.state === 'running') await t.core.jobs.wait(j.id);
}

/** Row counts of every table but the audit log (and SQLite's and FTS's own). */
function counts(db: Db): Record<string, number> {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_search%' AND name <> 'audit_log'`)
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
}

/** A stored zip of the given entries, names taken as they are (for hand-made bad packages). */
function rawZip(entries: { name: string; data: Buffer; deflate?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body = e.deflate ? deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x0800, 6);
    h.writeUInt16LE(e.deflate ? 8 : 0, 8);
    h.writeUInt32LE(crc32(e.data), 14);
    h.writeUInt32LE(body.length, 18);
    h.writeUInt32LE(e.data.length, 22);
    h.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(e.deflate ? 8 : 0, 10);
    c.writeUInt32LE(crc32(e.data), 16);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(e.data.length, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(h, name, body);
    central.push(c, name);
    offset += 30 + name.length + body.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** The entries of a package's plaintext zip. */
async function entriesOf(zip: Buffer): Promise<{ name: string; data: Buffer }[]> {
  const out: { name: string; data: Buffer }[] = [];
  for await (const e of readZipStream(
    (async function* () {
      yield zip;
    })(),
  )) {
    const parts: Buffer[] = [];
    for await (const c of e.data) parts.push(c);
    out.push({ name: e.name, data: Buffer.concat(parts) });
  }
  return out;
}

async function zipOf(entries: { name: string; data: Buffer }[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  const w = new PackageZipWriter((c) => void parts.push(Buffer.from(c)));
  for (const e of entries) await w.addBuffer(e.name, e.data, e.name === 'manifest.json' || e.name === 'content.json' ? 'deflate' : 'store');
  await w.finish();
  return Buffer.concat(parts);
}

describe('exchange', () => {
  let a: TestCore;
  let b: TestCore;
  let c: TestCore;
  let dbA: Db;
  let dbB: Db;
  let partnerBonA: number;
  let partnerAonB: number;
  let partnerConB: number;
  let caseFile: string;
  const params = { ...DEFAULT_PARAMS, seed: 21, shipments: 300, passengers: 60 };

  beforeAll(async () => {
    [a, b, c] = [testCore(), testCore(), testCore()];
    await a.core.workspace.create({ dir: join(a.root, 'ws'), name: 'A', passphrase: PASSPHRASE });
    await b.core.workspace.create({ dir: join(b.root, 'ws'), name: 'B', passphrase: PASSPHRASE });
    await c.core.workspace.create({ dir: join(c.root, 'ws'), name: 'C', passphrase: PASSPHRASE });
    dbA = a.core.workspace.db();
    dbB = b.core.workspace.db();
    writeScenario(dbA, params, generateScenario(params).items);
    // B holds part of the same traffic (for hashed matching): a smaller scenario from the same seed.
    const small = { ...params, shipments: 60, passengers: 10 };
    writeScenario(dbB, small, generateScenario(small).items);
  });
  afterAll(async () => {
    await a.dispose();
    await b.dispose();
    await c.dispose();
  });

  it('sets up each unit with its keys and refuses work before that', async () => {
    expect(await codeOf(Promise.resolve().then(() => a.core.exchange.exportCard()))).toBe('UNIT_NOT_SET_UP');
    const idA = a.core.exchange.saveProfile({ name: 'PCU Bar', agency: 'Uprava carina', country: 'ME', unitType: 'PCU' });
    b.core.exchange.saveProfile({ name: 'ACCU Sarajevo', agency: 'UIO BiH', country: 'BA', unitType: 'ACCU' });
    c.core.exchange.saveProfile({ name: 'JAITF Tirana', agency: 'Policia e Shtetit', country: 'AL', unitType: 'JAITF' });
    expect(idA.keys).toHaveLength(1);
    expect(idA.keys[0]!.recipient).toMatch(/^age1[a-z0-9]{58}$/);
    expect(idA.words).toHaveLength(12);
    expect(idA.digits).toHaveLength(6);
    expect(idA.digits.every((g) => /^\d{5}$/.test(g))).toBe(true);
    // The secrets are in the database only; the card carries public keys.
    const card = a.core.exchange.exportCard().text;
    expect(card).not.toContain('AGE-SECRET-KEY');
    expect(JSON.parse(card)).toMatchObject({ unit: { name: 'PCU Bar', country: 'ME' } });
  });

  it('trusts a partner only after its fingerprint is confirmed out of band', () => {
    const cardA = a.core.exchange.exportCard().text;
    const cardB = b.core.exchange.exportCard().text;
    const preview = b.core.exchange.previewCard(cardA);
    expect(preview).toMatchObject({ status: 'new', profile: { name: 'PCU Bar' } });
    expect(preview.words).toEqual(fingerprintWords(preview.fingerprint));
    // A tampered card (another name under the same signature) is refused.
    expect(() => b.core.exchange.previewCard(cardA.replace('PCU Bar', 'PCU Kotor'))).toThrow(expect.objectContaining({ code: 'UNIT_CARD_INVALID' }));
    const added = b.core.exchange.addCard(cardA, null);
    expect(added.trusted).toBe(false);
    expect(() => b.core.exchange.confirmKey(added.keys[0]!.id, '00000 00000 00000 00000 00000 00000')).toThrow(
      expect.objectContaining({ code: 'UNIT_FINGERPRINT_MISMATCH' }),
    );
    // Nothing goes to an unconfirmed partner.
    expect(() => b.core.exchange.plan(draft([added.id]))).toThrow(expect.objectContaining({ code: 'PARTNER_NOT_TRUSTED' }));
    const confirmed = b.core.exchange.confirmKey(added.keys[0]!.id, fingerprintDigits(preview.fingerprint).join(' '));
    expect(confirmed.trusted).toBe(true);
    partnerAonB = confirmed.id;
    // The other way round in one step, with the words read aloud.
    const fpB = a.core.exchange.previewCard(cardB).fingerprint;
    partnerBonA = a.core.exchange.addCard(cardB, fingerprintWords(fpB).join(' ')).id;
    expect(a.core.exchange.partners().find((p) => p.id === partnerBonA)?.trusted).toBe(true);
    // C is known to B but not confirmed.
    partnerConB = b.core.exchange.addCard(c.core.exchange.exportCard().text, null).id;
    a.core.exchange.addCard(c.core.exchange.exportCard().text, null);
  });

  it('sends a case with its attachments, notes, links and seizure; the recipient previews and merges it', async () => {
    const shipmentId = dbA
      .prepare('SELECT id FROM shipment WHERE EXISTS (SELECT 1 FROM shipment_container sc WHERE sc.shipment_id = shipment.id) LIMIT 1')
      .pluck()
      .get() as number;
    const partyId = dbA.prepare('SELECT party_id FROM shipment_party WHERE shipment_id = ? LIMIT 1').pluck().get(shipmentId) as number;
    const kase = a.core.cases.create({
      draft: { title: 'Cocaine in reefers', summary: 'Rip-on through Bar', status: 'open', owner: 'analyst', tags: ['cocaine'], tlp: 'AMBER', grading: '4x4' },
      from: null,
    });
    a.core.cases.link({
      caseId: kase.id,
      items: [
        { kind: 'shipment', refId: shipmentId, note: '', grade: null },
        { kind: 'party', refId: partyId, note: '', grade: null },
      ],
    });
    a.core.cases.saveNote({
      caseId: kase.id,
      id: null,
      body: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Seal changed at Algeciras on ' },
              { type: 'mention', attrs: { id: `shipment:${shipmentId}`, label: 'the reefer' } },
            ],
          },
        ],
      },
      text: 'Seal changed at Algeciras.',
      grade: null,
    });
    const photo = Buffer.alloc(300_000, 7);
    const up = a.core.cases.attachChunk({
      attachId: null,
      caseId: kase.id,
      name: 'seal.jpg',
      mediaType: 'image/jpeg',
      offset: 0,
      data: photo.toString('base64'),
    });
    a.core.cases.attachFinish({ attachId: up.attachId, description: 'Seal photo', grade: null });
    a.core.cases.saveSeizure({
      caseId: kase.id,
      id: null,
      seizure: {
        category: 'drugs',
        commodity: 'cocaine',
        quantity: 42,
        unit: 'kg',
        concealment: 'rip_on_rip_off',
        detection: 'x_ray',
        place: 'Bar',
        date: '2026-11-20',
        notes: '',
        route: ['ECGYE', 'MEBAR'],
        involved: [],
        photos: [],
        entity: 'shipment',
        entityId: shipmentId,
      },
    });
    const d = draft([partnerBonA], { kind: 'case', message: message('Case: cocaine in reefers'), selection: selection({ caseId: kase.id }) });
    // The handling code may not be weaker than the case's.
    expect(() => a.core.exchange.plan({ ...d, handling: 'GREEN' })).toThrow(expect.objectContaining({ code: 'PACKAGE_HANDLING_REFUSED' }));
    const plan = a.core.exchange.plan(d);
    expect(plan.counts).toMatchObject({ shipments: 1, parties: 1, notes: 1, attachments: 1, seizures: 1 });
    expect(plan.attachmentBytes).toBe(photo.length);
    const sent = await a.core.exchange.send(d, join(a.root, 'case.age'));
    caseFile = sent.file;
    expect(sent).toMatchObject({ direction: 'out', kind: 'case', status: 'sent', sequence: 1 });
    expect(readFileSync(caseFile).subarray(0, 22).toString()).toBe('age-encryption.org/v1\n');

    // A dry run verifies and previews, and stores nothing.
    const before = counts(dbB);
    const dry = await b.core.exchange.receive({ uploadId: null, path: caseFile, dryRun: true });
    expect(dry.records.length).toBeGreaterThan(0);
    expect(counts(dbB)).toEqual(before);

    const preview = await b.core.exchange.receive({ uploadId: null, path: caseFile, dryRun: false });
    expect(preview.sender).toMatchObject({ name: 'PCU Bar', country: 'ME' });
    expect(preview.case).toMatchObject({ title: 'Cocaine in reefers' });
    expect(preview.attachments).toEqual([
      expect.objectContaining({ name: 'seal.jpg', size: photo.length, sha256: createHash('sha256').update(photo).digest('hex') }),
    ]);
    expect(preview.auditHead).toMatch(/^[0-9a-f]{64}$/);
    const shipment = preview.records.find((r) => r.entity === 'shipment')!;
    expect(['new', 'same', 'conflict']).toContain(shipment.status);

    const result = b.core.exchange.merge(preview.summary.id, { records: preview.records.map((r) => r.ref), createCase: true });
    expect(result.caseId).not.toBeNull();
    const merged = b.core.cases.get(result.caseId!);
    expect(merged.title).toBe('Cocaine in reefers');
    expect(merged.notes[0]!.text).toContain('Seal changed at Algeciras.');
    // A's @-mentions named A's rows: they arrive as text, and the sign-off shows in the rich text too.
    const body = JSON.stringify(merged.notes[0]!.body);
    expect(body).not.toContain('"mention"');
    expect(body).toContain('@the reefer');
    expect(body).toContain('PCU Bar');
    expect(await codeOf(b.core.exchange.receive({ uploadId: null, path: join(b.root, 'no-such.age'), dryRun: false }))).toBe('PACKAGE_FILE_NOT_FOUND');
    expect(merged.attachments[0]).toMatchObject({ name: 'seal.jpg', size: photo.length });
    expect(b.core.cases.attachment(merged.attachments[0]!.id).dataBase64).toBe(photo.toString('base64'));
    expect(merged.seizures[0]).toMatchObject({ commodity: 'cocaine', quantity: 42, entity: 'shipment' });
    expect(merged.links.map((l) => l.kind).sort()).toEqual(['party', 'shipment']);
    // Merged records keep their origin: the import that brought them names the package and its sender.
    const source = dbB.prepare(`SELECT source_file FROM import_batch WHERE id = ?`).pluck().get(result.importId) as string;
    expect(source).toContain(preview.summary.packageId);
    expect(source).toContain('PCU Bar');
    expect(b.core.exchange.preview(preview.summary.id).records.every((r) => r.merged)).toBe(true);
  });

  it('sends a chart with the records on it; the recipient gets it renamed to its own records', async () => {
    const shipmentId = dbA.prepare('SELECT id FROM shipment ORDER BY id DESC LIMIT 1').pluck().get() as number;
    const node = (id: string, type: string, record: unknown) => ({ id, type, label: id, detail: '', risk: null, watch: [], record, geo: null });
    const chart = a.core.graph.saveChart({
      id: null,
      name: 'Network',
      description: 'Shipper and its address',
      content: {
        nodes: [
          node(`shipment:${shipmentId}`, 'shipment', { kind: 'shipment', id: shipmentId }),
          node('address:1 harbour road|me', 'address', null),
          node('vessel:1', 'vessel', null),
        ],
        edges: [
          {
            id: 'e1',
            type: 'uses_address',
            source: `shipment:${shipmentId}`,
            target: 'address:1 harbour road|me',
            first: null,
            last: null,
            count: 1,
            sources: [],
          },
        ],
        positions: { [`shipment:${shipmentId}`]: { x: 10, y: 20 } },
        pinned: [],
        hidden: [],
        groups: [],
        style: { sizeBy: null, colourBy: null, layout: 'fcose' },
        filters: {},
        viewport: null,
      },
    });
    const sent = await a.core.exchange.send(
      draft([partnerBonA], { message: message('A chart'), selection: selection({ charts: [chart.id] }) }),
      join(a.root, 'chart.age'),
    );
    const got = await b.core.exchange.receive({ uploadId: null, path: sent.file, dryRun: false });
    expect(got.charts).toEqual([expect.objectContaining({ name: 'Network', nodes: 2 })]);
    const merged = b.core.exchange.merge(got.summary.id, { records: got.records.map((r) => r.ref), createCase: true });
    const link = b.core.cases.get(merged.caseId!).links.find((l) => l.kind === 'chart')!;
    const onB = b.core.graph.chart(link.refId);
    const localShipment = dbB
      .prepare(`SELECT entity_id FROM exchange_merged WHERE package_row = ? AND entity = 'shipment'`)
      .pluck()
      .get(got.summary.id) as number;
    const ids = onB.content.nodes.map((n) => n['id']);
    // The vessel was A's own row and did not travel; the shipment is B's row now, and opens it.
    expect(ids.sort()).toEqual([`shipment:${localShipment}`, 'address:1 harbour road|me'].sort());
    expect(onB.content.nodes.find((n) => n['id'] === `shipment:${localShipment}`)!['record']).toEqual({ kind: 'shipment', id: localShipment });
    expect(onB.content.edges).toHaveLength(1);
    expect(onB.content.positions[`shipment:${localShipment}`]).toEqual({ x: 10, y: 20 });
  });

  it('replies with feedback that links back to the package', async () => {
    const inbox = b.core.exchange.packages('in');
    const original = inbox[0]!;
    const reply = await b.core.exchange.send(
      draft([partnerAonB], {
        kind: 'feedback',
        message: message('Re: Case: cocaine in reefers', { action: 'examined', result: 'positive', body: 'Container examined at Ploče.' }),
        inReplyTo: original.packageId,
      }),
      join(b.root, 'reply.age'),
    );
    const got = await a.core.exchange.receive({ uploadId: null, path: reply.file, dryRun: false });
    expect(got.message).toMatchObject({ action: 'examined', result: 'positive' });
    expect(got.summary.inReplyTo).toBe(original.packageId);
    expect(a.core.exchange.packages('out')[0]!.replies).toEqual([reply.packageId]);
  });

  it('interoperates with the age tool both ways', async () => {
    const dir = b.root;
    writeFileSync(join(dir, 'b.key'), currentAgeIdentity(dbB) + '\n', { mode: 0o600 });
    // age decrypts our package with the unit's key: inside is the signed zip.
    execFileSync('age', ['-d', '-i', join(dir, 'b.key'), '-o', join(dir, 'case.zip'), caseFile]);
    const entries = await entriesOf(readFileSync(join(dir, 'case.zip')));
    expect(entries.map((e) => e.name).slice(0, 3)).toEqual(['signature.json', 'manifest.json', 'content.json']);
    // age encrypts a package (here: a fresh one of A's, decrypted) to the unit's recipient: it is accepted.
    const fresh = await a.core.exchange.send(draft([partnerBonA], { selection: selection({ shipments: [1, 2] }) }), join(a.root, 'fresh.age'));
    execFileSync('age', ['-d', '-i', join(dir, 'b.key'), '-o', join(dir, 'fresh.zip'), fresh.file]);
    execFileSync('age', ['-r', ownKey(dbB).recipient, '-o', join(dir, 'fresh-by-age.age'), join(dir, 'fresh.zip')]);
    const got = await b.core.exchange.receive({ uploadId: null, path: join(dir, 'fresh-by-age.age'), dryRun: false });
    expect(got.summary.packageId).toBe(fresh.packageId);
    expect(got.records.filter((r) => r.entity === 'shipment')).toHaveLength(2);
  });

  it('refuses an expired package by the recipient clock', async () => {
    const sent = await a.core.exchange.send(
      draft([partnerBonA], { kind: 'warning', expiresInDays: 1, message: message('Short-lived') }),
      join(a.root, 'short.age'),
    );
    const later = new ExchangeService({
      events: b.core.events,
      workspace: b.core.workspace,
      uploads: new Uploads(),
      actor: 'test',
      now: () => new Date(Date.now() + 2 * 86_400_000),
    });
    expect(await codeOf(later.receive({ uploadId: null, path: sent.file, dryRun: false }))).toBe('PACKAGE_EXPIRED');
  });

  describe('refuses bad packages, each with its own code, changing nothing', () => {
    let good: Buffer;
    let big: Buffer;
    const CHUNK = 64 * 1024 + 16;
    const payloadStart = (file: Buffer) => file.indexOf('\n', file.indexOf('\n--- ') + 1) + 1 + 16;
    let plain: Buffer;
    let identityB: string;
    let recipientB: string;
    const cases: [string, string, () => Promise<Buffer> | Buffer][] = [];
    let n = 0;
    const receiveBytes = (bytes: Buffer) => {
      const file = join(b.root, `bad-${++n}.age`);
      writeFileSync(file, bytes);
      return b.core.exchange.receive({ uploadId: null, path: file, dryRun: false });
    };
    /** A's package re-made with one change to its signed parts, re-encrypted to B. */
    const remade = async (change: (entries: { name: string; data: Buffer }[]) => void, recipients?: string[]) => {
      const entries = await entriesOf(plain);
      change(entries);
      return encrypt(await zipOf(entries), recipients ?? [recipientB]);
    };
    /** A package signed by A with a hand-made manifest (as A's workspace would, e.g. restored from an old backup). */
    const signedByA = async (over: Partial<Manifest>, content = Buffer.from('{}')) => {
      const key = ownKey(dbA);
      const recipientKey = a.core.exchange.partners().find((p) => p.id === partnerBonA)!.keys[0]!;
      const manifest: Manifest = {
        format: PACKAGE_FORMAT,
        id: randomUUID(),
        kind: 'warning',
        subject: 'x',
        sender: { unit: a.core.exchange.identity().profile!, fingerprint: key.fingerprint },
        recipients: [{ name: 'ACCU Sarajevo', country: 'BA', fingerprint: recipientKey.fingerprint, recipient: recipientKey.recipient }],
        createdAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        handling: 'AMBER',
        sequence: 999,
        inReplyTo: null,
        auditHead: null,
        files: [{ path: 'content.json', size: content.length, sha256: createHash('sha256').update(content).digest('hex') }],
        ...over,
      };
      const out = join(a.root, `crafted-${randomUUID()}.age`);
      await writePackage(out, manifest, key, [
        {
          path: 'content.json',
          size: content.length,
          sha256: manifest.files[0]!.sha256,
          method: 'deflate',
          read: () => content,
        },
      ]);
      return readFileSync(out);
    };

    beforeAll(async () => {
      const sent = await a.core.exchange.send(draft([partnerBonA], { selection: selection({ shipments: [3, 4, 5] }) }), join(a.root, 'good.age'));
      good = readFileSync(sent.file);
      // A package of several chunks: a case with an incompressible attachment.
      const kase = a.core.cases.create({
        draft: { title: 'Big', summary: '', status: 'open', owner: 'analyst', tags: [], tlp: 'AMBER', grading: '4x4' },
        from: null,
      });
      const up = a.core.cases.attachChunk({
        attachId: null,
        caseId: kase.id,
        name: 'scan.bin',
        mediaType: 'application/octet-stream',
        offset: 0,
        data: randomBytes(400_000).toString('base64'),
      });
      a.core.cases.attachFinish({ attachId: up.attachId, description: '', grade: null });
      big = readFileSync(
        (await a.core.exchange.send(draft([partnerBonA], { kind: 'case', selection: selection({ caseId: kase.id }) }), join(a.root, 'big.age'))).file,
      );
      identityB = currentAgeIdentity(dbB);
      recipientB = ownKey(dbB).recipient;
      plain = decrypt(good, [identityB]).plaintext;
    });

    const flip = (buf: Buffer, at: number) => {
      const copy = Buffer.from(buf);
      copy[at] = copy[at]! ^ 0x01;
      return copy;
    };

    cases.push(['not an age file', 'PACKAGE_NOT_AGE', () => Buffer.from('PK\u0003\u0004 this is a zip, not a package')]);
    cases.push(['truncated at a chunk boundary', 'PACKAGE_TRUNCATED', () => big.subarray(0, payloadStart(big) + 2 * CHUNK)]);
    cases.push([
      'bit flip in the header MAC',
      'PACKAGE_HEADER_TAMPERED',
      () => {
        const mac = good.indexOf('--- ') + 4;
        const copy = Buffer.from(good);
        copy[mac + 2] = copy[mac + 2] === 0x41 ? 0x42 : 0x41; // another base64 letter
        return copy;
      },
    ]);
    cases.push([
      'bit flip in the header stanza',
      'PACKAGE_HEADER_INVALID',
      () => {
        const copy = Buffer.from(good);
        copy[good.indexOf('-> X25519 ') + 14] = 0x2a; // '*' is not base64
        return copy;
      },
    ]);
    cases.push(['bit flip in the payload', 'PACKAGE_PAYLOAD_TAMPERED', () => flip(good, good.length - 40)]);
    cases.push([
      'bit flip in the manifest',
      'PACKAGE_SIGNATURE_INVALID',
      () =>
        remade((e) => {
          const m = e.find((x) => x.name === 'manifest.json')!;
          m.data = Buffer.from(m.data.toString().replace('"subject":"', '"subject":"X'));
        }),
    ]);
    cases.push([
      'bit flip in the signature',
      'PACKAGE_SIGNATURE_INVALID',
      () =>
        remade((e) => {
          const s = e.find((x) => x.name === 'signature.json')!;
          const j = JSON.parse(s.data.toString()) as { fingerprint: string; signature: string };
          const sig = Buffer.from(j.signature, 'base64');
          sig[10] = sig[10]! ^ 1;
          s.data = Buffer.from(canonicalJson({ ...j, signature: sig.toString('base64') }));
        }),
    ]);
    cases.push([
      'recipient list altered',
      'PACKAGE_SIGNATURE_INVALID',
      () =>
        remade((e) => {
          const m = e.find((x) => x.name === 'manifest.json')!;
          const j = JSON.parse(m.data.toString()) as Manifest;
          j.recipients.push({ ...j.recipients[0]!, name: 'Someone else' });
          m.data = Buffer.from(canonicalJson(j));
        }),
    ]);
    cases.push([
      'content replaced under a valid signature',
      'PACKAGE_CONTENT_MISMATCH',
      () =>
        remade((e) => {
          const m = e.find((x) => x.name === 'content.json')!;
          m.data = Buffer.from(m.data.toString().replace('Shipments of interest', 'Shipments of Interest'));
        }),
    ]);
    cases.push([
      'encrypted to more recipients than it lists',
      'PACKAGE_RECIPIENTS_MISMATCH',
      () => remade(() => {}, [recipientB, generateIdentity().recipient]),
    ]);
    cases.push([
      'too many recipient stanzas',
      'PACKAGE_TOO_MANY_STANZAS',
      () => remade(() => {}, [recipientB, ...Array.from({ length: 25 }, () => generateIdentity().recipient)]),
    ]);
    cases.push([
      'a passphrase stanza mixed with others',
      'PACKAGE_PASSPHRASE_STANZA',
      () => {
        const at = good.indexOf('\n-> ') + 1;
        return Buffer.concat([
          good.subarray(0, at),
          Buffer.from('-> scrypt AAAAAAAAAAAAAAAAAAAAAA 18\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n'),
          good.subarray(at),
        ]);
      },
    ]);
    cases.push(['this unit not a recipient', 'PACKAGE_NOT_FOR_THIS_UNIT', () => encrypt(plain, [generateIdentity().recipient])]);
    cases.push([
      're-addressed to this unit by another recipient',
      'PACKAGE_NOT_ADDRESSED',
      async () => {
        const toC = a.core.exchange.partners().find((p) => p.name === 'JAITF Tirana')!;
        // A trusts C for this test, sends to C; C re-encrypts the plaintext to B.
        a.core.exchange.confirmKey(toC.keys[0]!.id, toC.keys[0]!.fingerprint);
        const sent = await a.core.exchange.send(draft([toC.id], { selection: selection({ shipments: [6] }) }), join(a.root, 'to-c.age'));
        const inner = decrypt(readFileSync(sent.file), [currentAgeIdentity(c.core.workspace.db())]).plaintext;
        return encrypt(inner, [recipientB]);
      },
    ]);
    cases.push([
      'unknown sender',
      'PACKAGE_UNKNOWN_SENDER',
      async () => {
        const stranger = testCore();
        await stranger.core.workspace.create({ dir: join(stranger.root, 'ws'), name: 'S', passphrase: PASSPHRASE });
        stranger.core.exchange.saveProfile({ name: 'Stranger', agency: 'x', country: 'XK', unitType: 'other' });
        const p = stranger.core.exchange.addCard(b.core.exchange.exportCard().text, null);
        stranger.core.exchange.confirmKey(p.keys[0]!.id, p.keys[0]!.fingerprint);
        const sent = await stranger.core.exchange.send(draft([p.id], { kind: 'warning' }), join(stranger.root, 's.age'));
        const bytes = readFileSync(sent.file);
        await stranger.dispose();
        return bytes;
      },
    ]);
    cases.push([
      'sender not yet confirmed',
      'PACKAGE_SENDER_UNTRUSTED',
      async () => {
        const p = c.core.exchange.addCard(b.core.exchange.exportCard().text, null);
        c.core.exchange.confirmKey(p.keys[0]!.id, p.keys[0]!.fingerprint);
        return readFileSync((await c.core.exchange.send(draft([p.id], { kind: 'warning' }), join(c.root, 'c.age'))).file);
      },
    ]);
    cases.push([
      'expired',
      'PACKAGE_EXPIRED',
      () =>
        signedByA({
          createdAt: new Date(Date.now() - 10 * 86_400_000).toISOString(),
          expiresAt: new Date(Date.now() - 86_400_000).toISOString(),
          sequence: 900,
        }),
    ]);
    cases.push(['duplicate', 'PACKAGE_DUPLICATE', () => readFileSync(caseFile)]);
    cases.push(['replayed sequence number', 'PACKAGE_REPLAYED', () => signedByA({ sequence: 1 })]);
    cases.push([
      'zip entry with a path trick',
      'PACKAGE_ZIP_UNSAFE',
      async () => {
        const e = await entriesOf(plain);
        return encrypt(rawZip([...e.slice(0, 2), { name: '../../evil.sh', data: Buffer.from('rm -rf /') }]), [recipientB]);
      },
    ]);
    cases.push([
      'zip bomb',
      'PACKAGE_ZIP_BOMB',
      async () => {
        const e = await entriesOf(plain);
        return encrypt(rawZip([...e.slice(0, 2), { name: 'content.json', data: Buffer.alloc(30 * 1024 * 1024), deflate: true }]), [recipientB]);
      },
    ]);

    it('has a negative corpus of at least 15 kinds', () => expect(cases.length).toBeGreaterThanOrEqual(15));

    it.each(cases.map((x, i) => [i, x[0], x[1]] as const))('%i: %s → %s', async (i, _name, code) => {
      const bytes = await cases[i]![2]();
      await settled(b);
      const before = counts(dbB);
      expect(await codeOf(receiveBytes(bytes))).toBe(code);
      expect(counts(dbB)).toEqual(before);
    });

    it('refuses truncation at every one of many offsets', async () => {
      await settled(b);
      const before = counts(dbB);
      // Cut inside the header or the nonce: truncated (or, mid-line, a malformed header).
      for (let cut = 1; cut < payloadStart(good); cut += 7) {
        expect(['PACKAGE_TRUNCATED', 'PACKAGE_HEADER_INVALID', 'PACKAGE_NOT_AGE'], `cut at ${cut}`).toContain(
          await codeOf(receiveBytes(good.subarray(0, cut))),
        );
      }
      // Cut at every chunk boundary: truncated; inside a chunk the cut chunk cannot authenticate: tampered.
      for (let cut = payloadStart(big); cut < big.length; cut += CHUNK) {
        expect(await codeOf(receiveBytes(big.subarray(0, cut))), `cut at ${cut}`).toBe('PACKAGE_TRUNCATED');
      }
      for (let cut = payloadStart(big) + 1; cut < big.length; cut += 9973) {
        expect(['PACKAGE_TRUNCATED', 'PACKAGE_PAYLOAD_TAMPERED'], `cut at ${cut}`).toContain(await codeOf(receiveBytes(big.subarray(0, cut))));
      }
      expect(counts(dbB)).toEqual(before);
    });

    it('logs each refusal in the audit log (without the content)', () => {
      const refusals = dbB.prepare(`SELECT details FROM audit_log WHERE action = 'package.refuse'`).pluck().all() as string[];
      expect(refusals.length).toBeGreaterThan(15);
      expect(refusals.some((r) => r.includes('PACKAGE_SIGNATURE_INVALID'))).toBe(true);
    });
  });

  it('reads old packages after a rotation, and refuses a revoked key', async () => {
    // A package to B's current key, then B rotates: B still reads it with the retired key.
    const before = await a.core.exchange.send(draft([partnerBonA], { kind: 'warning', message: message('Before rotation') }), join(a.root, 'pre-rot.age'));
    const rotated = b.core.exchange.rotateKeys();
    expect(rotated.keys.filter((k) => k.retiredAt)).toHaveLength(1);
    expect((await b.core.exchange.receive({ uploadId: null, path: before.file, dryRun: false })).message.subject).toBe('Before rotation');
    // B's new card, endorsed by its old key, is a rotation for A: pending until confirmed; then the old key retires.
    const card = b.core.exchange.exportCard().text;
    const preview = a.core.exchange.previewCard(card);
    expect(preview.status).toBe('rotated');
    const p = a.core.exchange.addCard(card, preview.digits.join(''));
    expect(p.keys.map((k) => k.status).sort()).toEqual(['retired', 'trusted']);
    // A revokes B's key (a lost laptop): what it signs is refused.
    const fromB = await b.core.exchange.send(draft([partnerAonB], { kind: 'warning', message: message('After') }), join(b.root, 'after.age'));
    a.core.exchange.revokePartnerKey(p.keys.find((k) => k.status === 'trusted')!.id, 'laptop lost');
    const rows = counts(dbA);
    expect(await codeOf(a.core.exchange.receive({ uploadId: null, path: fromB.file, dryRun: false }))).toBe('PACKAGE_KEY_REVOKED');
    expect(counts(dbA)).toEqual(rows);
    void partnerConB;
  });

  it('matches hashed identifiers: each side learns only the overlaps', async () => {
    // C and B set up trust both ways, then B sends C nothing but keyed hashes.
    const pCB = c.core.exchange.partners().find((p) => p.name === 'ACCU Sarajevo')!;
    const bIdentity = b.core.exchange.identity();
    const cardB = b.core.exchange.exportCard().text;
    c.core.exchange.addCard(cardB, bIdentity.digits.join(' '));
    const pBC = b.core.exchange.partners().find((p) => p.name === 'JAITF Tirana')!;
    b.core.exchange.confirmKey(pBC.keys[0]!.id, pBC.keys[0]!.fingerprint);
    // A shares with C the same containers B holds: put a few of B's container numbers in C's workspace.
    const dbC = c.core.workspace.db();
    const numbers = dbB.prepare('SELECT number FROM container ORDER BY id LIMIT 5').pluck().all() as string[];
    for (const num of numbers) dbC.prepare(`INSERT INTO container (number, number_valid, size_type) VALUES (?, 1, '45R1')`).run(num);
    dbC.prepare(`INSERT INTO container (number, number_valid, size_type) VALUES ('ZZZU0000000', 0, '22G1')`).run();
    const sent = await b.core.exchange.sendMatchSet(pBC.id, ['container', 'party'], join(b.root, 'match.age'));
    expect(sent.hashes).toBeGreaterThan(numbers.length);
    // No plaintext identifier in the package's content.
    const inner = decrypt(readFileSync(sent.file), [currentAgeIdentity(dbC)]).plaintext;
    for (const num of numbers) expect(inner.includes(Buffer.from(num))).toBe(false);
    const got = await c.core.exchange.receive({ uploadId: null, path: sent.file, dryRun: false });
    expect(got.match).toEqual({ categories: ['container', 'party'], hashes: sent.hashes });
    const match = c.core.exchange.matchReceived(got.summary.id);
    expect(match.overlaps.map((o) => o.label).sort()).toEqual([...numbers].sort());
    void pCB;
  });
});
