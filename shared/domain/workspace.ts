// Workspace, job and audit shapes as the UI and the CLI see them.

export type WorkspaceInfo = {
  id: string;
  name: string;
  dir: string;
  createdAt: string;
  schemaVersion: number;
  autoLockMinutes: number;
  /** This computer's keychain holds a copy of the key (unlock without the passphrase). */
  keychain: boolean;
  /** A training workspace (opened from an exercise pack): marked TRAINING on every screen and report. */
  training: { exerciseId: string; title: string; trainee: string } | null;
};

/** What may be known of a workspace folder before it is unlocked. */
export type WorkspaceDescription = { name: string; keychain: boolean };

export type WorkspaceStatus = { state: 'closed' } | { state: 'locked'; dir: string; name: string } | { state: 'unlocked'; workspace: WorkspaceInfo };

export type RecentWorkspace = { dir: string; name: string; lastOpenedAt: string };

export type WorkspaceSettings = { autoLockMinutes: number };

/** Counts per entity, as printed by `portcullis stats --json`. */
export type WorkspaceStats = {
  shipments: number;
  containers: number;
  parties: number;
  passengers: number;
  crew: number;
  events: number;
  bookings: number;
  conveyances: number;
  itinerarySegments: number;
  imports: number;
  auditEntries: number;
};

export type AuditEntry = {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  details: unknown;
  hash: string;
};

export type AuditVerification = { ok: true; entries: number; lastHash: string | null } | { ok: false; entries: number; brokenAt: number; reason: string };

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export type JobInfo = {
  id: string;
  kind: string;
  label: string;
  state: JobState;
  done: number;
  total: number;
  phase: string;
  startedAt: string;
  finishedAt?: string;
  error?: { code: string; message: string };
  result?: unknown;
};

export type BackupResult = { file: string; bytes: number; sha256: string };

export type PassphraseRules = { minLength: number };
export const PASSPHRASE_RULES: PassphraseRules = { minLength: 10 };
