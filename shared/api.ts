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
import { GridQuerySchema, GridViewStateSchema, REVIEW_ENTITY, type GridPage, type GridValueCount, type GridView, type ReviewEntity } from './domain/grids.ts';
import type { ContainerRecord, PartyRecord, PassengerRecord, ShipmentRecord } from './domain/records.ts';

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
