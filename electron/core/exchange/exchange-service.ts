// Secure exchange (issue 9) for the UI and the CLI: this unit's identity, partner cards and trust, packages
// sent (planned, confirmed, signed and encrypted) and received (verified and staged, previewed, merged on
// the analyst's choice or dismissed), the inbox and outbox, and hashed matching. Every step is audited.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CaseDraft, Tlp } from '../../../shared/domain/cases.ts';
import { TLP } from '../../../shared/domain/cases.ts';
import type {
  CardPreview,
  ExportPlan,
  MatchCategory,
  MatchResult,
  MergeChoice,
  MergeResult,
  PackageDraft,
  PackageKind,
  PackagePreview,
  PackageSummary,
  Partner,
  UnitIdentity,
  UnitProfile,
} from '../../../shared/domain/exchange.ts';
import { AppError } from '../../../shared/errors.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { EventBus } from '../app/events.ts';
import { addAttachment, discardFile, readAttachment, type AttachmentStore } from '../cases/attachments.ts';
import { attachmentFileWriter, decryptAttachment } from '../cases/attachment-crypto.ts';
import { insertCase } from '../cases/case-store.ts';
import { addLinks, linkedIds } from '../cases/links.ts';
import { writeNote } from '../cases/notes.ts';
import { seizureById, writeSeizure } from '../cases/seizures.ts';
import type { Uploads } from '../ingest/uploads.ts';
import { writeTransaction, type Db } from '../workspace/database.ts';
import type { WorkspaceService } from '../workspace/workspace-service.ts';
import { assertLive } from '../training/training-service.ts';
import { matchHashes, matchKey, overlaps } from './hashed-matching.ts';
import {
  ContentSchema,
  chartForPackage,
  chartFromPackage,
  collectRecords,
  mergeRecords,
  previewRecords,
  withoutMentions,
  type PackageContent,
} from './package-content.ts';
import { PACKAGE_FORMAT, readPackage, refused, writePackage, type Manifest, type PackageSource } from './package-file.ts';
import {
  addCard,
  confirmKey,
  exportCard,
  listPartners,
  ownIdentities,
  ownKey,
  partnerById,
  partnerKeyByFingerprint,
  previewCard,
  revokeOwnKey,
  revokePartnerKey,
  rotateKeys,
  saveProfile,
  unitIdentity,
  unitProfile,
} from './unit-keys.ts';

export type ExchangeServiceDeps = { events: EventBus; workspace: WorkspaceService; uploads: Uploads; actor: string; now?: () => Date };

type PackageRow = {
  id: number;
  package_id: string;
  direction: 'in' | 'out';
  kind: PackageSummary['kind'];
  subject: string;
  handling: Tlp;
  partner_id: number | null;
  sender_fingerprint: string;
  sequence: number;
  recipients: string;
  created_at: string;
  expires_at: string;
  in_reply_to: string | null;
  status: PackageSummary['status'];
  file_name: string | null;
  size: number;
  manifest: string;
  content: string | null;
  case_id: number | null;
  import_id: number | null;
};

const TLP_RANK: Record<Tlp, number> = { CLEAR: 0, GREEN: 1, AMBER: 2, 'AMBER+STRICT': 3, RED: 4 };
const ATTACHMENT_LIMIT = 100 * 1024 * 1024;

/** A received package that passed every check, before it is stored. */
type Received = { manifest: Manifest; content: PackageContent; fileSha256: string; staged: { ref: string; file: string; size: number; sha256: string }[] };

export class ExchangeService {
  private readonly deps: ExchangeServiceDeps;

  constructor(deps: ExchangeServiceDeps) {
    this.deps = deps;
  }

  private db(): Db {
    return this.deps.workspace.db();
  }
  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
  private store(): AttachmentStore {
    return { dir: this.deps.workspace.attachmentsDir(), key: this.deps.workspace.attachmentKey() };
  }
  private audit(db: Db, action: string, entity: string, entityId: string | null, details: unknown): void {
    appendAudit(db, { actor: this.deps.actor, action, entity, entityId, details });
  }
  private write<T>(db: Db, fn: () => T): T {
    return writeTransaction(db, fn);
  }
  private changed(tables: string[]): void {
    this.deps.events.emit('data.changed', { tables });
  }

  // --- This unit --------------------------------------------------------------------------------------

  identity(): UnitIdentity {
    return unitIdentity(this.db());
  }

  saveProfile(profile: UnitProfile): UnitIdentity {
    const db = this.db();
    this.write(db, () => {
      const first = unitProfile(db) === null;
      saveProfile(db, profile, this.now().toISOString());
      this.audit(db, first ? 'unit.create' : 'unit.update', 'unit', null, { ...profile });
    });
    return this.identity();
  }

  rotateKeys(): UnitIdentity {
    const db = this.db();
    this.write(db, () => {
      rotateKeys(db, this.now().toISOString());
      this.audit(db, 'unit.key.rotate', 'unit_key', null, { fingerprint: ownKey(db).fingerprint });
    });
    return this.identity();
  }

  revokeOwnKey(fingerprint: string, reason: string): UnitIdentity {
    const db = this.db();
    this.write(db, () => {
      revokeOwnKey(db, fingerprint, this.now().toISOString());
      this.audit(db, 'unit.key.revoke', 'unit_key', null, { fingerprint, reason });
    });
    return this.identity();
  }

  exportCard(): { fileName: string; text: string } {
    const db = this.db();
    const text = exportCard(db, this.now().toISOString());
    const profile = unitProfile(db)!;
    this.write(db, () => this.audit(db, 'unit.card.export', 'unit', null, { fingerprint: ownKey(db).fingerprint }));
    return { fileName: `${profile.name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'unit'}.portcullis-card.json`, text };
  }

  // --- Partners ---------------------------------------------------------------------------------------

  partners(): Partner[] {
    return listPartners(this.db());
  }

  previewCard(text: string): CardPreview {
    return previewCard(this.db(), text);
  }

  addCard(text: string, fingerprint: string | null): Partner {
    const db = this.db();
    const { partnerId } = this.write(db, () => {
      const r = addCard(db, text, fingerprint ? { fingerprint, by: this.deps.actor } : null, this.now().toISOString());
      this.audit(db, fingerprint ? 'partner.card.trust' : 'partner.card.add', 'partner', String(r.partnerId), { keyId: r.keyId });
      return r;
    });
    this.changed(['partner']);
    return partnerById(db, partnerId);
  }

  confirmKey(keyId: number, fingerprint: string): Partner {
    const db = this.db();
    const partnerId = this.write(db, () => {
      confirmKey(db, keyId, fingerprint, this.deps.actor, this.now().toISOString());
      const p = db.prepare('SELECT partner_id FROM partner_key WHERE id = ?').get(keyId) as { partner_id: number };
      this.audit(db, 'partner.key.confirm', 'partner_key', String(keyId), {});
      return p.partner_id;
    });
    this.changed(['partner']);
    return partnerById(db, partnerId);
  }

  revokePartnerKey(keyId: number, reason: string): Partner {
    const db = this.db();
    const partnerId = this.write(db, () => {
      revokePartnerKey(db, keyId, reason, this.now().toISOString());
      this.audit(db, 'partner.key.revoke', 'partner_key', String(keyId), { reason });
      return (db.prepare('SELECT partner_id FROM partner_key WHERE id = ?').get(keyId) as { partner_id: number }).partner_id;
    });
    this.changed(['partner']);
    return partnerById(db, partnerId);
  }

  // --- Sending ----------------------------------------------------------------------------------------

  /** The recipients' trusted keys; refuses an untrusted partner and a handling code the content does not allow. */
  private recipientsOf(db: Db, draft: Pick<PackageDraft, 'recipients'>): { partner: Partner; key: Partner['keys'][number] }[] {
    return draft.recipients.map((id) => {
      const partner = partnerById(db, id);
      const key = partner.keys.find((k) => k.status === 'trusted');
      if (!key) throw new AppError('PARTNER_NOT_TRUSTED', `${partner.name}'s key has not been confirmed.`, { partnerId: id });
      return { partner, key };
    });
  }

  private checkHandling(db: Db, draft: Pick<PackageDraft, 'recipients' | 'handling' | 'selection'>): void {
    const caseId = draft.selection.caseId;
    if (caseId === null) return;
    const c = db.prepare('SELECT tlp, origin FROM "case" WHERE id = ?').get(caseId) as { tlp: Tlp; origin: string | null } | undefined;
    if (!c) throw new AppError('CASE_NOT_FOUND', 'This case no longer exists.', { caseId });
    if (TLP_RANK[draft.handling] < TLP_RANK[c.tlp]) {
      throw new AppError('PACKAGE_HANDLING_REFUSED', `The case is TLP:${c.tlp}; it cannot leave under a weaker handling code (TLP:${draft.handling}).`, {
        case: c.tlp,
        handling: draft.handling,
      });
    }
    // Received under TLP:RED or AMBER+STRICT: it goes back to the unit it came from, to no one else.
    if (c.origin && TLP_RANK[c.tlp] >= TLP_RANK['AMBER+STRICT']) {
      const origin = JSON.parse(c.origin) as { partnerId: number | null };
      if (draft.recipients.some((r) => r !== origin.partnerId)) {
        throw new AppError('PACKAGE_HANDLING_REFUSED', `This case came from a partner under TLP:${c.tlp}; it may only go back to that partner.`, {
          case: c.tlp,
        });
      }
    }
  }

  /** What the draft would send, for the analyst to confirm. */
  plan(draft: PackageDraft): ExportPlan {
    const db = this.db();
    assertLive(db);
    ownKey(db);
    const recipients = this.recipientsOf(db, draft);
    this.checkHandling(db, draft);
    const { content, attachments } = this.collect(db, draft);
    const warnings: ExportPlan['warnings'] = [];
    if (draft.handling === 'RED') warnings.push('tlp-red');
    if (attachments.length > 0) warnings.push('attachments-leave');
    return {
      recipients: recipients.map(({ partner, key }) => ({ partnerId: partner.id, name: partner.name, country: partner.country, fingerprint: key.fingerprint })),
      handling: draft.handling,
      counts: {
        shipments: content.shipments.length,
        parties: content.parties.length,
        containers: content.containers.length,
        passengers: content.passengers.length,
        notes: content.case?.notes.length ?? 0,
        attachments: attachments.length,
        seizures: content.seizures.length,
        charts: content.charts.length,
      },
      attachmentBytes: attachments.reduce((s, a) => s + a.size, 0),
      caseTitle: content.case?.title ?? null,
      warnings,
    };
  }

  private collect(
    db: Db,
    draft: Pick<PackageDraft, 'selection' | 'message'>,
  ): { content: PackageContent; attachments: { id: number; ref: string; size: number }[] } {
    const sel = draft.selection;
    const caseId = sel.caseId;
    const linked = {
      shipment: caseId ? linkedIds(db, caseId, 'shipment') : [],
      party: caseId ? linkedIds(db, caseId, 'party') : [],
      container: caseId ? linkedIds(db, caseId, 'container') : [],
      passenger: caseId ? linkedIds(db, caseId, 'passenger') : [],
    };
    // Records on a chart travel with it.
    const charts = sel.charts.map((id) => {
      const row = db.prepare('SELECT * FROM graph_chart WHERE id = ?').get(id) as { name: string; description: string; content: string } | undefined;
      if (!row) throw new AppError('GRAPH_CHART_NOT_FOUND', 'This chart no longer exists.', { id });
      const content = JSON.parse(row.content) as { nodes: { id?: string; data?: { id?: string } }[] };
      for (const n of content.nodes) {
        const nodeId = String(n.data?.id ?? n.id ?? '');
        const m = /^(shipment|party|container|passenger):(\d+)$/.exec(nodeId);
        if (m) linked[m[1] as keyof typeof linked].push(Number(m[2]));
      }
      return { name: row.name, description: row.description, content: row.content };
    });
    const records = collectRecords(db, sel, linked);
    const refOf = records.refOf;
    let caseContent: PackageContent['case'] = null;
    const attachments: { id: number; ref: string; size: number }[] = [];
    const meta: PackageContent['attachments'] = [];
    const seizures: PackageContent['seizures'] = [];
    if (caseId) {
      const c = db.prepare('SELECT * FROM "case" WHERE id = ?').get(caseId) as { title: string; summary: string; tlp: Tlp; tags: string };
      const notes = (db.prepare('SELECT * FROM case_note WHERE case_id = ? ORDER BY id').all(caseId) as Record<string, string | number>[]).filter(
        (n) => sel.notes === null || sel.notes.includes(Number(n['id'])),
      );
      caseContent = {
        title: c.title,
        summary: c.summary,
        tlp: c.tlp,
        tags: JSON.parse(c.tags) as string[],
        notes: notes.map((n, i) => ({
          ref: `n${i + 1}`,
          text: String(n['text']),
          body: withoutMentions(JSON.parse(String(n['body'])) as unknown),
          author: String(n['updated_by']),
          at: String(n['updated_at']),
        })),
        links: [...refOf.entries()]
          .filter(([key]) => linked[key.split(':')[0] as keyof typeof linked].includes(Number(key.split(':')[1])))
          .map(([, ref]) => ref),
      };
      const rows = (
        db.prepare('SELECT id, name, media_type, size, sha256, description FROM case_attachment WHERE case_id = ? ORDER BY id').all(caseId) as {
          id: number;
          name: string;
          media_type: string;
          size: number;
          sha256: string;
          description: string;
        }[]
      ).filter((a) => sel.attachments === null || sel.attachments.includes(a.id));
      rows.forEach((a, i) => {
        const ref = `a${i + 1}`;
        attachments.push({ id: a.id, ref, size: a.size });
        meta.push({ ref, path: `attachments/${i + 1}`, name: a.name, mediaType: a.media_type, size: a.size, sha256: a.sha256, description: a.description });
      });
    }
    const seizureIds = new Set(sel.seizures);
    if (caseId) for (const r of db.prepare('SELECT id FROM seizure WHERE case_id = ?').all(caseId) as { id: number }[]) seizureIds.add(r.id);
    for (const id of seizureIds) {
      const s = seizureById(db, id);
      seizures.push({
        ref: `z${seizures.length + 1}`,
        seizure: {
          category: s.category,
          commodity: s.commodity,
          quantity: s.quantity,
          unit: s.unit,
          concealment: s.concealment,
          detection: s.detection,
          place: s.place ?? '',
          date: s.date,
          notes: s.notes ?? '',
          route: s.route ?? [],
        },
        entityRef: s.entity && s.entityId ? (refOf.get(`${s.entity}:${s.entityId}`) ?? null) : null,
      });
    }
    const content: PackageContent = {
      message: draft.message,
      shipments: records.shipments,
      parties: records.parties,
      containers: records.containers,
      passengers: records.passengers,
      case: caseContent,
      attachments: meta,
      seizures,
      charts: charts.map((c, i) => ({ ref: `g${i + 1}`, name: c.name, description: c.description, content: chartForPackage(c.content, refOf) })),
      match: null,
    };
    return { content, attachments };
  }

  /** Signs and encrypts the package to its recipients and writes it to `out` (or the outbox folder). */
  async send(
    draft: Omit<PackageDraft, 'kind'> & { kind: PackageKind },
    out: string | null,
    match: PackageContent['match'] = null,
  ): Promise<PackageSummary & { file: string }> {
    const db = this.db();
    assertLive(db);
    const key = ownKey(db);
    const profile = unitProfile(db)!;
    const recipients = this.recipientsOf(db, draft);
    this.checkHandling(db, draft);
    const collected = this.collect(db, draft);
    const content: PackageContent = { ...collected.content, match };
    const attachments = collected.attachments;
    if (
      !draft.message.subject.trim() ||
      (draft.kind !== 'warning' &&
        draft.kind !== 'feedback' &&
        draft.kind !== 'match-set' &&
        content.case === null &&
        content.shipments.length + content.parties.length + content.containers.length + content.passengers.length + content.seizures.length === 0)
    ) {
      throw new AppError('PACKAGE_EMPTY', 'The package would carry nothing.');
    }
    const store = this.store();
    const contentBytes = Buffer.from(JSON.stringify(content));
    // Sizes and hashes as recorded when each file was attached (reading one checks it against its hash),
    // so each attachment is read and decrypted once, when its turn comes.
    const sizes = db.prepare('SELECT size, sha256 FROM case_attachment WHERE id = ?');
    const sources: PackageSource[] = [
      {
        path: 'content.json',
        size: contentBytes.length,
        sha256: createHash('sha256').update(contentBytes).digest('hex'),
        method: 'deflate',
        read: () => contentBytes,
      },
      ...attachments.map((a, i): PackageSource => {
        const row = sizes.get(a.id) as { size: number; sha256: string };
        return { path: `attachments/${i + 1}`, size: row.size, sha256: row.sha256, method: 'store', read: () => readAttachment(db, store, a.id).data };
      }),
    ];
    const now = this.now();
    const sequence = (db.prepare('SELECT next_sequence FROM unit_identity WHERE id = 1').get() as { next_sequence: number }).next_sequence;
    const auditHead = (db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined)?.hash ?? null;
    const manifest: Manifest = {
      format: PACKAGE_FORMAT,
      id: randomUUID(),
      kind: draft.kind,
      subject: draft.message.subject,
      sender: { unit: profile, fingerprint: key.fingerprint },
      recipients: recipients.map(({ partner, key: k }) => ({
        name: partner.name,
        country: partner.country,
        fingerprint: k.fingerprint,
        recipient: k.recipient,
      })),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + draft.expiresInDays * 86_400_000).toISOString(),
      handling: draft.handling,
      sequence,
      inReplyTo: draft.inReplyTo,
      auditHead,
      files: sources.map((s) => ({ path: s.path, size: s.size, sha256: s.sha256 })),
    };
    const file =
      out ??
      join(this.outboxDir(), `${manifest.createdAt.slice(0, 10)}-${draft.kind}-${recipients.map((r) => slug(r.partner.name)).join('-')}-${sequence}.age`);
    mkdirSync(dirname(file), { recursive: true });
    const written = await writePackage(file, manifest, key, sources);
    const row = this.write(db, () => {
      db.prepare('UPDATE unit_identity SET next_sequence = next_sequence + 1 WHERE id = 1').run();
      const id = Number(
        db
          .prepare(
            `INSERT INTO exchange_package (package_id, direction, kind, subject, handling, partner_id, sender_fingerprint, sequence, recipients, created_at, expires_at, in_reply_to, status,
               file_name, size, file_sha256, manifest, content, case_id, recorded_at, recorded_by)
             VALUES (@id, 'out', @kind, @subject, @handling, @partner, @sender, @sequence, @recipients, @createdAt, @expiresAt, @inReplyTo, 'sent', @file, @size, @sha, @manifest, NULL, @caseId, @at, @actor)`,
          )
          .run({
            id: manifest.id,
            kind: manifest.kind,
            subject: manifest.subject,
            handling: manifest.handling,
            partner: recipients[0]!.partner.id,
            sender: key.fingerprint,
            sequence,
            recipients: JSON.stringify(recipients.map((r) => r.partner.id)),
            createdAt: manifest.createdAt,
            expiresAt: manifest.expiresAt,
            inReplyTo: manifest.inReplyTo,
            file,
            size: written.size,
            sha: written.sha256,
            manifest: JSON.stringify(manifest),
            caseId: draft.selection.caseId,
            at: now.toISOString(),
            actor: this.deps.actor,
          }).lastInsertRowid,
      );
      this.audit(db, 'package.send', 'exchange_package', String(id), {
        package: manifest.id,
        kind: manifest.kind,
        handling: manifest.handling,
        recipients: manifest.recipients.map((r) => r.fingerprint),
        files: manifest.files.length,
        sha256: written.sha256,
      });
      return id;
    });
    this.changed(['exchange_package']);
    return { ...this.summary(db, row), file };
  }

  private outboxDir(): string {
    const status = this.deps.workspace.status();
    const dir = status.state === 'unlocked' ? status.workspace.dir : homedir();
    return join(dirname(dir), 'Outbox');
  }

  // --- Receiving --------------------------------------------------------------------------------------

  /** Verifies a package file and stages it in the inbox (or, for a dry run, only verifies and previews it).
   * A refused package changes nothing but the audit log, which records the refusal. */
  async receive(input: { uploadId: string | null; path: string | null; dryRun: boolean }): Promise<PackagePreview> {
    const upload = input.uploadId ? this.deps.uploads.get(input.uploadId) : null;
    const path = upload?.file ?? input.path;
    if (!path) throw new AppError('API_INVALID_INPUT', 'Name the package file.');
    const stat = existsSync(path) ? statSync(path) : null;
    if (!stat?.isFile()) throw new AppError('PACKAGE_FILE_NOT_FOUND', 'There is no package file at that path.', { path });
    const db = this.db();
    assertLive(db);
    const size = stat.size;
    const name = upload?.name ?? path.split(/[\\/]/).pop() ?? 'package';
    let received: Received;
    try {
      received = await this.verify(db, path, input.dryRun);
    } catch (err) {
      if (err instanceof AppError && err.code.startsWith('PACKAGE_')) {
        this.write(db, () => this.audit(db, 'package.refuse', 'exchange_package', null, { file: name, code: err.code, size }));
      }
      throw err;
    }
    if (input.dryRun) return this.previewOf(db, null, received.manifest, received.content, new Set());
    const fileSha = received.fileSha256;
    let row: number;
    try {
      row = this.write(db, () => {
        const m = received.manifest;
        const sender = partnerKeyByFingerprint(db, m.sender.fingerprint)!;
        const id = Number(
          db
            .prepare(
              `INSERT INTO exchange_package (package_id, direction, kind, subject, handling, partner_id, sender_fingerprint, sequence, recipients, created_at, expires_at, in_reply_to, status,
                 file_name, size, file_sha256, manifest, content, recorded_at, recorded_by)
               VALUES (@id, 'in', @kind, @subject, @handling, @partner, @sender, @sequence, @recipients, @createdAt, @expiresAt, @inReplyTo, 'received', @file, @size, @sha, @manifest, @content, @at, @actor)`,
            )
            .run({
              id: m.id,
              kind: m.kind,
              subject: m.subject,
              handling: m.handling,
              partner: sender.partner_id,
              sender: m.sender.fingerprint,
              sequence: m.sequence,
              recipients: JSON.stringify(m.recipients.map((r) => r.fingerprint)),
              createdAt: m.createdAt,
              expiresAt: m.expiresAt,
              inReplyTo: m.inReplyTo,
              file: name,
              size,
              sha: fileSha,
              manifest: JSON.stringify(m),
              content: JSON.stringify(received.content),
              at: this.now().toISOString(),
              actor: this.deps.actor,
            }).lastInsertRowid,
        );
        const ins = db.prepare(
          'INSERT INTO exchange_attachment (package_row, ref, name, media_type, size, sha256, file) VALUES (@row, @ref, @name, @mediaType, @size, @sha256, @file)',
        );
        for (const s of received.staged) {
          const a = received.content.attachments.find((x) => x.ref === s.ref)!;
          ins.run({ row: id, ref: s.ref, name: a.name, mediaType: a.mediaType, size: s.size, sha256: s.sha256, file: s.file });
        }
        this.audit(db, 'package.receive', 'exchange_package', String(id), {
          package: m.id,
          sender: m.sender.fingerprint,
          sequence: m.sequence,
          kind: m.kind,
          handling: m.handling,
          senderAuditHead: m.auditHead,
          sha256: fileSha,
        });
        return id;
      });
    } catch (err) {
      for (const s of received.staged) discardFile(join(this.store().dir, s.file));
      throw err;
    }
    this.changed(['exchange_package']);
    return this.preview(row);
  }

  /** Decrypts, verifies and reads a package; stages its attachments (encrypted) unless a dry run. */
  private async verify(db: Db, path: string, dryRun: boolean): Promise<Received> {
    ownKey(db);
    const ownFingerprints = new Set((db.prepare('SELECT fingerprint FROM unit_key').all() as { fingerprint: string }[]).map((r) => r.fingerprint));
    const now = this.now();
    const store = this.store();
    const staged: Received['staged'] = [];
    let manifest: Manifest | null = null;
    let contentBytes: Buffer | null = null;
    try {
      const read = await readPackage(
        path,
        ownIdentities(db),
        {
          signer: (fingerprint, createdAt) => {
            const k = partnerKeyByFingerprint(db, fingerprint);
            if (!k) throw refused('PACKAGE_UNKNOWN_SENDER', 'The package was signed by a unit not in the directory.', { fingerprint });
            if (k.status === 'revoked') throw refused('PACKAGE_KEY_REVOKED', 'The signing key was revoked.', { fingerprint });
            if (k.status === 'pending') throw refused('PACKAGE_SENDER_UNTRUSTED', "The sender's key has not been confirmed.", { fingerprint });
            if (k.status === 'retired' && !(createdAt() <= (k.retired_at ?? ''))) {
              throw refused('PACKAGE_KEY_RETIRED', 'The signing key had been replaced when this package was made.', { fingerprint });
            }
            return k.signing_public;
          },
          manifest: (m, header) => {
            const mine = m.recipients.filter((r) => ownFingerprints.has(r.fingerprint));
            if (mine.length === 0) throw refused('PACKAGE_NOT_ADDRESSED', 'This unit is not among the signed recipients.');
            const x25519 = header.types.filter((t) => t === 'X25519').length;
            if (x25519 !== m.recipients.length || header.stanzas !== m.recipients.length) {
              throw refused('PACKAGE_RECIPIENTS_MISMATCH', 'The package is encrypted to other recipients than it lists.', {
                stanzas: header.stanzas,
                listed: m.recipients.length,
              });
            }
            if (Date.parse(m.expiresAt) < now.getTime()) throw refused('PACKAGE_EXPIRED', 'The package has expired.', { expiresAt: m.expiresAt });
            if (Date.parse(m.createdAt) > now.getTime() + 86_400_000) throw refused('PACKAGE_NOT_YET_VALID', 'The package is dated in the future.');
            if (db.prepare('SELECT 1 FROM exchange_package WHERE package_id = ?').get(m.id)) {
              throw refused('PACKAGE_DUPLICATE', 'This package has already been received.', { package: m.id });
            }
            if (
              db
                .prepare(`SELECT 1 FROM exchange_package WHERE direction = 'in' AND sender_fingerprint = ? AND sequence = ?`)
                .get(m.sender.fingerprint, m.sequence)
            ) {
              throw refused('PACKAGE_REPLAYED', 'Another package of this sender carried this sequence number.', { sequence: m.sequence });
            }
          },
        },
        (m) => (manifest = m),
        async (entry) => {
          if (entry.path === 'content.json') {
            if (entry.size > 512 * 1024 * 1024) throw refused('PACKAGE_TOO_LARGE', 'The package content is too large.');
            const parts: Buffer[] = [];
            for await (const c of entry.data) parts.push(c);
            contentBytes = Buffer.concat(parts);
            return;
          }
          if (entry.size > ATTACHMENT_LIMIT) throw refused('PACKAGE_TOO_LARGE', 'An attachment of the package is larger than an attachment may be.');
          const ref = `a${entry.path.split('/')[1]}`;
          if (dryRun) {
            for await (const c of entry.data) void c;
            return;
          }
          // Staged encrypted as it streams in; kept only if the whole package verifies.
          const file = `x${randomUUID().replace(/-/g, '')}.pca`;
          const writer = attachmentFileWriter(store.key, join(store.dir, file), { caseId: 0, attachmentId: staged.length + 1 });
          staged.push({ ref, file, size: entry.size, sha256: entry.sha256 });
          try {
            for await (const c of entry.data) writer.update(c);
            writer.finish();
          } catch (err) {
            writer.discard();
            throw err;
          }
        },
      );
      if (!manifest || !contentBytes) throw refused('PACKAGE_CONTENT_INVALID', 'The package has no content.');
      let content: PackageContent;
      try {
        content = ContentSchema.parse(JSON.parse((contentBytes as Buffer).toString('utf8')));
      } catch {
        throw refused('PACKAGE_CONTENT_INVALID', "The package's content is not in the expected form.");
      }
      const m = manifest as Manifest;
      // Attachments listed in the content must be exactly the files the signed manifest carries.
      const files = new Set(m.files.filter((f) => f.path !== 'content.json').map((f) => f.path));
      if (content.attachments.length !== files.size || content.attachments.some((a) => !files.has(a.path) || a.ref !== `a${a.path.split('/')[1]}`)) {
        throw refused('PACKAGE_CONTENT_INVALID', "The package's attachments do not match its manifest.");
      }
      return { manifest: m, content, staged, fileSha256: read.sha256 };
    } catch (err) {
      for (const s of staged) discardFile(join(store.dir, s.file));
      throw err;
    }
  }

  private row(db: Db, id: number): PackageRow {
    const r = db.prepare('SELECT * FROM exchange_package WHERE id = ?').get(id) as PackageRow | undefined;
    if (!r) throw new AppError('PACKAGE_NOT_FOUND', 'There is no such package.', { id });
    return r;
  }

  private summary(db: Db, id: number): PackageSummary {
    return toSummary(db, this.row(db, id));
  }

  packages(direction: 'in' | 'out' | null): PackageSummary[] {
    const db = this.db();
    const rows = db
      .prepare(`SELECT * FROM exchange_package WHERE (@d IS NULL OR direction = @d) ORDER BY created_at DESC, id DESC LIMIT 1000`)
      .all({ d: direction }) as PackageRow[];
    const replies = new Map<string, string[]>();
    for (const x of db.prepare('SELECT in_reply_to, package_id FROM exchange_package WHERE in_reply_to IS NOT NULL ORDER BY created_at').all() as {
      in_reply_to: string;
      package_id: string;
    }[]) {
      (replies.get(x.in_reply_to) ?? replies.set(x.in_reply_to, []).get(x.in_reply_to)!).push(x.package_id);
    }
    return rows.map((r) => toSummary(db, r, replies.get(r.package_id) ?? []));
  }

  preview(id: number): PackagePreview {
    const db = this.db();
    const r = this.row(db, id);
    const manifest = JSON.parse(r.manifest) as Manifest;
    if (r.direction === 'out' || !r.content) return this.previewOf(db, r, manifest, null, new Set());
    const merged = new Set((db.prepare('SELECT ref FROM exchange_merged WHERE package_row = ?').all(id) as { ref: string }[]).map((x) => x.ref));
    this.write(db, () => this.audit(db, 'package.open', 'exchange_package', String(id), {}));
    return this.previewOf(db, r, manifest, ContentSchema.parse(JSON.parse(r.content)), merged);
  }

  private previewOf(db: Db, r: PackageRow | null, m: Manifest, content: PackageContent | null, merged: Set<string>): PackagePreview {
    const summary: PackageSummary = r
      ? toSummary(db, r)
      : {
          id: 0,
          packageId: m.id,
          direction: 'in',
          kind: m.kind,
          subject: m.subject,
          handling: m.handling,
          partners: [{ id: partnerKeyByFingerprint(db, m.sender.fingerprint)?.partner_id ?? null, name: m.sender.unit.name, country: m.sender.unit.country }],
          sequence: m.sequence,
          createdAt: m.createdAt,
          expiresAt: m.expiresAt,
          status: 'received',
          inReplyTo: m.inReplyTo,
          replies: [],
          fileName: null,
          size: 0,
          caseId: null,
        };
    return {
      summary,
      sender: { ...m.sender.unit, fingerprint: m.sender.fingerprint },
      message: content?.message ?? { subject: m.subject, body: '', indicators: [], action: '', result: '', expectedAt: null, place: '' },
      records: content && m.kind !== 'match-set' ? previewRecords(db, content, merged) : [],
      case: content?.case
        ? {
            title: content.case.title,
            summary: content.case.summary,
            tlp: content.case.tlp,
            notes: content.case.notes.map((n) => ({ ref: n.ref, title: n.text.split('\n')[0]!.slice(0, 120), text: n.text, author: n.author, at: n.at })),
          }
        : null,
      attachments: (content?.attachments ?? []).map((a) => ({ ref: a.ref, name: a.name, mediaType: a.mediaType, size: a.size, sha256: a.sha256 })),
      seizures: (content?.seizures ?? []).map((s) => ({
        ref: s.ref,
        commodity: s.seizure.commodity,
        quantity: s.seizure.quantity,
        unit: s.seizure.unit,
        place: s.seizure.place,
        date: s.seizure.date,
      })),
      charts: (content?.charts ?? []).map((c) => ({ ref: c.ref, name: c.name, nodes: Array.isArray(c.content['nodes']) ? c.content['nodes'].length : 0 })),
      auditHead: m.auditHead,
      match: content?.match ? { categories: content.match.categories, hashes: content.match.hashes.length } : null,
    };
  }

  /** Merges what the analyst chose: records as one import naming the package, and optionally a local case
   * with the package's notes, attachments, seizures and charts, linked to the merged records. */
  merge(id: number, choice: MergeChoice): MergeResult {
    const db = this.db();
    const r = this.row(db, id);
    if (r.direction !== 'in' || !r.content) throw new AppError('PACKAGE_NOT_FOUND', 'Only a received package can be merged.', { id });
    const content = ContentSchema.parse(JSON.parse(r.content));
    const m = JSON.parse(r.manifest) as Manifest;
    const already = new Set((db.prepare('SELECT ref FROM exchange_merged WHERE package_row = ?').all(id) as { ref: string }[]).map((x) => x.ref));
    const wanted = new Set(choice.records.filter((ref) => !already.has(ref)));
    const at = this.now().toISOString();
    const store = this.store();
    const written: string[] = [];
    try {
      const result = this.write(db, () => {
        const source = `package ${m.id} from ${m.sender.unit.name} (${m.sender.unit.country})`;
        const { importId, ids } = mergeRecords(db, content, wanted, source, at);
        const mark = db.prepare('INSERT OR IGNORE INTO exchange_merged (package_row, ref, entity, entity_id, merged_at, merged_by) VALUES (?,?,?,?,?,?)');
        for (const [ref, v] of ids) mark.run(id, ref, v.entity, v.id, at, this.deps.actor);
        let caseId = r.case_id;
        if (choice.createCase && caseId === null) {
          const c = content.case;
          const draft: CaseDraft = {
            title: c?.title ?? m.subject,
            summary: [c?.summary ?? '', content.message.body].filter(Boolean).join('\n\n'),
            status: 'open',
            owner: this.deps.actor,
            tags: [...(c?.tags ?? []), `from:${m.sender.unit.country}`].slice(0, 50),
            tlp: c?.tlp && TLP_RANK[c.tlp] > TLP_RANK[m.handling] ? c.tlp : m.handling,
            grading: '4x4',
          };
          caseId = insertCase(db, draft, this.deps.actor, at);
          db.prepare('UPDATE "case" SET origin = ? WHERE id = ?').run(
            JSON.stringify({
              partnerId: r.partner_id,
              unit: m.sender.unit.name,
              country: m.sender.unit.country,
              package: m.id,
              fingerprint: m.sender.fingerprint,
            }),
            caseId,
          );
          for (const n of c?.notes ?? []) {
            const signoff = `— ${n.author}, ${m.sender.unit.name} (${n.at.slice(0, 10)})`;
            const text = `${n.text}\n\n${signoff}`;
            // The sign-off goes in the rich text the notebook shows as well as in the searchable text.
            const doc = n.body as { type?: unknown; content?: unknown[] } | null;
            const body =
              doc && doc.type === 'doc' && Array.isArray(doc.content)
                ? { ...doc, content: [...doc.content, { type: 'paragraph', content: [{ type: 'text', marks: [{ type: 'italic' }], text: signoff }] }] }
                : {
                    type: 'doc',
                    content: text.split('\n').map((line) => (line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' })),
                  };
            writeNote(db, '4x4', { caseId, id: null, body, text, grade: null }, `partner:${m.sender.unit.name}`, at);
          }
          // Every record merged from the package is linked to the new case (those the sender's case linked first).
          const order = [...(c?.links ?? []), ...ids.keys()];
          const links = [...new Set(order)].map((ref) => ids.get(ref)).filter((x) => x !== undefined);
          if (links.length > 0)
            addLinks(
              db,
              caseId,
              '4x4',
              links.map((l) => ({ kind: l.entity, refId: l.id, note: `from package ${m.id}`, grade: null })),
              this.deps.actor,
              at,
            );
          const staged = db.prepare('SELECT * FROM exchange_attachment WHERE package_row = ? ORDER BY id').all(id) as {
            ref: string;
            name: string;
            media_type: string;
            sha256: string;
            file: string;
          }[];
          for (const [i, s] of staged.entries()) {
            const data = decryptAttachment(store.key, readFileSync(join(store.dir, s.file)), { caseId: 0, attachmentId: i + 1 });
            if (createHash('sha256').update(data).digest('hex') !== s.sha256)
              throw new AppError('ATTACHMENT_TAMPERED', 'A staged attachment was altered.', { ref: s.ref });
            const meta = content.attachments.find((a) => a.ref === s.ref);
            const added = addAttachment(
              db,
              store,
              '4x4',
              { caseId, name: s.name, mediaType: s.media_type, data, description: meta?.description ?? `From ${m.sender.unit.name}`, grade: null },
              this.deps.actor,
              at,
            );
            written.push(added.path);
          }
          for (const s of content.seizures) {
            const target = s.entityRef ? ids.get(s.entityRef) : undefined;
            writeSeizure(
              db,
              caseId,
              null,
              {
                ...s.seizure,
                involved: [],
                photos: [],
                entity: target && (target.entity === 'shipment' || target.entity === 'passenger') ? target.entity : null,
                entityId: target && (target.entity === 'shipment' || target.entity === 'passenger') ? target.id : null,
              },
              this.deps.actor,
              at,
            );
          }
          for (const g of content.charts) {
            const chart = chartFromPackage(g.content, ids);
            const chartId = Number(
              db
                .prepare(
                  'INSERT INTO graph_chart (name, description, content, nodes, edges, created_by, created_at, updated_by, updated_at) VALUES (?,?,?,?,?,?,?,?,?)',
                )
                .run(
                  `${g.name} (${m.sender.unit.name})`,
                  g.description,
                  JSON.stringify(chart),
                  chart.nodes.length,
                  chart.edges.length,
                  this.deps.actor,
                  at,
                  this.deps.actor,
                  at,
                ).lastInsertRowid,
            );
            addLinks(db, caseId, '4x4', [{ kind: 'chart', refId: chartId, note: `from package ${m.id}`, grade: null }], this.deps.actor, at);
          }
        }
        db.prepare(
          `UPDATE exchange_package SET status = 'merged', case_id = coalesce(@caseId, case_id), import_id = coalesce(import_id, @importId), decided_at = @at, decided_by = @actor WHERE id = @id`,
        ).run({
          caseId,
          importId,
          at,
          actor: this.deps.actor,
          id,
        });
        this.audit(db, 'package.merge', 'exchange_package', String(id), { package: m.id, records: ids.size, importId, caseId });
        return {
          merged: ids.size,
          skipped: content.shipments.length + content.parties.length + content.containers.length + content.passengers.length - ids.size - already.size,
          caseId,
          importId,
        };
      });
      this.changed(['exchange_package', 'shipment', 'party', 'container', 'passenger', 'case', 'import_batch']);
      return result;
    } catch (err) {
      for (const p of written) discardFile(p);
      throw err;
    }
  }

  dismiss(id: number): PackageSummary {
    const db = this.db();
    const r = this.row(db, id);
    if (r.direction !== 'in') throw new AppError('PACKAGE_NOT_FOUND', 'Only a received package can be dismissed.', { id });
    this.write(db, () => {
      db.prepare(`UPDATE exchange_package SET status = 'dismissed', decided_at = ?, decided_by = ? WHERE id = ?`).run(
        this.now().toISOString(),
        this.deps.actor,
        id,
      );
      this.audit(db, 'package.dismiss', 'exchange_package', String(id), {});
    });
    this.changed(['exchange_package']);
    return this.summary(db, id);
  }

  // --- Hashed matching --------------------------------------------------------------------------------

  /** Sends a partner keyed hashes of this workspace's identifiers (no plaintext), as a signed, encrypted package. */
  async sendMatchSet(partnerId: number, categories: MatchCategory[], out: string | null): Promise<PackageSummary & { file: string; hashes: number }> {
    const db = this.db();
    assertLive(db);
    const partner = partnerById(db, partnerId);
    const key = partner.keys.find((k) => k.status === 'trusted');
    if (!key) throw new AppError('PARTNER_NOT_TRUSTED', `${partner.name}'s key has not been confirmed.`, { partnerId });
    const secret = matchKey(db, key);
    const hashes = matchHashes(db, secret, categories);
    const draft: PackageDraft = {
      kind: 'warning',
      recipients: [partnerId],
      handling: 'AMBER',
      expiresInDays: 30,
      message: {
        subject: `Hashed matching: ${categories.join(', ')}`,
        body: '',
        indicators: categories,
        action: 'match-set',
        result: '',
        expectedAt: null,
        place: '',
      },
      selection: { caseId: null, shipments: [], parties: [], containers: [], passengers: [], seizures: [], charts: [], notes: null, attachments: null },
      inReplyTo: null,
    };
    const sent = await this.send({ ...draft, kind: 'match-set' }, out, { categories, hashes });
    return { ...sent, hashes: hashes.length };
  }

  /** Compares a received match set with this workspace: the records whose identifiers the partner also holds. */
  matchReceived(id: number): MatchResult {
    const db = this.db();
    const r = this.row(db, id);
    if (r.direction !== 'in' || !r.content) throw new AppError('PACKAGE_NOT_FOUND', 'Only a received package can be matched.', { id });
    const content = ContentSchema.parse(JSON.parse(r.content));
    if (!content.match) throw new AppError('PACKAGE_CONTENT_INVALID', 'This package is not a hashed matching set.', { id });
    const k = partnerKeyByFingerprint(db, r.sender_fingerprint)!;
    const secret = matchKey(db, { recipient: k.recipient, fingerprint: k.fingerprint });
    const theirs = new Set(content.match.hashes);
    const found = overlaps(db, secret, content.match.categories, theirs);
    this.write(db, () => this.audit(db, 'package.match', 'exchange_package', String(id), { compared: found.compared, overlaps: found.overlaps.length }));
    return { partnerId: k.partner_id, compared: found.compared, theirs: theirs.size, overlaps: found.overlaps };
  }
}

function slug(s: string): string {
  return (
    s
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'unit'
  );
}

/** A package as lists show it; `replies` are read for it unless the caller read them for a whole list. */
function toSummary(db: Db, r: PackageRow, knownReplies?: string[]): PackageSummary {
  const m = JSON.parse(r.manifest) as Manifest;
  const partners =
    r.direction === 'in'
      ? [{ id: r.partner_id, name: m.sender.unit.name, country: m.sender.unit.country }]
      : (JSON.parse(r.recipients) as number[]).map((pid, i) => ({ id: pid, name: m.recipients[i]?.name ?? '', country: m.recipients[i]?.country ?? '' }));
  const replies =
    knownReplies ??
    (db.prepare('SELECT package_id FROM exchange_package WHERE in_reply_to = ? ORDER BY created_at').all(r.package_id) as { package_id: string }[]).map(
      (x) => x.package_id,
    );
  return {
    id: r.id,
    packageId: r.package_id,
    direction: r.direction,
    kind: r.kind,
    subject: r.subject,
    handling: TLP.includes(r.handling) ? r.handling : 'AMBER',
    partners,
    sequence: r.sequence,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    status: r.status,
    inReplyTo: r.in_reply_to,
    replies,
    fileName: r.file_name,
    size: r.size,
    caseId: r.case_id,
  };
}
