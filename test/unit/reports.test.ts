// Reports printed to PDF by the shell: written beside the exports without replacing a file, on the audit
// log; refused with a clear error where the shell cannot print (the browser shell).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/api.ts';
import { createCore } from '../../electron/core/core.ts';
import { Router } from '../../electron/router.ts';
import { PASSPHRASE, TEST_KDF, tempDir } from './helpers/workspace.ts';

describe('reports to PDF', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());

  it('writes what the shell printed, refuses to overwrite, and logs the disclosure', async () => {
    const pdf = Buffer.from('%PDF-1.7\n% a report\n%%EOF\n');
    const core = createCore({ configDir: join(tmp.path, 'c1'), shell: 'electron', version: 'test', kdfCost: TEST_KDF, printToPdf: async () => pdf });
    const router = new Router(createHandlers(core), core.workspace);
    await core.workspace.create({ dir: join(tmp.path, 'ws1'), name: 'Reports', passphrase: PASSPHRASE });
    const out = join(tmp.path, 'exports', 'case-report.pdf');
    const r = await router.call('reports.printToPdf', { out, subject: 'Case report', caseId: null });
    expect(r).toMatchObject({ ok: true, result: { file: out, bytes: pdf.length } });
    expect(readFileSync(out).equals(pdf)).toBe(true);
    expect(await router.call('reports.printToPdf', { out, subject: 'again', caseId: null })).toMatchObject({ ok: false, error: { code: 'WORKSPACE_EXISTS' } });
    const last = core.workspace.db().prepare('SELECT action, details FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { action: string; details: string };
    expect(last.action).toBe('report.pdf');
    expect(JSON.parse(last.details)).toEqual({ file: out, bytes: pdf.length });
    await core.shutdown();
  });

  it('says so where the shell cannot print to a file', async () => {
    const core = createCore({ configDir: join(tmp.path, 'c2'), shell: 'browser', version: 'test', kdfCost: TEST_KDF });
    const router = new Router(createHandlers(core), core.workspace);
    await core.workspace.create({ dir: join(tmp.path, 'ws2'), name: 'Reports', passphrase: PASSPHRASE });
    const out = join(tmp.path, 'exports', 'nothing.pdf');
    expect(await router.call('reports.printToPdf', { out, subject: 'x', caseId: null })).toMatchObject({ ok: false, error: { code: 'EXPORT_FAILED' } });
    expect(existsSync(out)).toBe(false);
    await core.shutdown();
  });
});
