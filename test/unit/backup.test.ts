import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { PASSPHRASE, testCore, type TestCore } from './helpers/workspace.ts';
import { SCHEMA_VERSION } from '../../electron/core/workspace/migrations/index.ts';

describe('online encrypted backup and restore', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = testCore();
    await t.core.workspace.create({ dir: join(t.root, 'ws'), name: 'PCU Durrës', passphrase: PASSPHRASE });
    const db = t.core.workspace.db();
    const ins = db.prepare(`INSERT INTO party (kind, name, name_norm, country) VALUES ('company', ?, ?, 'AL')`);
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) ins.run(`PLAINTEXT-NEEDLE ${i}`, `plaintext needle ${i}`);
    })();
  });
  afterEach(() => t.dispose());

  async function backup(out: string) {
    const { jobId } = t.core.workspace.backup(out);
    return t.core.jobs.wait(jobId);
  }

  it('writes an encrypted backup while the workspace stays open, and restores it', async () => {
    const out = join(t.root, 'b1.pcbackup');
    const job = await backup(out);
    expect(job).toMatchObject({ state: 'done', result: { file: out } });
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 8).toString()).toBe('PCBACKUP');
    expect(bytes.includes(Buffer.from('PLAINTEXT-NEEDLE'))).toBe(false);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(readdirSync(t.root).filter((f) => f.includes('.snapshot') || f.includes('.partial'))).toEqual([]);
    expect(t.core.workspace.status().state).toBe('unlocked');

    const info = await t.core.workspace.restore({ backupFile: out, dir: join(t.root, 'restored'), passphrase: PASSPHRASE });
    expect(info.name).toBe('PCU Durrës');
    const n = t.core.workspace.db().prepare('SELECT count(*) AS n FROM party').get();
    expect(n).toEqual({ n: 3000 });
    const actions = t.core.workspace.db().prepare('SELECT action FROM audit_log ORDER BY seq').all();
    expect(actions.map((a) => (a as { action: string }).action)).toEqual(['workspace.create', 'workspace.unlock', 'workspace.restore']);
  });

  it('carries the case attachments (encrypted as they are) and restores them readable; an altered attachment is refused', async () => {
    const kase = t.core.cases.create({
      draft: { title: 'Exhibits', owner: 'test', summary: '', status: 'open', tags: [], tlp: 'AMBER', grading: '4x4' },
      from: null,
    });
    const secret = Buffer.from('ATTACHMENT-PLAINTEXT-NEEDLE '.repeat(100));
    const up = t.core.cases.attachChunk({
      caseId: kase.id,
      attachId: null,
      name: 'scan.txt',
      mediaType: 'text/plain',
      offset: 0,
      data: secret.toString('base64'),
    });
    const att = t.core.cases.attachFinish({ attachId: up.attachId, description: 'scan', grade: null });
    const out = join(t.root, 'with-attachments.pcbackup');
    expect(await backup(out)).toMatchObject({ state: 'done' });
    const bytes = readFileSync(out);
    expect(bytes.includes(Buffer.from('ATTACHMENT-PLAINTEXT-NEEDLE'))).toBe(false);

    await t.core.workspace.restore({ backupFile: out, dir: join(t.root, 'restored-attachments'), passphrase: PASSPHRASE });
    const back = t.core.cases.attachment(att.id);
    expect(Buffer.from(back.dataBase64, 'base64').equals(secret)).toBe(true);
    expect(back.sha256).toBe(att.sha256);

    // The last byte of the file is the attachment's GCM tag: altered, the restore is refused.
    await t.core.workspace.lock();
    const altered = join(t.root, 'altered-attachment.pcbackup');
    const copy = Buffer.from(bytes);
    copy[copy.length - 1]! ^= 1;
    writeFileSync(altered, copy);
    await expect(t.core.workspace.restore({ backupFile: altered, dir: join(t.root, 'restored-altered'), passphrase: PASSPHRASE })).rejects.toMatchObject({
      code: 'BACKUP_INVALID',
    });
    expect(existsSync(join(t.root, 'restored-altered', 'workspace.db'))).toBe(false);
  });

  it('refuses a restore with the wrong passphrase and writes nothing', async () => {
    const out = join(t.root, 'b2.pcbackup');
    await backup(out);
    const target = join(t.root, 'r2');
    await expect(t.core.workspace.restore({ backupFile: out, dir: target, passphrase: 'wrong passphrase!' })).rejects.toMatchObject({
      code: 'WORKSPACE_WRONG_PASSPHRASE',
    });
    expect(existsSync(join(target, 'workspace.json'))).toBe(false);
  });

  it('refuses a backup whose header or pages were altered', async () => {
    const out = join(t.root, 'b3.pcbackup');
    await backup(out);
    const original = readFileSync(out);
    const headerLen = original.readUInt32BE(8);

    const headerTampered = Buffer.from(
      original.toString('latin1').replace(`"schemaVersion":${SCHEMA_VERSION}`, `"schemaVersion":${SCHEMA_VERSION - 1}`),
      'latin1',
    );
    writeFileSync(join(t.root, 'h.pcbackup'), headerTampered);
    await expect(t.core.workspace.restore({ backupFile: join(t.root, 'h.pcbackup'), dir: join(t.root, 'rh'), passphrase: PASSPHRASE })).rejects.toMatchObject({
      code: 'BACKUP_INVALID',
    });

    const pageTampered = Buffer.from(original);
    pageTampered[12 + headerLen + 4096 * 3 + 10]! ^= 0xff;
    writeFileSync(join(t.root, 'p.pcbackup'), pageTampered);
    await expect(t.core.workspace.restore({ backupFile: join(t.root, 'p.pcbackup'), dir: join(t.root, 'rp'), passphrase: PASSPHRASE })).rejects.toMatchObject({
      code: 'BACKUP_INVALID',
    });
    expect(existsSync(join(t.root, 'rp', 'workspace.db'))).toBe(false);

    writeFileSync(join(t.root, 'junk.pcbackup'), 'hello');
    await expect(
      t.core.workspace.restore({ backupFile: join(t.root, 'junk.pcbackup'), dir: join(t.root, 'rj'), passphrase: PASSPHRASE }),
    ).rejects.toBeInstanceOf(AppError);
  });

  it('can be cancelled, leaving no partial file', async () => {
    const out = join(t.root, 'b4.pcbackup');
    const { jobId } = t.core.workspace.backup(out);
    t.core.jobs.cancel(jobId);
    const job = await t.core.jobs.wait(jobId);
    expect(['cancelled', 'done']).toContain(job.state);
    if (job.state === 'cancelled') expect(existsSync(out)).toBe(false);
    expect(readdirSync(t.root).filter((f) => f.includes('.snapshot') || f.includes('.partial'))).toEqual([]);
  });
});
