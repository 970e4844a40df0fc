// Cases (issue 8) on a real encrypted workspace with a generated scenario: linking and unlinking, grades,
// the notebook's edit history and mentions, attachments encrypted on disk with their hashes and chain of
// custody, seizures with and without a record, cases made from a hit, the timeline, script-insensitive
// search, and the migration of a version-14 workspace's seizures.
import Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseDraft } from '../../shared/domain/cases.ts';
import { decryptAttachment, encryptAttachment } from '../../electron/core/cases/attachment-crypto.ts';
import { mentionsOf } from '../../electron/core/cases/notes.ts';
import { snippet } from '../../electron/core/cases/search.ts';
import { DEFAULT_PARAMS, generateScenario } from '../../electron/core/generator/scenario.ts';
import { writeScenario } from '../../electron/core/generator/workspace-writer.ts';
import type { Db } from '../../electron/core/workspace/database.ts';
import { MIGRATIONS, migrate } from '../../electron/core/workspace/migrations/index.ts';
import { PASSPHRASE, testCore, type TestCore } from './helpers/workspace.ts';

const draft = (over: Partial<CaseDraft> = {}): CaseDraft => ({
  title: 'Cocaine in banana reefers',
  summary: 'Rip-on/rip-off through Bar',
  status: 'open',
  owner: 'analyst',
  tags: ['cocaine', 'reefer'],
  tlp: 'AMBER',
  grading: '4x4',
  ...over,
});
const doc = (...parts: unknown[]) => ({ type: 'doc', content: [{ type: 'paragraph', content: parts }] });
const txt = (text: string) => ({ type: 'text', text });
const mention = (id: string, label: string) => ({ type: 'mention', attrs: { id, label } });
const seizureFields = {
  category: 'drugs' as const,
  commodity: 'cocaine',
  quantity: 12.5,
  unit: 'kg' as const,
  concealment: 'rip_on_rip_off' as const,
  detection: 'x_ray' as const,
  place: 'Bar',
  date: '2026-11-20',
};

describe('cases', () => {
  let t: TestCore;
  let db: Db;
  let wsDir: string;
  const params = { ...DEFAULT_PARAMS, seed: 11, shipments: 400, passengers: 80 };
  const one = <T>(sql: string, ...args: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .get(...args) as T;
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      return (err as { code?: string }).code;
    }
    return 'no error';
  };

  beforeAll(async () => {
    t = testCore();
    wsDir = join(t.root, 'ws');
    await t.core.workspace.create({ dir: wsDir, name: 'cases', passphrase: PASSPHRASE });
    db = t.core.workspace.db();
    writeScenario(db, params, generateScenario(params).items);
  });
  afterAll(() => t.dispose());

  /** A hit on a shipment with a container, decided and inspected positive with its seizure. */
  function positiveHit(): { hitId: number; shipmentId: number } {
    const shipmentId = one<number>(
      'SELECT s.id FROM shipment s WHERE EXISTS (SELECT 1 FROM shipment_container sc WHERE sc.shipment_id = s.id) AND s.id NOT IN (SELECT entity_id FROM target_hit) AND s.departure_date IS NOT NULL LIMIT 1',
    );
    const hitId = Number(
      db
        .prepare(
          `INSERT INTO target_hit (entity, entity_id, score, lane, random, explanation, rules, scored_at, status) VALUES ('shipment', ?, 0.92, 'red', 0, '{"rules":[]}', '', '2026-11-18T08:00:00.000Z', 'open')`,
        )
        .run(shipmentId).lastInsertRowid,
    );
    t.core.targeting.decide({ hitId, decision: 'inspect', reason: '' });
    t.core.targeting.outcome({ hitId, outcome: 'positive', seizure: { ...seizureFields, notes: '' } });
    return { hitId, shipmentId };
  }

  it('gives each case a yearly reference and lists them with filters', () => {
    const a = t.core.cases.create({ draft: draft(), from: null });
    const b = t.core.cases.create({ draft: draft({ title: 'Cigarettes via Ploče', tags: ['tobacco'], status: 'pending' }), from: null });
    const year = new Date().getUTCFullYear();
    expect(a.reference).toMatch(new RegExp(`^CASE-${year}-\\d{4}$`));
    expect(Number(b.reference.slice(-4))).toBe(Number(a.reference.slice(-4)) + 1);
    expect(a).toMatchObject({
      title: 'Cocaine in banana reefers',
      tlp: 'AMBER',
      grading: '4x4',
      links: [],
      notes: [],
      createdBy: expect.stringMatching(/^os:/),
    });
    expect(t.core.cases.list({ status: 'pending', offset: 0, limit: 50 }).cases.map((c) => c.id)).toEqual([b.id]);
    expect(t.core.cases.list({ tag: 'cocaine', offset: 0, limit: 50 }).cases.map((c) => c.id)).toContain(a.id);
    expect(t.core.cases.list({ tag: 'cocaine', offset: 0, limit: 50 }).cases.map((c) => c.id)).not.toContain(b.id);
    // Text in any script: "Плоче" finds "Ploče".
    expect(t.core.cases.list({ text: 'плоче', offset: 0, limit: 50 }).cases.map((c) => c.id)).toEqual([b.id]);
    const updated = t.core.cases.update({ id: b.id, draft: draft({ title: 'Cigarettes via Ploče', status: 'closed', tlp: 'RED' }) });
    expect(updated).toMatchObject({ status: 'closed', tlp: 'RED', reference: b.reference });
    expect(code(() => t.core.cases.get(999_999))).toBe('CASE_NOT_FOUND');
  });

  it('links records once each, refuses unknown ones, and unlinks', () => {
    const c = t.core.cases.create({ draft: draft(), from: null });
    const shipments = db.prepare('SELECT id FROM shipment ORDER BY id LIMIT 3').pluck().all() as number[];
    const party = one<number>('SELECT id FROM party LIMIT 1');
    const items = [
      ...shipments.map((refId) => ({ kind: 'shipment' as const, refId, note: '', grade: null })),
      { kind: 'party' as const, refId: party, note: 'consignee', grade: { source: 'B', information: '2' } },
    ];
    expect(t.core.cases.link({ caseId: c.id, items })).toEqual({ added: 4 });
    expect(t.core.cases.link({ caseId: c.id, items })).toEqual({ added: 0 });
    expect(t.core.cases.link({ caseId: c.id, items: [{ kind: 'shipment', refId: shipments[0]!, note: '', grade: null }] })).toEqual({ added: 0 });
    let detail = t.core.cases.get(c.id);
    expect(detail.links).toHaveLength(4);
    const partyLink = detail.links.find((l) => l.kind === 'party')!;
    expect(partyLink).toMatchObject({
      refId: party,
      note: 'consignee',
      grade: { source: 'B', information: '2' },
      label: one<string>('SELECT name FROM party WHERE id = ?', party),
    });
    expect(detail.links.find((l) => l.kind === 'shipment')!.label).toBe(one<string>('SELECT doc_number FROM shipment WHERE id = ?', shipments[0]));

    // An unknown record refuses the lot: nothing of it is added.
    expect(
      code(() =>
        t.core.cases.link({
          caseId: c.id,
          items: [
            { kind: 'container', refId: one<number>('SELECT id FROM container LIMIT 1'), note: '', grade: null },
            { kind: 'party', refId: 9_999_999, note: '', grade: null },
          ],
        }),
      ),
    ).toBe('RECORD_NOT_FOUND');
    expect(t.core.cases.get(c.id).links).toHaveLength(4);
    expect(code(() => t.core.cases.link({ caseId: 999_999, items }))).toBe('CASE_NOT_FOUND');

    // A grade outside the case's grading system.
    expect(
      code(() => t.core.cases.link({ caseId: c.id, items: [{ kind: 'party', refId: party + 1, note: '', grade: { source: 'E', information: '5' } }] })),
    ).toBe('API_INVALID_INPUT');
    const admiralty = t.core.cases.create({ draft: draft({ grading: 'admiralty' }), from: null });
    expect(t.core.cases.link({ caseId: admiralty.id, items: [{ kind: 'party', refId: party, note: '', grade: { source: 'E', information: '5' } }] })).toEqual({
      added: 1,
    });
    // …and a change of system that would leave a grade outside it.
    expect(code(() => t.core.cases.update({ id: admiralty.id, draft: draft({ grading: '4x4' }) }))).toBe('API_INVALID_INPUT');

    expect(t.core.cases.unlink({ caseId: c.id, linkId: partyLink.id })).toEqual({ removed: true });
    detail = t.core.cases.get(c.id);
    expect(detail.links.map((l) => l.kind)).toEqual(['shipment', 'shipment', 'shipment']);
    expect(code(() => t.core.cases.unlink({ caseId: c.id, linkId: partyLink.id }))).toBe('CASE_NOT_FOUND');
    // Unlinked, it can be linked again.
    expect(t.core.cases.link({ caseId: c.id, items: [items[3]!] })).toEqual({ added: 1 });

    const audit = db.prepare(`SELECT action, details FROM audit_log WHERE entity = 'case' AND entity_id = ? ORDER BY seq`).all(String(c.id)) as {
      action: string;
      details: string;
    }[];
    expect(audit.map((a) => a.action)).toEqual(['case.create', 'case.link', 'case.unlink', 'case.link']);
    // Ids in the audit log, never names.
    expect(audit.map((a) => a.details).join()).not.toContain(one<string>('SELECT name FROM party WHERE id = ?', party));
  });

  it('keeps every version of a note, with the records it mentions', () => {
    const c = t.core.cases.create({ draft: draft(), from: null });
    const sid = one<number>('SELECT id FROM shipment LIMIT 1');
    const v1 = t.core.cases.saveNote({
      caseId: c.id,
      id: null,
      body: doc(txt('Consignee new to trade, see '), mention(`shipment:${sid}`, 'BL1')),
      text: 'Consignee new to trade, see BL1',
      grade: { source: 'A', information: '2' },
    });
    expect(v1).toMatchObject({ version: 1, mentions: [`shipment:${sid}`], grade: { source: 'A', information: '2' }, text: 'Consignee new to trade, see BL1' });
    const v2 = t.core.cases.saveNote({
      caseId: c.id,
      id: v1.id,
      body: doc(txt('Consignee linked to '), mention('party:3', 'Balkan'), txt(' and '), mention('party:3', 'Balkan')),
      text: 'Consignee linked to Balkan',
      grade: null,
    });
    const v3 = t.core.cases.saveNote({ caseId: c.id, id: v1.id, body: doc(txt('Final: no link.')), text: 'Final: no link.', grade: null });
    expect(v2).toMatchObject({ id: v1.id, version: 2, mentions: ['party:3'] });
    expect(v3).toMatchObject({ id: v1.id, version: 3, mentions: [], createdAt: v1.createdAt });
    const history = t.core.cases.noteHistory(v1.id);
    expect(history.map((h) => [h.version, h.text])).toEqual([
      [3, 'Final: no link.'],
      [2, 'Consignee linked to Balkan'],
      [1, 'Consignee new to trade, see BL1'],
    ]);
    expect(history[2]!.body).toEqual(v1.body);
    expect(t.core.cases.get(c.id).notes).toEqual([expect.objectContaining({ id: v1.id, version: 3, text: 'Final: no link.' })]);
    // A note of another case cannot be edited through this one.
    const other = t.core.cases.create({ draft: draft(), from: null });
    expect(code(() => t.core.cases.saveNote({ caseId: other.id, id: v1.id, body: doc(), text: '', grade: null }))).toBe('CASE_NOT_FOUND');
    expect(code(() => t.core.cases.saveNote({ caseId: c.id, id: null, body: doc(), text: '', grade: { source: 'Z', information: '1' } }))).toBe(
      'API_INVALID_INPUT',
    );
    expect(code(() => t.core.cases.noteHistory(999_999))).toBe('CASE_NOT_FOUND');
    // The audit log names the note and its version, not its words.
    const audit = db.prepare(`SELECT details FROM audit_log WHERE entity = 'case_note' AND entity_id = ?`).pluck().all(String(v1.id)) as string[];
    expect(audit).toHaveLength(3);
    expect(audit.join()).not.toContain('Consignee');
  });

  it('extracts mentions from nested documents and ignores what is not a record', () => {
    const deep = {
      type: 'doc',
      content: [{ type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [mention('container:7', 'C')] }] }] }],
    };
    expect(mentionsOf(deep)).toEqual(['container:7']);
    expect(mentionsOf(doc(mention('javascript:alert(1)', 'x'), mention('shipment:0', 'x'), { type: 'mention', attrs: { id: 12 } }))).toEqual([]);
    let nested: unknown = mention('party:1', 'p');
    for (let i = 0; i < 50_000; i++) nested = { type: 'blockquote', content: [nested] };
    expect(mentionsOf(nested)).toEqual(['party:1']);
  });

  describe('attachments', () => {
    const secret = Buffer.from('PLAINTEXT-MARKER-7f3a9c Bill of lading MSCU 1234 — Балкан Импекс д.о.о. '.repeat(400));
    let caseId: number;
    let attachmentId: number;

    const attach = (data: Buffer, name: string, chunkSize = 4096) => {
      let attachId: string | null = null;
      for (let offset = 0; offset < data.length; offset += chunkSize) {
        const r = t.core.cases.attachChunk({
          caseId,
          attachId,
          name,
          mediaType: 'application/pdf',
          offset,
          data: data.subarray(offset, offset + chunkSize).toString('base64'),
        });
        attachId = r.attachId;
        expect(r.size).toBe(Math.min(offset + chunkSize, data.length));
      }
      return t.core.cases.attachFinish({ attachId: attachId!, description: 'Scan of the bill', grade: { source: 'A', information: '1' } });
    };

    beforeAll(() => {
      caseId = t.core.cases.create({ draft: draft(), from: null }).id;
    });

    it('hashes the plaintext and writes only ciphertext, under a random name', () => {
      const a = attach(secret, 'bill-of-lading.pdf');
      attachmentId = a.id;
      expect(a).toMatchObject({
        name: 'bill-of-lading.pdf',
        mediaType: 'application/pdf',
        size: secret.length,
        sha256: createHash('sha256').update(secret).digest('hex'),
        grade: { source: 'A', information: '1' },
      });
      expect(a.custody).toEqual([expect.objectContaining({ action: 'added', actor: expect.stringMatching(/^os:/) })]);
      const files = readdirSync(join(wsDir, 'attachments'));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^[0-9a-f]{32}\.pca$/);
      const onDisk = readFileSync(join(wsDir, 'attachments', files[0]!));
      expect(onDisk.subarray(0, 4).toString('ascii')).toBe('PCAT');
      expect(onDisk.length).toBe(secret.length + 4 + 1 + 12 + 16);
      expect(onDisk.includes(Buffer.from('PLAINTEXT-MARKER-7f3a9c'))).toBe(false);
      expect(onDisk.includes(Buffer.from('Балкан'))).toBe(false);
      // Nor is it in the database file, or anywhere in the workspace folder.
      for (const f of readdirSync(wsDir)) {
        if (f === 'attachments') continue;
        expect(readFileSync(join(wsDir, f)).includes(Buffer.from('PLAINTEXT-MARKER-7f3a9c')), f).toBe(false);
      }
    });

    it('decrypts what it wrote, checks the hash, and logs each view in the chain of custody', () => {
      const got = t.core.cases.attachment(attachmentId);
      expect(Buffer.from(got.dataBase64, 'base64').equals(secret)).toBe(true);
      expect(got).toMatchObject({ name: 'bill-of-lading.pdf', size: secret.length });
      const handed = t.core.cases.custody({ attachmentId, action: 'transferred', detail: 'Handed to the prosecutor, receipt 44/26' });
      expect(handed.custody.map((c) => c.action)).toEqual(['added', 'viewed', 'transferred']);
      expect(handed.custody[2]!.detail).toBe('Handed to the prosecutor, receipt 44/26');
      expect(t.core.cases.get(caseId).attachments[0]!.custody).toHaveLength(3);
      const actions = db
        .prepare(`SELECT action FROM audit_log WHERE entity = 'case_attachment' AND entity_id = ? ORDER BY seq`)
        .pluck()
        .all(String(attachmentId));
      expect(actions).toEqual(['case.attachment.add', 'case.attachment.viewed', 'case.attachment.transferred']);
    });

    it('refuses a tampered file, a file under another attachment, and a changed hash', () => {
      const file = join(wsDir, 'attachments', readdirSync(join(wsDir, 'attachments'))[0]!);
      const original = readFileSync(file);
      const tampered = Buffer.from(original);
      tampered[100] = tampered[100]! ^ 0x01;
      writeFileSync(file, tampered);
      expect(code(() => t.core.cases.attachment(attachmentId))).toBe('ATTACHMENT_TAMPERED');
      writeFileSync(file, original);
      expect(Buffer.from(t.core.cases.attachment(attachmentId).dataBase64, 'base64').equals(secret)).toBe(true);

      // The case and attachment ids are bound in: the same file read as another case's does not open.
      const key = Buffer.alloc(32, 7);
      const sealed = encryptAttachment(key, secret, { caseId: 5, attachmentId: 9 });
      expect(decryptAttachment(key, sealed, { caseId: 5, attachmentId: 9 }).equals(secret)).toBe(true);
      expect(code(() => decryptAttachment(key, sealed, { caseId: 6, attachmentId: 9 }))).toBe('ATTACHMENT_TAMPERED');
      expect(code(() => decryptAttachment(key, sealed, { caseId: 5, attachmentId: 10 }))).toBe('ATTACHMENT_TAMPERED');
      expect(code(() => decryptAttachment(Buffer.alloc(32, 8), sealed, { caseId: 5, attachmentId: 9 }))).toBe('ATTACHMENT_TAMPERED');
      // Two encryptions of the same file differ (a fresh nonce each).
      expect(encryptAttachment(key, secret, { caseId: 5, attachmentId: 9 }).equals(sealed)).toBe(false);

      // A row moved to another case no longer opens its file.
      const second = attach(Buffer.from('second exhibit'), 'photo.jpg');
      const otherCase = t.core.cases.create({ draft: draft(), from: null }).id;
      db.prepare('UPDATE case_attachment SET case_id = ? WHERE id = ?').run(otherCase, second.id);
      expect(code(() => t.core.cases.attachment(second.id))).toBe('ATTACHMENT_TAMPERED');
      db.prepare('UPDATE case_attachment SET case_id = ? WHERE id = ?').run(caseId, second.id);
      // The recorded hash edited: the content no longer matches it.
      db.prepare('UPDATE case_attachment SET sha256 = ? WHERE id = ?').run('0'.repeat(64), second.id);
      expect(code(() => t.core.cases.attachment(second.id))).toBe('ATTACHMENT_TAMPERED');
    });

    it('takes chunks in order only, for the case it began with, and forgets them when the workspace locks', () => {
      const first = t.core.cases.attachChunk({
        caseId,
        attachId: null,
        name: 'x.bin',
        mediaType: 'application/octet-stream',
        offset: 0,
        data: Buffer.from('abc').toString('base64'),
      });
      expect(
        code(() =>
          t.core.cases.attachChunk({ caseId, attachId: first.attachId, name: 'x.bin', mediaType: 'application/octet-stream', offset: 1, data: 'AA==' }),
        ),
      ).toBe('UPLOAD_INVALID');
      expect(
        code(() =>
          t.core.cases.attachChunk({
            caseId: caseId + 1,
            attachId: first.attachId,
            name: 'x.bin',
            mediaType: 'application/octet-stream',
            offset: 3,
            data: 'AA==',
          }),
        ),
      ).toBe('UPLOAD_INVALID');
      expect(
        code(() =>
          t.core.cases.attachChunk({ caseId: 999_999, attachId: null, name: 'x.bin', mediaType: 'application/octet-stream', offset: 0, data: 'AA==' }),
        ),
      ).toBe('CASE_NOT_FOUND');
      t.core.events.emit('workspace.changed', { state: 'locked', dir: wsDir, name: 'cases' });
      expect(code(() => t.core.cases.attachFinish({ attachId: first.attachId, description: '', grade: null }))).toBe('UPLOAD_INVALID');
    });
  });

  it('records a seizure found in no record, which targeting leaves out of its list', () => {
    const c = t.core.cases.create({ draft: draft(), from: null });
    const party = one<number>('SELECT id FROM party LIMIT 1');
    const before = t.core.targeting.seizures().length;
    const s = t.core.cases.saveSeizure({
      caseId: c.id,
      id: null,
      seizure: {
        ...seizureFields,
        place: 'Debeli Brijeg border crossing',
        route: ['ECGYE', 'MEBAR'],
        involved: [{ kind: 'party', id: party, role: 'consignee' }],
        photos: [],
        entity: null,
        entityId: null,
        notes: '',
      },
    });
    expect(s).toMatchObject({ entity: null, entityId: null, route: ['ECGYE', 'MEBAR'], involved: [{ kind: 'party', id: party, role: 'consignee' }] });
    expect(t.core.cases.get(c.id).seizures.map((z) => z.id)).toEqual([s.id]);
    expect(t.core.targeting.seizures()).toHaveLength(before);
    // Edited in place; a passenger it names must exist; photos must be the case's own attachments.
    const edited = t.core.cases.saveSeizure({
      caseId: c.id,
      id: s.id,
      seizure: { ...seizureFields, quantity: 13, route: [], involved: [], photos: [], entity: null, entityId: null, notes: '', place: '' },
    });
    expect(edited).toMatchObject({ id: s.id, quantity: 13 });
    expect(
      code(() =>
        t.core.cases.saveSeizure({
          caseId: c.id,
          id: null,
          seizure: {
            ...seizureFields,
            route: [],
            involved: [{ kind: 'passenger', id: 9_999_999, role: '' }],
            photos: [],
            entity: null,
            entityId: null,
            notes: '',
            place: '',
          },
        }),
      ),
    ).toBe('RECORD_NOT_FOUND');
    expect(
      code(() =>
        t.core.cases.saveSeizure({
          caseId: c.id,
          id: null,
          seizure: { ...seizureFields, route: [], involved: [], photos: [1], entity: null, entityId: null, notes: '', place: '' },
        }),
      ),
    ).toBe('API_INVALID_INPUT');
    const other = t.core.cases.create({ draft: draft(), from: null });
    expect(
      code(() =>
        t.core.cases.saveSeizure({
          caseId: other.id,
          id: s.id,
          seizure: { ...seizureFields, route: [], involved: [], photos: [], entity: null, entityId: null, notes: '', place: '' },
        }),
      ),
    ).toBe('CASE_NOT_FOUND');
  });

  it('makes a case from a hit with the hit, its shipment and its seizure, and merges the timeline', () => {
    const { hitId, shipmentId } = positiveHit();
    const c = t.core.cases.create({ draft: draft(), from: { kind: 'hit', id: hitId } });
    expect(c.links.map((l) => `${l.kind}:${l.refId}`)).toEqual(expect.arrayContaining([`hit:${hitId}`, `shipment:${shipmentId}`]));
    const hitSeizure = t.core.targeting.hit(hitId).seizures[0]!;
    expect(c.links.map((l) => `${l.kind}:${l.refId}`)).toContain(`seizure:${hitSeizure.id}`);
    expect(c.seizures.map((s) => s.id)).toEqual([hitSeizure.id]);
    expect(c.seizures[0]).toMatchObject({ entity: 'shipment', entityId: shipmentId, route: [], photos: [] });
    // The case completes the hit's seizure (route, persons); targeting still lists it.
    t.core.cases.saveSeizure({
      caseId: c.id,
      id: hitSeizure.id,
      seizure: {
        ...seizureFields,
        route: ['COCTG', 'MEBAR'],
        involved: [],
        photos: [],
        entity: 'shipment',
        entityId: shipmentId,
        notes: 'weighed at the terminal',
      },
    });
    expect(t.core.targeting.seizures().find((s) => s.id === hitSeizure.id)).toMatchObject({
      entity: 'shipment',
      entityId: shipmentId,
      notes: 'weighed at the terminal',
    });
    expect(code(() => t.core.cases.create({ draft: draft(), from: { kind: 'hit', id: 9_999_999 } }))).toBe('RECORD_NOT_FOUND');

    const container = one<number>('SELECT container_id FROM shipment_container WHERE shipment_id = ?', shipmentId);
    t.core.cases.link({ caseId: c.id, items: [{ kind: 'container', refId: container, note: '', grade: null }] });
    const note = t.core.cases.saveNote({ caseId: c.id, id: null, body: doc(txt('Seal number differs')), text: 'Seal number differs', grade: null });
    t.core.cases.saveNote({
      caseId: c.id,
      id: note.id,
      body: doc(txt('Seal number differs from the manifest')),
      text: 'Seal number differs from the manifest',
      grade: null,
    });
    t.core.cases.saveTask({
      caseId: c.id,
      id: null,
      task: { title: 'Request the booking from the line', assignee: 'officer', due: '2026-12-01', done: false },
    });

    const timeline = t.core.cases.timeline(c.id);
    const ats = timeline.map((e) => e.at);
    expect(ats).toEqual([...ats].sort());
    const codes = new Set(timeline.map((e) => e.code));
    for (const k of [
      'case.created',
      'link.added',
      'note.created',
      'note.edited',
      'shipment.departure',
      'hit.scored',
      'hit.decided',
      'hit.outcome',
      'seizure',
      'task.due',
    ])
      expect(codes, k).toContain(k);
    const events = one<number>('SELECT count(*) FROM container_event WHERE container_id = ?', container);
    expect(timeline.filter((e) => e.kind === 'container_event')).toHaveLength(events);
    expect(timeline.find((e) => e.code === 'shipment.departure')).toMatchObject({ ref: `shipment:${shipmentId}` });
    expect(timeline.find((e) => e.code === 'hit.scored')).toMatchObject({ at: '2026-11-18T08:00:00.000Z', ref: `hit:${hitId}` });
  });

  describe('search', () => {
    let latinNote: number;
    let cyrillicNote: number;
    let caseId: number;

    beforeAll(() => {
      const c = t.core.cases.create({ draft: draft({ title: 'Operacija Đurđevak', summary: 'Prekursori preko Šapca' }), from: null });
      caseId = c.id;
      latinNote = t.core.cases.saveNote({
        caseId,
        id: null,
        body: doc(),
        text: 'Kontejner je prošao kroz Luku Bar; primalac Balkan Impeks DOO iz Beograda tvrdi da je roba voće.',
        grade: null,
      }).id;
      cyrillicNote = t.core.cases.saveNote({
        caseId,
        id: null,
        body: doc(),
        text: 'Возач камиона Јован Ђорђевић изјавио је да је товар преузео у Смедереву.',
        grade: null,
      }).id;
      const up = t.core.cases.attachChunk({
        caseId,
        attachId: null,
        name: 'Фотографија пломбе.jpg',
        mediaType: 'image/jpeg',
        offset: 0,
        data: Buffer.from('jpeg').toString('base64'),
      });
      t.core.cases.attachFinish({ attachId: up.attachId, description: '', grade: null });
    });

    it('finds a Latin note with a Cyrillic query and a Cyrillic note with a Latin one, with snippets', () => {
      const hits = t.core.cases.search('Балкан импекс', 30);
      const hit = hits.find((h) => h.kind === 'note' && h.id === latinNote)!;
      expect(hit).toMatchObject({ caseId, title: 'Operacija Đurđevak' });
      expect(hit.snippet).toContain('Balkan Impeks');
      expect(hit.marks.map(([a, b]) => hit.snippet.slice(a, b))).toEqual(['Balkan', 'Impeks']);

      const back = t.core.cases.search('djordjevic smederev', 30).find((h) => h.id === cyrillicNote && h.kind === 'note')!;
      expect(back.marks.map(([a, b]) => back.snippet.slice(a, b))).toEqual(['Ђорђевић', 'Смедереву']);
      // Diacritics and prefixes: "sapca" finds the case by its summary ("Šapca"), "durdev" its title.
      expect(t.core.cases.search('sapca', 30)).toContainEqual(expect.objectContaining({ kind: 'case', id: caseId, caseId }));
      expect(t.core.cases.search('ĐURĐEV', 30)).toContainEqual(expect.objectContaining({ kind: 'case', id: caseId }));
      // Attachment names, in either script.
      const photo = t.core.cases.search('fotografija plombe', 30).find((h) => h.kind === 'attachment')!;
      expect(photo).toMatchObject({ caseId, snippet: 'Фотографија пломбе.jpg' });
      expect(t.core.cases.search('   ', 30)).toEqual([]);
      expect(t.core.cases.search('nothingmatchesthis', 30)).toEqual([]);
    });

    it('follows edits: the old words are forgotten, the new ones found', () => {
      t.core.cases.saveNote({ caseId, id: latinNote, body: doc(), text: 'Primalac je zapravo Adriatik Trade.', grade: null });
      expect(t.core.cases.search('balkan impeks', 30).filter((h) => h.kind === 'note' && h.id === latinNote)).toEqual([]);
      expect(t.core.cases.search('адриатик', 30)).toContainEqual(expect.objectContaining({ kind: 'note', id: latinNote }));
    });

    it('cuts a snippet around the first match in a long text', () => {
      const long = `${'filler words here '.repeat(200)}the Kokain was found ${'more filler '.repeat(200)}`;
      const s = snippet(long, ['kokain']);
      expect(s.snippet.startsWith('…')).toBe(true);
      expect(s.snippet.endsWith('…')).toBe(true);
      expect(s.snippet.length).toBeLessThan(340);
      expect(s.marks.map(([a, b]) => s.snippet.slice(a, b))).toEqual(['Kokain']);
    });
  });

  it('goes through the API: input validated, a note over 1 MB refused', async () => {
    const r = await t.router.call('cases.create', { draft: { title: 'Via the router', owner: 'analyst' } });
    expect(r).toMatchObject({ ok: true, result: { title: 'Via the router', status: 'open', tlp: 'AMBER', grading: '4x4', tags: [] } });
    const id = (r as { result: CaseDetail }).result.id;
    const big = { type: 'doc', content: [{ type: 'text', text: 'x'.repeat(1024 * 1024) }] };
    expect(await t.router.call('cases.saveNote', { caseId: id, id: null, body: big, text: 'x', grade: null })).toMatchObject({
      ok: false,
      error: { code: 'API_INVALID_INPUT' },
    });
    expect(await t.router.call('cases.link', { caseId: id, items: [{ kind: 'vessel', refId: 1 }] })).toMatchObject({
      ok: false,
      error: { code: 'API_INVALID_INPUT' },
    });
    expect(await t.router.call('cases.list', {})).toMatchObject({ ok: true, result: { total: expect.any(Number) } });
  });

  it('keeps the case tables on their indexes', () => {
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT * FROM case_note WHERE case_id = 1')).toContain('case_note_case');
    expect(plan('SELECT * FROM case_attachment WHERE case_id = 1')).toContain('case_attachment_case');
    expect(plan('SELECT * FROM case_task WHERE case_id = 1')).toContain('case_task_case');
    expect(plan(`SELECT case_id FROM case_link WHERE kind = 'shipment' AND ref_id = 1`)).toContain('case_link_record');
    expect(plan('SELECT * FROM seizure WHERE case_id = 1')).toContain('seizure_case');
    expect(plan('SELECT * FROM seizure WHERE hit_id = 1')).toContain('seizure_hit');
    expect(plan(`SELECT note_id FROM case_note_mention WHERE ref = 'shipment:1'`)).toContain('case_note_mention_ref');
    expect(plan('SELECT * FROM case_custody WHERE attachment_id = 1')).toContain('case_custody_attachment');
  });
});

describe('migration 15', () => {
  it('keeps the seizures of a version-14 workspace and lets new ones stand without a record', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 14));
    db.prepare(`INSERT INTO shipment (id, mode, doc_type, doc_number) VALUES (1, 'sea', 'BL', 'MSCU1')`).run();
    db.prepare(
      `INSERT INTO target_hit (id, entity, entity_id, score, lane, random, explanation, rules, scored_at, status) VALUES (4, 'shipment', 1, 0.9, 'red', 0, '{}', '', '2026-01-01', 'decided')`,
    ).run();
    const insert = db.prepare(
      `INSERT INTO seizure (hit_id, entity, entity_id, entity_label, category, commodity, quantity, unit, concealment, detection, place, date, notes, created_by, created_at)
       VALUES (?, 'shipment', 1, 'MSCU1', 'drugs', ?, ?, 'kg', 'in_goods', 'x_ray', 'Bar', '2026-01-02', '', 'a', '2026-01-02')`,
    );
    insert.run(4, 'cocaine', 10);
    insert.run(null, 'heroin', 2);
    const before = db.prepare('SELECT * FROM seizure ORDER BY id').all();
    migrate(db);
    const after = db.prepare('SELECT * FROM seizure ORDER BY id').all() as Record<string, unknown>[];
    expect(after.map(({ case_id, route, involved, photos, ...rest }) => rest)).toEqual(before);
    expect(after.every((s) => s['case_id'] === null && s['route'] === '[]' && s['photos'] === '[]')).toBe(true);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'seizure' ORDER BY name`).pluck().all() as string[]).toEqual([
      'seizure_case',
      'seizure_entity',
      'seizure_hit',
    ]);
    // Still tied to its hit: deleting the hit clears the reference.
    db.prepare('DELETE FROM target_hit WHERE id = 4').run();
    expect(db.prepare('SELECT hit_id FROM seizure WHERE id = 1').pluck().get()).toBeNull();
    db.prepare(
      `INSERT INTO seizure (entity_label, category, commodity, quantity, unit, concealment, detection, place, date, notes, created_by, created_at) VALUES ('', 'cash', 'EUR', 50000, 'pieces', 'body', 'dog', '', '2026-02-01', '', 'a', 'b')`,
    ).run();
    expect(() => db.prepare(`UPDATE seizure SET entity = 'shipment' WHERE id = 3`).run()).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
