// THE contract between the UI, the CLI and the core: every method (zod input, typed output) and every
// event. The handler table in electron/api.ts is typed against it, so a missing handler fails to compile;
// the renderer's client is derived from it with no per-call code.
import { z } from 'zod';
import { IDENTIFIER_KINDS, type Validation } from './domain/identifiers.ts';
import type {
  AuditEntry,
  AuditVerification,
  JobInfo,
  RecentWorkspace,
  WorkspaceDescription,
  WorkspaceInfo,
  WorkspaceSettings,
  WorkspaceStats,
  WorkspaceStatus,
} from './domain/workspace.ts';
import { IMPORT_FORMAT_NAMES, TABLE_FIELDS, type ImportIssueRow, type ImportSummary, type TablePreview } from './domain/imports.ts';
import type { ErrorPayload } from './errors.ts';
import {
  ExerciseDraftSchema,
  SelectionSchema,
  type AnswerPreview,
  type AnswerTarget,
  type ClassResults,
  type ExerciseSummary,
  type Selection,
  type SubmissionResult,
  type TrainingFile,
  type TrainingMark,
} from './domain/training.ts';
import {
  MATCH_CATEGORIES,
  MergeChoiceSchema,
  PackageDraftSchema,
  UnitProfileSchema,
  type CardPreview,
  type ExportPlan,
  type MatchResult,
  type MergeResult,
  type PackagePreview,
  type PackageSummary,
  type Partner,
  type UnitIdentity,
} from './domain/exchange.ts';
import {
  ConditionSchema,
  DECISIONS,
  LANES,
  LaneControlSchema,
  OUTCOMES,
  ProfileDraftSchema,
  SeizureInputSchema,
  TARGET_ENTITIES,
  WATCHLIST_KINDS,
  type Condition,
  type Hit,
  type HitSummary,
  type Lane,
  type LaneControl,
  type Profile,
  type ProfileChange,
  type ProfileStats,
  type ReferenceList,
  type Seizure,
  type Watchlist,
  type WatchlistEntry,
} from './domain/targeting.ts';
import { GridQuerySchema, GridViewStateSchema, REVIEW_ENTITY, type GridPage, type GridValueCount, type GridView, type ReviewEntity } from './domain/grids.ts';
import type { ContainerRecord, PartyRecord, PassengerRecord, ShipmentRecord } from './domain/records.ts';
import {
  ChartContentSchema,
  ExpandInputSchema,
  MATCH_STATUSES,
  NodeIdSchema,
  type Chart,
  type ChartSummary,
  type ExpandResult,
  type GraphNode,
  type PartyMatch,
} from './domain/graph.ts';
import {
  CASE_LINK_KINDS,
  CASE_STATUSES,
  CaseDraftSchema,
  CaseSeizureSchema,
  GradeSchema,
  TaskDraftSchema,
  type CaseAttachment,
  type CaseDetail,
  type CaseNote,
  type CaseNoteVersion,
  type CaseSearchHit,
  type CaseSeizure,
  type CaseSummary,
  type CaseTask,
  type TimelineEvent,
} from './domain/cases.ts';

export type MethodDef<I extends z.ZodType, O> = {
  input: I;
  /** Refused with WORKSPACE_LOCKED unless a workspace is unlocked. */
  needsWorkspace: boolean;
  /** Phantom: carries the output type only. */
  output?: O;
};

function method<O>(opts: { needsWorkspace: boolean }) {
  return <I extends z.ZodType>(input: I): MethodDef<I, O> => ({ input, needsWorkspace: opts.needsWorkspace });
}
const open = { needsWorkspace: false };
const unlocked = { needsWorkspace: true };

const folder = z.string().trim().min(1).max(4096);
const passphrase = z.string().min(1).max(1024);
const none = z.object({}).strict();
const id = z.number().int().min(1);
/** A base64 string whose bytes are at most `bytes`. */
const base64Of = (bytes: number) =>
  z
    .string()
    .max(Math.ceil(bytes / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
/** A rich-text document (tiptap JSON) of at most 1 MB serialised. */
const fingerprintHex = z.string().regex(/^[0-9a-f]{64}$/);
const cardText = z
  .string()
  .min(2)
  .max(64 * 1024);
const richText = z.unknown().refine((v) => v !== undefined && JSON.stringify(v).length <= 1024 * 1024, 'The note is larger than 1 MB.');

export const methods = {
  'app.info': method<AppInfo>(open)(none),

  'workspace.status': method<WorkspaceStatus>(open)(none),
  'workspace.recent': method<RecentWorkspace[]>(open)(none),
  'workspace.forget': method<RecentWorkspace[]>(open)(z.object({ dir: folder }).strict()),
  'workspace.create': method<WorkspaceInfo>(open)(z.object({ dir: folder, name: z.string().trim().min(1).max(200), passphrase }).strict()),
  'workspace.unlock': method<WorkspaceInfo>(open)(z.object({ dir: folder, passphrase }).strict()),
  'workspace.unlockWithKeychain': method<WorkspaceInfo>(open)(z.object({ dir: folder }).strict()),
  'workspace.describe': method<WorkspaceDescription>(open)(z.object({ dir: folder }).strict()),
  'workspace.setKeychain': method<{ keychain: boolean }>(unlocked)(z.object({ enabled: z.boolean(), passphrase }).strict()),
  'workspace.lock': method<WorkspaceStatus>(open)(none),
  /** Locks and lets go of the workspace, back to the first-run screen. */
  'workspace.close': method<WorkspaceStatus>(open)(none),
  'workspace.changePassphrase': method<{ changed: true }>(unlocked)(z.object({ current: passphrase, next: passphrase }).strict()),
  'workspace.settings': method<WorkspaceSettings>(unlocked)(none),
  'workspace.updateSettings': method<WorkspaceSettings>(unlocked)(
    z
      .object({
        autoLockMinutes: z
          .number()
          .int()
          .min(0)
          .max(24 * 60),
      })
      .strict(),
  ),
  /** Starts an online encrypted backup as a job; the job's result is a BackupResult. */
  'workspace.backup': method<{ jobId: string }>(unlocked)(z.object({ out: folder }).strict()),
  /** Opens the demo workspace, generating it first (as a job) if needed. */
  'workspace.openDemo': method<{ jobId: string | null; dir: string; passphrase: string }>(open)(none),
  'workspace.restore': method<WorkspaceInfo>(open)(z.object({ backupFile: folder, dir: folder, passphrase }).strict()),
  /** The user did something: resets the auto-lock timer. */
  'session.activity': method<{ autoLockAt: string | null }>(open)(none),

  'records.stats': method<WorkspaceStats>(unlocked)(none),

  /** One chunk of a file handed to the app (drag and drop, file picker); the first chunk has no uploadId. */
  'imports.upload': method<{ uploadId: string; size: number }>(unlocked)(
    z
      .object({
        uploadId: z.string().uuid().nullable(),
        name: z.string().min(1).max(255),
        offset: z.number().int().min(0),
        data: z.string().max(12 * 1024 * 1024),
      })
      .strict(),
  ),
  'imports.start': method<{ jobId: string }>(unlocked)(
    z
      .object({
        uploadId: z.string().uuid(),
        format: z.enum(IMPORT_FORMAT_NAMES).nullable(),
        strict: z.boolean(),
        /** For tables: column index by field, as confirmed on the mapping screen. */
        mapping: z.partialRecord(z.enum(TABLE_FIELDS), z.number().int().min(0).max(499)).optional(),
        spec: z.string().min(1).max(100).optional(),
      })
      .strict(),
  ),
  /** Drops an upload that will not be imported (the user cancelled the upload or the mapping). */
  'imports.discard': method<{ discarded: true }>(unlocked)(z.object({ uploadId: z.string().uuid() }).strict()),
  /** For a CSV or spreadsheet upload: header, sample rows, suggested mapping, matching saved specification. */
  'imports.preview': method<TablePreview | null>(unlocked)(z.object({ uploadId: z.string().uuid() }).strict()),
  'imports.saveSpec': method<{ saved: true }>(unlocked)(
    z
      .object({
        name: z.string().trim().min(1).max(100),
        headers: z.array(z.string().max(500)).max(500),
        mapping: z.partialRecord(z.enum(TABLE_FIELDS), z.number().int().min(0).max(499)),
      })
      .strict(),
  ),
  'imports.history': method<ImportSummary[]>(unlocked)(z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict()),
  'imports.report': method<ImportIssueRow[]>(unlocked)(z.object({ importId: z.number().int().min(1) }).strict()),
  'imports.undo': method<{ removed: Record<string, number> }>(unlocked)(z.object({ importId: z.number().int().min(1) }).strict()),

  /** A block of a grid's rows in the view's order, and how many rows match. */
  'grids.page': method<GridPage>(unlocked)(
    GridQuerySchema.extend({ start: z.number().int().min(0).max(1_000_000_000), limit: z.number().int().min(1).max(1000) }).strict(),
  ),
  /** The exact number of rows matching the filters and search (counted in the background on large tables). */
  'grids.count': method<{ count: number }>(unlocked)(GridQuerySchema.omit({ sort: true }).strict()),
  /** The values of a column with their counts under the other filters (the set filter's list). */
  'grids.values': method<GridValueCount[]>(unlocked)(
    GridQuerySchema.omit({ sort: true })
      .extend({ column: z.string().max(50) })
      .strict(),
  ),
  'grids.views': method<GridView[]>(unlocked)(z.object({ grid: GridQuerySchema.shape.grid }).strict()),
  'grids.saveView': method<GridView>(unlocked)(
    z.object({ grid: GridQuerySchema.shape.grid, name: z.string().trim().min(1).max(100), isDefault: z.boolean(), state: GridViewStateSchema }).strict(),
  ),
  'grids.deleteView': method<{ deleted: true }>(unlocked)(z.object({ id: z.number().int().min(1) }).strict()),
  /** Writes every row of the view (not only those loaded) to a CSV or XLSX file, as a job. */
  'grids.export': method<{ jobId: string }>(unlocked)(
    z
      .object({
        query: GridQuerySchema,
        /** The visible columns in their order, with the header the user reads (in the UI's language). */
        columns: z
          .array(z.object({ id: z.string().max(50), label: z.string().max(200) }).strict())
          .min(1)
          .max(100),
        format: z.enum(['csv', 'xlsx']),
        out: folder,
      })
      .strict(),
  ),

  /** Marks the records (a grid's selection) for review, or clears their mark. */
  'review.mark': method<{ changed: number }>(unlocked)(
    z
      .object({
        entity: z.enum(Object.values(REVIEW_ENTITY) as [ReviewEntity, ...ReviewEntity[]]),
        ids: z.array(z.number().int().min(1)).min(1).max(10_000),
        marked: z.boolean(),
      })
      .strict(),
  ),

  'records.shipment': method<ShipmentRecord>(unlocked)(z.object({ id: z.number().int().min(1) }).strict()),
  'records.container': method<ContainerRecord>(unlocked)(z.object({ id: z.number().int().min(1) }).strict()),
  'records.party': method<PartyRecord>(unlocked)(z.object({ id: z.number().int().min(1) }).strict()),
  'records.passenger': method<PassengerRecord>(unlocked)(z.object({ id: z.number().int().min(1) }).strict()),

  'targeting.profiles': method<Profile[]>(unlocked)(none),
  'targeting.profile': method<Profile>(unlocked)(z.object({ id: z.number().int().min(1), version: z.number().int().min(1).optional() }).strict()),
  'targeting.history': method<ProfileChange[]>(unlocked)(z.object({ id: z.number().int().min(1) }).strict()),
  /** Saves a new profile (id null) or a new version of one; refused with TARGETING_INVALID_RULE and the problems. */
  'targeting.saveProfile': method<Profile>(unlocked)(z.object({ id: z.number().int().min(1).nullable(), draft: ProfileDraftSchema }).strict()),
  /** The text form of a condition read into its tree (TARGETING_INVALID_RULE with the offset where it fails). */
  'targeting.parse': method<{ condition: Condition; text: string }>(unlocked)(z.object({ text: z.string().max(20_000) }).strict()),
  'targeting.print': method<{ text: string }>(unlocked)(z.object({ condition: ConditionSchema }).strict()),
  /** A rule tried on the latest records before it is saved. */
  'targeting.testRule': method<{ tested: number; hits: number; examples: { id: number; label: string }[] }>(unlocked)(
    z.object({ entity: z.enum(TARGET_ENTITIES), condition: ConditionSchema, sample: z.number().int().min(1).max(100_000).default(5000) }).strict(),
  ),
  'targeting.lists': method<ReferenceList[]>(unlocked)(none),
  'targeting.saveList': method<ReferenceList>(unlocked)(
    z.object({ name: z.string().trim().min(1).max(100), description: z.string().max(2000), items: z.array(z.string().max(500)).max(100_000) }).strict(),
  ),
  'targeting.watchlists': method<Watchlist[]>(unlocked)(none),
  'targeting.saveWatchlist': method<Watchlist>(unlocked)(
    z
      .object({
        id: z.number().int().min(1).nullable(),
        name: z.string().trim().min(1).max(100),
        kind: z.enum(WATCHLIST_KINDS),
        threshold: z.number().gt(0).max(1),
        description: z.string().max(2000),
      })
      .strict(),
  ),
  'targeting.entries': method<WatchlistEntry[]>(unlocked)(z.object({ watchlistId: z.number().int().min(1) }).strict()),
  'targeting.addEntries': method<{ added: number }>(unlocked)(
    z
      .object({
        watchlistId: z.number().int().min(1),
        entries: z
          .array(z.object({ value: z.string().trim().min(1).max(500), note: z.string().max(2000).default('') }).strict())
          .min(1)
          .max(100_000),
      })
      .strict(),
  ),
  'targeting.removeEntry': method<{ removed: true }>(unlocked)(z.object({ id: z.number().int().min(1) }).strict()),
  'targeting.controls': method<LaneControl[]>(unlocked)(none),
  'targeting.saveControl': method<LaneControl[]>(unlocked)(LaneControlSchema),
  'targeting.settings': method<{ scoreAfterImport: boolean }>(unlocked)(none),
  'targeting.updateSettings': method<{ scoreAfterImport: boolean }>(unlocked)(z.object({ scoreAfterImport: z.boolean() }).strict()),
  /** Starts a scoring run as a job: only records new since the last run, or all of them (full). */
  'targeting.score': method<{ jobId: string }>(unlocked)(z.object({ full: z.boolean() }).strict()),
  /** Starts a backtest of a saved profile (or one of its versions) or of a draft over a period, as a job. */
  'targeting.backtest': method<{ jobId: string }>(unlocked)(
    z
      .object({
        profileId: z.number().int().min(1).nullable(),
        version: z.number().int().min(1).nullable(),
        draft: ProfileDraftSchema.nullable(),
        from: z.string().date(),
        to: z.string().date(),
      })
      .strict(),
  ),
  'targeting.queue': method<{ hits: HitSummary[]; total: number; lanes: Record<Lane, number> }>(unlocked)(
    z
      .object({
        status: z.enum(['open', 'decided', 'all']).default('open'),
        lane: z.enum(LANES).nullable().default(null),
        entity: z.enum(TARGET_ENTITIES).nullable().default(null),
        limit: z.number().int().min(1).max(1000).default(200),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
  ),
  'targeting.hit': method<Hit>(unlocked)(z.object({ id: z.number().int().min(1) }).strict()),
  /** The hit of a record, if it has one. */
  'targeting.hitOf': method<Hit | null>(unlocked)(z.object({ entity: z.enum(TARGET_ENTITIES), entityId: z.number().int().min(1) }).strict()),
  /** A person's decision on an open hit (a dismissal needs a reason). */
  'targeting.decide': method<Hit>(unlocked)(
    z.object({ hitId: z.number().int().min(1), decision: z.enum(DECISIONS), reason: z.string().max(2000).default('') }).strict(),
  ),
  /** The inspection's outcome; a positive one with its seizure. */
  'targeting.outcome': method<Hit>(unlocked)(
    z.object({ hitId: z.number().int().min(1), outcome: z.enum(OUTCOMES), seizure: SeizureInputSchema.nullable() }).strict(),
  ),
  'targeting.stats': method<ProfileStats[]>(unlocked)(none),
  'targeting.seizures': method<Seizure[]>(unlocked)(none),

  /** Neighbours of chart nodes, read from SQL (issue 7); more than `cap` of a kind fold into a collection node. */
  'graph.expand': method<ExpandResult>(unlocked)(ExpandInputSchema),
  'graph.describe': method<GraphNode[]>(unlocked)(z.object({ ids: z.array(NodeIdSchema).min(1).max(20_000) }).strict()),
  'graph.find': method<GraphNode[]>(unlocked)(
    z.object({ text: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(200).default(30) }).strict(),
  ),
  'graph.charts': method<ChartSummary[]>(unlocked)(none),
  'graph.chart': method<Chart>(unlocked)(z.object({ id: z.number().int().min(1) }).strict()),
  'graph.saveChart': method<Chart>(unlocked)(
    z
      .object({
        id: z.number().int().min(1).nullable(),
        name: z.string().trim().min(1).max(200),
        description: z.string().max(5000).default(''),
        content: ChartContentSchema,
      })
      .strict(),
  ),
  'graph.deleteChart': method<{ deleted: true }>(unlocked)(z.object({ id: z.number().int().min(1) }).strict()),
  /** Entity resolution: a background search for candidate duplicate parties, the candidates, and decisions (accepted = merged). */
  'graph.findDuplicates': method<{ jobId: string }>(unlocked)(z.object({ threshold: z.number().min(0.5).max(1).optional() }).strict()),
  'graph.matches': method<{ matches: PartyMatch[]; total: number }>(unlocked)(
    z
      .object({
        status: z.enum(MATCH_STATUSES).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(50),
        minScore: z.number().min(0).max(1).optional(),
      })
      .strict(),
  ),
  'graph.decideMatch': method<PartyMatch>(unlocked)(z.object({ id: z.number().int().min(1), status: z.enum(MATCH_STATUSES) }).strict()),

  /** Cases (issue 8): list and filter (status, a tag, text in the title, reference or summary). */
  'cases.list': method<{ cases: CaseSummary[]; total: number }>(unlocked)(
    z
      .object({
        status: z.enum(CASE_STATUSES).optional(),
        text: z.string().trim().max(200).optional(),
        tag: z.string().trim().max(60).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
  ),
  'cases.get': method<CaseDetail>(unlocked)(z.object({ id }).strict()),
  /** A new case; created from a hit, the hit, its record and the hit's seizures are linked. */
  'cases.create': method<CaseDetail>(unlocked)(
    z
      .object({
        draft: CaseDraftSchema,
        from: z
          .object({ kind: z.literal('hit'), id })
          .strict()
          .nullable()
          .optional(),
      })
      .strict(),
  ),
  'cases.update': method<CaseDetail>(unlocked)(z.object({ id, draft: CaseDraftSchema }).strict()),
  /** Links records to a case; those already linked are skipped; an unknown record refuses the lot (RECORD_NOT_FOUND). */
  'cases.link': method<{ added: number }>(unlocked)(
    z
      .object({
        caseId: id,
        items: z
          .array(
            z
              .object({ kind: z.enum(CASE_LINK_KINDS), refId: id, note: z.string().max(2000).default(''), grade: GradeSchema.nullable().default(null) })
              .strict(),
          )
          .min(1)
          .max(5000),
      })
      .strict(),
  ),
  'cases.unlink': method<{ removed: true }>(unlocked)(z.object({ caseId: id, linkId: id }).strict()),
  /** Saves a new note (id null) or a new version of one; the previous version is kept. */
  'cases.saveNote': method<CaseNote>(unlocked)(
    z.object({ caseId: id, id: id.nullable(), body: richText, text: z.string().max(1024 * 1024), grade: GradeSchema.nullable() }).strict(),
  ),
  /** A note's earlier versions, newest first. */
  'cases.noteHistory': method<CaseNoteVersion[]>(unlocked)(z.object({ noteId: id }).strict()),
  /** One chunk (≤ 1 MB) of a file attached to a case; the first has no attachId. Held in memory until attachFinish. */
  'cases.attachChunk': method<{ attachId: string; size: number }>(unlocked)(
    z
      .object({
        caseId: id,
        attachId: z.string().uuid().nullable(),
        name: z.string().trim().min(1).max(255),
        mediaType: z.string().trim().min(1).max(200),
        offset: z.number().int().min(0),
        data: base64Of(1024 * 1024),
      })
      .strict(),
  ),
  /** Hashes, encrypts and stores the uploaded file as an attachment of its case. */
  'cases.attachFinish': method<CaseAttachment>(unlocked)(
    z.object({ attachId: z.string().uuid(), description: z.string().max(4000).default(''), grade: GradeSchema.nullable().default(null) }).strict(),
  ),
  /** The attachment's content, decrypted and checked against its hash (ATTACHMENT_TAMPERED); logged as viewed. */
  'cases.attachment': method<{ name: string; mediaType: string; size: number; sha256: string; dataBase64: string }>(unlocked)(z.object({ id }).strict()),
  /** An entry in an exhibit's chain of custody. */
  'cases.custody': method<CaseAttachment>(unlocked)(
    z.object({ attachmentId: id, action: z.enum(['transferred', 'note', 'exported']), detail: z.string().trim().max(2000) }).strict(),
  ),
  'cases.saveSeizure': method<CaseSeizure>(unlocked)(z.object({ caseId: id, id: id.nullable(), seizure: CaseSeizureSchema }).strict()),
  'cases.saveTask': method<CaseTask>(unlocked)(z.object({ caseId: id, id: id.nullable(), task: TaskDraftSchema }).strict()),
  /** Everything that happened in a case and to its records, in time order. */
  'cases.timeline': method<TimelineEvent[]>(unlocked)(z.object({ caseId: id }).strict()),
  /** Full-text search over cases, notes and attachment names, whatever the script (Cyrillic or Latin). */
  'cases.search': method<CaseSearchHit[]>(unlocked)(
    z.object({ text: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(200).default(30) }).strict(),
  ),

  /** This unit's identity: profile, keys (current and old) and the current key's fingerprint as words and digits. */
  'exchange.identity': method<UnitIdentity>(unlocked)(none),
  /** Sets the unit's name, agency, country and type; the first time, makes its signing and encryption keys. */
  'exchange.saveProfile': method<UnitIdentity>(unlocked)(z.object({ profile: UnitProfileSchema }).strict()),
  /** A new key pair; the old one is kept to read packages sent to it. */
  'exchange.rotateKeys': method<UnitIdentity>(unlocked)(none),
  'exchange.revokeOwnKey': method<UnitIdentity>(unlocked)(z.object({ fingerprint: fingerprintHex, reason: z.string().trim().min(1).max(500) }).strict()),
  /** This unit's card (public keys, names, fingerprint), signed, to give partners. */
  'exchange.exportCard': method<{ fileName: string; text: string }>(unlocked)(none),
  'exchange.partners': method<Partner[]>(unlocked)(none),
  'exchange.previewCard': method<CardPreview>(unlocked)(z.object({ text: cardText }).strict()),
  /** Adds a partner's card; with the fingerprint read out of band, trusts it at once. */
  'exchange.addCard': method<Partner>(unlocked)(z.object({ text: cardText, fingerprint: z.string().trim().min(1).max(400).nullable() }).strict()),
  'exchange.confirmKey': method<Partner>(unlocked)(z.object({ keyId: id, fingerprint: z.string().trim().min(1).max(400) }).strict()),
  'exchange.revokePartnerKey': method<Partner>(unlocked)(z.object({ keyId: id, reason: z.string().trim().min(1).max(500) }).strict()),
  /** What a package would carry, to confirm before it is written. */
  'exchange.plan': method<ExportPlan>(unlocked)(z.object({ draft: PackageDraftSchema }).strict()),
  /** Signs, encrypts and writes the package (to `out`, or the Outbox folder beside the workspace). `confirmed`
   * says the analyst saw the plan. */
  'exchange.send': method<PackageSummary & { file: string }>(unlocked)(
    z.object({ draft: PackageDraftSchema, out: z.string().trim().min(1).max(4096).nullable().default(null), confirmed: z.literal(true) }).strict(),
  ),
  /** Verifies a received package (an upload, or a file path) and stages it in the inbox; a dry run only verifies and previews. */
  'exchange.receive': method<PackagePreview>(unlocked)(
    z
      .object({
        uploadId: z.string().uuid().nullable().default(null),
        path: z.string().trim().min(1).max(4096).nullable().default(null),
        dryRun: z.boolean().default(false),
      })
      .strict(),
  ),
  'exchange.packages': method<PackageSummary[]>(unlocked)(z.object({ direction: z.enum(['in', 'out']).nullable().default(null) }).strict()),
  'exchange.preview': method<PackagePreview>(unlocked)(z.object({ id }).strict()),
  /** Merges the chosen records (and optionally a case with the package's notes, attachments, seizures and charts). */
  'exchange.merge': method<MergeResult>(unlocked)(z.object({ id, choice: MergeChoiceSchema }).strict()),
  'exchange.dismiss': method<PackageSummary>(unlocked)(z.object({ id }).strict()),
  /** Sends a partner keyed hashes of this workspace's identifiers of the given categories. */
  'exchange.sendMatchSet': method<PackageSummary & { file: string; hashes: number }>(unlocked)(
    z
      .object({ partnerId: id, categories: z.array(z.enum(MATCH_CATEGORIES)).min(1), out: z.string().trim().min(1).max(4096).nullable().default(null) })
      .strict(),
  ),
  /** The local records a received match set overlaps. */
  'exchange.matchReceived': method<MatchResult>(unlocked)(z.object({ id }).strict()),

  /** Trainer: generates and packs an exercise (a background job); the pack goes to `out` or an Exercises folder beside the workspace. */
  'training.author': method<{ jobId: string; file: string }>(unlocked)(
    z.object({ draft: ExerciseDraftSchema, out: z.string().trim().min(1).max(4096).nullable().default(null) }).strict(),
  ),
  'training.exercises': method<ExerciseSummary[]>(unlocked)(none),
  /** Trainer: the exercise's answer key (audited). */
  'training.answerKey': method<AnswerPreview>(unlocked)(z.object({ id }).strict()),
  /** Trainer: verifies and scores a trainee's submission file. */
  'training.receiveSubmission': method<SubmissionResult>(unlocked)(
    z.object({ uploadId: z.string().uuid().nullable().default(null), path: z.string().trim().min(1).max(4096).nullable().default(null) }).strict(),
  ),
  /** Trainer: the class's scores, best first, with the scoring rules. */
  'training.results': method<ClassResults>(unlocked)(z.object({ id }).strict()),
  /** Trainer: the answer key as a signed file, for the debrief (a training workspace accepts it to reveal the ground truth). */
  'training.exportAnswers': method<{ file: string; targets: number }>(unlocked)(
    z.object({ id, out: z.string().trim().min(1).max(4096).nullable().default(null) }).strict(),
  ),
  /** Debrief, in a training workspace: accepts the trainer's signed answer key and marks the ground truth on grids and graph. */
  'training.reveal': method<{ targets: number }>(unlocked)(
    z.object({ uploadId: z.string().uuid().nullable().default(null), path: z.string().trim().min(1).max(4096).nullable().default(null) }).strict(),
  ),
  /** The revealed ground truth, with the local record of each (null when not imported). */
  'training.truth': method<(AnswerTarget & { recordId: number | null })[]>(unlocked)(none),
  /** Trainee: opens an exercise pack into a new training workspace (created at `dir`, marked TRAINING, opened). */
  'training.openPack': method<WorkspaceInfo>(open)(
    z
      .object({
        uploadId: z.string().uuid().nullable().default(null),
        path: z.string().trim().min(1).max(4096).nullable().default(null),
        dir: folder,
        passphrase,
        trainee: z.string().trim().min(1).max(200),
      })
      .strict(),
  ),
  /** The training mark of the open workspace (null in a live one). */
  'training.status': method<TrainingMark | null>(unlocked)(none),
  'training.files': method<TrainingFile[]>(unlocked)(none),
  /** Trainee: hands one of the exercise's files to the importers (then imports.start as for any file). */
  'training.fileUpload': method<{ uploadId: string; name: string; format: string }>(unlocked)(z.object({ name: z.string().min(1).max(200) }).strict()),
  'training.selections': method<Selection[]>(unlocked)(none),
  'training.select': method<Selection>(unlocked)(z.object({ selection: SelectionSchema }).strict()),
  'training.unselect': method<{ removed: true }>(unlocked)(z.object({ id }).strict()),
  /** Trainee: writes the signed submission for the trainer; the selections are frozen from then on. */
  'training.submit': method<{ file: string; selections: number; late: boolean }>(unlocked)(
    z.object({ out: z.string().trim().min(1).max(4096).nullable().default(null) }).strict(),
  ),

  /** The report on screen (a print view) written as a PDF file at `out` (never over an existing file);
   * the desktop app only: the browser shell answers EXPORT_FAILED (print from the browser instead). */
  'reports.printToPdf': method<{ file: string; bytes: number }>(unlocked)(
    z.object({ out: z.string().trim().min(1).max(4096), subject: z.string().max(300), caseId: z.number().int().min(1).nullable() }).strict(),
  ),
  'audit.verify': method<AuditVerification>(unlocked)(none),
  'audit.recent': method<AuditEntry[]>(unlocked)(z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict()),

  'jobs.list': method<JobInfo[]>(open)(none),
  'jobs.cancel': method<JobInfo>(open)(z.object({ id: z.string().min(1).max(100) }).strict()),

  'identifiers.validate': method<Validation>(open)(z.object({ kind: z.enum(IDENTIFIER_KINDS), value: z.string().max(200) }).strict()),
} as const;

export type AppInfo = {
  version: string;
  shell: 'electron' | 'browser';
  platform: string;
  keychainAvailable: boolean;
  /** Suggested parent folder for new workspaces. */
  workspacesDir: string;
};

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller passes (defaults not yet applied). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives, after validation. */
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = Methods[M] extends MethodDef<z.ZodType, infer O> ? O : never;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}

export { EVENT_NAMES, type EventMessage, type EventName, type Events } from './events.ts';

/** Wire format shared by the socket transport and IPC. */
export type Request = { id: number; method: string; input: unknown };
export type Response = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: ErrorPayload };
