// The workspace lifecycle: create, unlock, lock (by hand or after idle minutes), change passphrase,
// settings, online backup and restore. Holds the one open database connection of this process.
import { hkdfSync } from 'node:crypto';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BackupResult, WorkspaceInfo, WorkspaceSettings, WorkspaceStatus } from '../../../shared/domain/workspace.ts';
import { AppError } from '../../../shared/errors.ts';
import { workerUrl } from '../../workers/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { EventBus } from '../app/events.ts';
import type { RecentWorkspaces } from '../app/recent.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { checkIntegrity, DATABASE_NAME, openDatabase, UNLOCK_CHECK_LIMIT_BYTES, type Db } from './database.ts';
import { assertKeyMatches, DEFAULT_KDF, KEYFILE_NAME, readKeyFile, rewrapKeyFile, unlockKeyFile, writeKeyFile, type KdfCost, type KeyFile } from './keyfile.ts';
import { assertNotFromFuture, migrate, schemaVersion } from './migrations/index.ts';
import { restoreBackup } from './restore.ts';
import { readSettings, writeSettings } from './settings.ts';
import { acquireWriterLock, type WriterLock } from './writer-lock.ts';
import { assertEmptyFolder, assertPassphraseRules, createWorkspaceFiles } from './create.ts';
import { DEMO_NAME, DEMO_PASSPHRASE, demoParams } from './demo.ts';

export type WorkspaceDeps = {
  events: EventBus;
  recent: RecentWorkspaces | null;
  jobs: JobRunner;
  actor: string;
  kdfCost?: KdfCost;
  /** The OS keychain, where Electron offers a real one. */
  keychain?: Keychain | null;
};

/** Wraps and unwraps the data key with the operating system's keychain (Electron safeStorage). */
export type Keychain = { wrap(dataKey: Buffer): string; unwrap(blob: string): Buffer };

type Session = { dir: string; keyFile: KeyFile; dataKey: Buffer; db: Db; lock: WriterLock };
type Held = { dir: string; name: string; lock: WriterLock };

/** When auto-lock comes due while a job runs, look again after this long. */
const AUTO_LOCK_RETRY_MS = 30_000;

export class WorkspaceService {
  private session: Session | null = null;
  private held: Held | null = null;
  private autoLockTimer: NodeJS.Timeout | null = null;
  private autoLockAt: number | null = null;

  private readonly deps: WorkspaceDeps;

  constructor(deps: WorkspaceDeps) {
    this.deps = deps;
  }

  status(): WorkspaceStatus {
    if (this.session) return { state: 'unlocked', workspace: this.info(this.session) };
    if (this.held) return { state: 'locked', dir: this.held.dir, name: this.held.name };
    return { state: 'closed' };
  }

  /** The open database; WORKSPACE_LOCKED when there is none. */
  db(): Db {
    if (!this.session) throw new AppError('WORKSPACE_LOCKED', 'The workspace is locked. Unlock it to continue.');
    return this.session.db;
  }

  async create(input: { dir: string; name: string; passphrase: string }): Promise<WorkspaceInfo> {
    assertPassphraseRules(input.passphrase);
    assertEmptyFolder(resolve(input.dir));
    await this.close();
    return this.begin(await createWorkspaceFiles(input, { actor: this.deps.actor, kdfCost: this.deps.kdfCost }));
  }

  unlock(input: { dir: string; passphrase: string }): Promise<WorkspaceInfo> {
    return this.unlockWith(input.dir, 'passphrase', (keyFile) => unlockKeyFile(keyFile, input.passphrase));
  }

  /** Unlock with the copy of the key that this computer's keychain protects (Electron only). */
  unlockWithKeychain(input: { dir: string }): Promise<WorkspaceInfo> {
    return this.unlockWith(input.dir, 'keychain', async (keyFile) => {
      const keychain = this.deps.keychain;
      if (!keychain || !keyFile.keychain) {
        throw new AppError('WORKSPACE_KEYCHAIN_UNAVAILABLE', "This workspace cannot be unlocked with this computer's keychain. Use the passphrase.");
      }
      let dataKey: Buffer;
      try {
        dataKey = keychain.unwrap(keyFile.keychain);
      } catch {
        throw new AppError('WORKSPACE_KEYCHAIN_UNAVAILABLE', "This computer's keychain could not unlock the workspace. Use the passphrase.");
      }
      assertKeyMatches(keyFile, dataKey);
      return dataKey;
    });
  }

  /** Turns the keychain copy of the key on or off; the passphrase is asked again either way. */
  async setKeychain(input: { enabled: boolean; passphrase: string }): Promise<{ keychain: boolean }> {
    const s = this.requireSession();
    await unlockKeyFile(s.keyFile, input.passphrase);
    const keychain = this.deps.keychain;
    if (input.enabled && !keychain) {
      throw new AppError('WORKSPACE_KEYCHAIN_UNAVAILABLE', 'No secure keychain is available on this computer.');
    }
    const { keychain: _old, ...rest } = s.keyFile;
    const next: KeyFile = input.enabled && keychain ? { ...rest, keychain: keychain.wrap(s.dataKey) } : rest;
    writeKeyFile(join(s.dir, KEYFILE_NAME), next);
    s.keyFile = next;
    s.db.transaction(() =>
      appendAudit(s.db, {
        actor: this.deps.actor,
        action: 'workspace.setKeychain',
        entity: 'workspace',
        entityId: next.id,
        details: { enabled: input.enabled },
      }),
    )();
    this.deps.events.emit('workspace.changed', this.status());
    return { keychain: next.keychain !== undefined };
  }

  /** What the unlock screen may know before unlocking: the name, and whether the keychain can open it. */
  describe(input: { dir: string }): { name: string; keychain: boolean } {
    const keyFile = readKeyFile(join(resolve(input.dir), KEYFILE_NAME));
    return { name: keyFile.name, keychain: keyFile.keychain !== undefined && this.deps.keychain != null };
  }

  private async unlockWith(rawDir: string, via: 'passphrase' | 'keychain', keySource: (keyFile: KeyFile) => Promise<Buffer>): Promise<WorkspaceInfo> {
    const dir = resolve(rawDir);
    const keyFile = readKeyFile(join(dir, KEYFILE_NAME));
    if (this.session?.dir === dir) {
      (await keySource(keyFile)).fill(0);
      return this.info(this.session);
    }
    let lock: WriterLock;
    let fresh = false;
    if (this.held?.dir === dir) {
      lock = this.held.lock;
    } else {
      await this.close();
      lock = acquireWriterLock(dir);
      fresh = true;
    }
    try {
      const dataKey = await keySource(keyFile);
      const db = this.openChecked(join(dir, DATABASE_NAME), dataKey);
      try {
        db.transaction(() =>
          appendAudit(db, { actor: this.deps.actor, action: 'workspace.unlock', entity: 'workspace', entityId: keyFile.id, details: { via } }),
        )();
      } catch (err) {
        db.close();
        throw err;
      }
      this.held = null;
      return this.begin({ dir, keyFile, dataKey, db, lock });
    } catch (err) {
      if (fresh) lock.release();
      throw err;
    }
  }

  /** Ends the session and forgets the key; the writer lock stays with this process until close(). */
  async lock(reason: 'user' | 'idle' = 'user'): Promise<WorkspaceStatus> {
    const s = this.session;
    if (!s) return this.status();
    await this.deps.jobs.cancelAll();
    this.clearAutoLock();
    s.db.close();
    s.dataKey.fill(0);
    this.session = null;
    this.held = { dir: s.dir, name: s.keyFile.name, lock: s.lock };
    const status = this.status();
    this.deps.events.emit('workspace.changed', status);
    if (reason === 'idle') console.info('workspace locked after idle time');
    return status;
  }

  /** Locks and lets go of the workspace entirely (another process may then open it). */
  async close(): Promise<void> {
    await this.lock();
    if (this.held) {
      this.held.lock.release();
      this.held = null;
      this.deps.events.emit('workspace.changed', this.status());
    }
  }

  async changePassphrase(input: { current: string; next: string }): Promise<{ changed: true }> {
    const s = this.requireSession();
    assertPassphraseRules(input.next);
    await unlockKeyFile(s.keyFile, input.current);
    const next = await rewrapKeyFile(s.keyFile, s.dataKey, input.next, this.deps.kdfCost ?? DEFAULT_KDF);
    writeKeyFile(join(s.dir, KEYFILE_NAME), next);
    s.keyFile = next;
    s.db.transaction(() => appendAudit(s.db, { actor: this.deps.actor, action: 'workspace.changePassphrase', entity: 'workspace', entityId: next.id }))();
    return { changed: true };
  }

  settings(): WorkspaceSettings {
    return readSettings(this.db());
  }

  updateSettings(patch: WorkspaceSettings): WorkspaceSettings {
    const s = this.requireSession();
    s.db.transaction(() => {
      writeSettings(s.db, patch);
      appendAudit(s.db, { actor: this.deps.actor, action: 'workspace.updateSettings', entity: 'workspace', entityId: s.keyFile.id, details: patch });
    })();
    this.touch();
    this.deps.events.emit('workspace.changed', this.status());
    return readSettings(s.db);
  }

  /** Starts the online backup job and returns its id. */
  backup(out: string): { jobId: string } {
    const s = this.requireSession();
    const file = resolve(out);
    if (existsSync(file)) throw new AppError('WORKSPACE_EXISTS', 'A file with this name already exists; choose another name for the backup.');
    const job = this.deps.jobs.start({
      kind: 'workspace.backup',
      label: 'Backup',
      worker: workerUrl('backup'),
      input: {
        dbFile: join(s.dir, DATABASE_NAME),
        attachmentsDir: join(s.dir, 'attachments'),
        keyHex: s.dataKey.toString('hex'),
        out: file,
        keyFile: s.keyFile,
        schemaVersion: schemaVersion(s.db),
      },
      cleanup: () => {
        for (const suffix of ['.snapshot', '.partial']) rmSync(file + suffix, { force: true });
      },
      onResult: (result) => {
        const r = result as BackupResult;
        if (this.session === s) {
          s.db.transaction(() =>
            appendAudit(s.db, {
              actor: this.deps.actor,
              action: 'workspace.backup',
              entity: 'workspace',
              entityId: s.keyFile.id,
              details: { file: r.file, sha256: r.sha256 },
            }),
          )();
        }
        return r;
      },
    });
    return { jobId: job.id };
  }

  /**
   * Opens the demo workspace in `dir`, first generating it as a background job if it does not exist yet.
   * Returns the job's id (null when the demo already existed and was simply unlocked).
   */
  async openDemo(dir: string): Promise<{ jobId: string | null; dir: string }> {
    const target = resolve(dir);
    if (existsSync(join(target, KEYFILE_NAME))) {
      await this.unlock({ dir: target, passphrase: DEMO_PASSPHRASE });
      return { jobId: null, dir: target };
    }
    assertEmptyFolder(target);
    await this.close();
    const job = this.deps.jobs.start({
      kind: 'workspace.demo',
      label: 'Demo workspace',
      worker: workerUrl('demo'),
      input: {
        dir: target,
        name: DEMO_NAME,
        passphrase: DEMO_PASSPHRASE,
        actor: this.deps.actor,
        kdfCost: this.deps.kdfCost,
        params: demoParams(new Date().toISOString().slice(0, 10)),
      },
      onResult: (result) => {
        void this.unlock({ dir: target, passphrase: DEMO_PASSPHRASE }).catch((err: unknown) => console.error('opening the demo workspace failed', err));
        return result;
      },
    });
    return { jobId: job.id, dir: target };
  }

  /** Restores a backup into an empty folder and opens it with the passphrase it was made under. */
  async restore(input: { backupFile: string; dir: string; passphrase: string }): Promise<WorkspaceInfo> {
    const dir = resolve(input.dir);
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      throw new AppError('WORKSPACE_EXISTS', 'Restore into an empty or new folder; the damaged workspace is left as it is.');
    }
    await this.close();
    await restoreBackup(resolve(input.backupFile), dir, input.passphrase);
    const info = await this.unlock({ dir, passphrase: input.passphrase });
    const s = this.requireSession();
    s.db.transaction(() =>
      appendAudit(s.db, {
        actor: this.deps.actor,
        action: 'workspace.restore',
        entity: 'workspace',
        entityId: s.keyFile.id,
        details: { from: resolve(input.backupFile) },
      }),
    )();
    return info;
  }

  /** What a background job needs to open its own connection to the open workspace. */
  databaseForWorker(): { dbFile: string; keyHex: string } {
    const s = this.requireSession();
    return { dbFile: join(s.dir, DATABASE_NAME), keyHex: s.dataKey.toString('hex') };
  }

  /** The folder of this workspace's encrypted attachment files. */
  attachmentsDir(): string {
    return join(this.requireSession().dir, 'attachments');
  }

  /** The key attachment files are encrypted with: HKDF-SHA256 of the data key for that one purpose, so the
   * data key itself never leaves this class. The caller zeroes it when done. */
  attachmentKey(): Buffer {
    const s = this.requireSession();
    return Buffer.from(hkdfSync('sha256', s.dataKey, Buffer.from(s.keyFile.id, 'utf8'), 'portcullis/attachments/v1', 32));
  }

  /** The user did something: push auto-lock back. */
  touch(): { autoLockAt: string | null } {
    if (this.session) this.armAutoLock();
    return { autoLockAt: this.autoLockAt ? new Date(this.autoLockAt).toISOString() : null };
  }

  private openChecked(dbFile: string, dataKey: Buffer): Db {
    const db = openDatabase(dbFile, dataKey);
    try {
      // Refuse a newer schema before anything at all is written.
      assertNotFromFuture(db);
      const small = statSync(dbFile).size <= UNLOCK_CHECK_LIMIT_BYTES;
      checkIntegrity(db, dbFile, small);
      migrate(db);
      if (!small) {
        this.deps.jobs.start({
          kind: 'workspace.integrity',
          label: 'Integrity check',
          worker: workerUrl('integrity'),
          input: { dbFile, keyHex: dataKey.toString('hex') },
        });
      }
      return db;
    } catch (err) {
      db.close();
      throw err;
    }
  }

  private begin(session: Session): WorkspaceInfo {
    this.session = session;
    this.deps.recent?.add(session.dir, session.keyFile.name);
    this.armAutoLock();
    const info = this.info(session);
    this.deps.events.emit('workspace.changed', { state: 'unlocked', workspace: info });
    return info;
  }

  private info(s: Session): WorkspaceInfo {
    return {
      id: s.keyFile.id,
      name: s.keyFile.name,
      dir: s.dir,
      createdAt: s.keyFile.createdAt,
      schemaVersion: schemaVersion(s.db),
      autoLockMinutes: readSettings(s.db).autoLockMinutes,
      keychain: s.keyFile.keychain !== undefined,
      training: trainingOf(s.db),
    };
  }

  private requireSession(): Session {
    this.db();
    return this.session!;
  }

  private armAutoLock(delayMs?: number): void {
    this.clearAutoLock();
    const minutes = this.session ? readSettings(this.session.db).autoLockMinutes : 0;
    if (minutes <= 0) return;
    const ms = delayMs ?? minutes * 60_000;
    this.autoLockAt = Date.now() + ms;
    this.autoLockTimer = setTimeout(() => {
      // Long work in progress is not thrown away by an idle lock: wait for it to finish.
      if (this.deps.jobs.runningCount() > 0) this.armAutoLock(AUTO_LOCK_RETRY_MS);
      else void this.lock('idle');
    }, ms);
    this.autoLockTimer.unref();
  }

  private clearAutoLock(): void {
    if (this.autoLockTimer) clearTimeout(this.autoLockTimer);
    this.autoLockTimer = null;
    this.autoLockAt = null;
  }
}

/** The training mark (a workspace opened from an exercise pack), from its settings. */
function trainingOf(db: Db): WorkspaceInfo['training'] {
  const row = db.prepare(`SELECT value FROM setting WHERE key = 'training'`).get() as { value: string } | undefined;
  if (!row) return null;
  const mark = JSON.parse(row.value) as { exerciseId: string; title: string; trainee: string };
  return { exerciseId: mark.exerciseId, title: mark.title, trainee: mark.trainee };
}
