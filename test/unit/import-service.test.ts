// Imports through the API, as the UI does them: chunks up, a background job, the history and undo.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../electron/core/ingest/import-file.ts';
import { pendingDerived } from '../../electron/core/workspace/derived.ts';
import { PASSPHRASE, testCore, type TestCore } from './helpers/workspace.ts';

const CUSCAR = readFileSync(join(process.cwd(), 'test', 'fixtures', 'edifact', 'cuscar-basic.edi'));
const PAXLST = readFileSync(join(process.cwd(), 'test', 'fixtures', 'edifact', 'paxlst-basic.edi'));

let t: TestCore;
beforeEach(async () => {
  t = testCore();
  await t.core.workspace.create({ dir: join(t.root, 'ws'), name: 'imports', passphrase: PASSPHRASE });
});
afterEach(() => t.dispose());

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await t.router.call(method, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.result as T;
}

async function upload(name: string, bytes: Buffer, chunk = 300): Promise<string> {
  let uploadId: string | null = null;
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    const r: { uploadId: string } = await call('imports.upload', { uploadId, name, offset, data: bytes.subarray(offset, offset + chunk).toString('base64') });
    uploadId = r.uploadId;
  }
  return uploadId!;
}

async function importBytes(name: string, bytes: Buffer, format: string | null = null) {
  const uploadId = await upload(name, bytes);
  const { jobId } = await call<{ jobId: string }>('imports.start', { uploadId, format, strict: false });
  return t.core.jobs.wait(jobId);
}

describe('imports through the API', () => {
  it('uploads in chunks, imports in a background job, and reports', async () => {
    const changed: string[][] = [];
    t.core.events.subscribe((event, payload) => event === 'data.changed' && changed.push((payload as { tables: string[] }).tables));
    const job = await importBytes('manifest MSC ADRIANA.edi', CUSCAR);
    expect(job.state).toBe('done');
    expect((job.result as ImportOutcome).report).toMatchObject({ file: 'manifest MSC ADRIANA.edi', format: 'cuscar', accepted: 2 });
    expect(changed.some((tables) => tables.includes('shipment'))).toBe(true);
    const history = await call<{ id: number; file: string; accepted: number; status: string }[]>('imports.history', {});
    expect(history).toEqual([expect.objectContaining({ file: 'manifest MSC ADRIANA.edi', accepted: 2, status: 'done' })]);
    // The uploaded copy is gone once imported.
    const uploads = readdirSync(tmpdir())
      .filter((d) => d.startsWith('portcullis-uploads-'))
      .flatMap((d) => readdirSync(join(tmpdir(), d)));
    expect(uploads).toEqual([]);
  });

  it('refuses chunks out of order and unknown uploads', async () => {
    const first = await call<{ uploadId: string }>('imports.upload', { uploadId: null, name: 'x.edi', offset: 0, data: Buffer.from('UNA').toString('base64') });
    await expect(call('imports.upload', { uploadId: first.uploadId, name: 'x.edi', offset: 10, data: 'AAAA' })).rejects.toMatchObject({
      code: 'UPLOAD_INVALID',
    });
    await expect(call('imports.start', { uploadId: '00000000-0000-4000-8000-000000000000', format: null, strict: false })).rejects.toMatchObject({
      code: 'UPLOAD_INVALID',
    });
  });

  it('discards an upload the user cancelled: its bytes are gone and it cannot be imported', async () => {
    const { uploadId } = await call<{ uploadId: string }>('imports.upload', {
      uploadId: null,
      name: 'x.csv',
      offset: 0,
      data: Buffer.from('a,b\n').toString('base64'),
    });
    const uploaded = () =>
      readdirSync(tmpdir())
        .filter((d) => d.startsWith('portcullis-uploads-'))
        .flatMap((d) => readdirSync(join(tmpdir(), d)));
    expect(uploaded()).toContain(uploadId);
    await expect(call('imports.discard', { uploadId })).resolves.toEqual({ discarded: true });
    expect(uploaded()).not.toContain(uploadId);
    await expect(call('imports.start', { uploadId, format: null, strict: false })).rejects.toMatchObject({ code: 'UPLOAD_INVALID' });
  });

  it('undo removes exactly the rows an import brought, and keeps it in the history', async () => {
    await importBytes('pax.edi', PAXLST);
    await importBytes('cuscar.edi', CUSCAR);
    const second = (await call<{ id: number }[]>('imports.history', {}))[0]!;
    const before = await call<Record<string, number>>('records.stats', {});
    expect(before).toMatchObject({ shipments: 2, passengers: 2 });
    const { removed } = await call<{ removed: Record<string, number> }>('imports.undo', { importId: second.id });
    expect(removed).toMatchObject({ shipments: 2, parties: 4, containers: 2 });
    expect(await call('records.stats', {})).toMatchObject({ shipments: 0, parties: 0, containers: 0, passengers: 2 });
    const history = await call<{ id: number; status: string }[]>('imports.history', {});
    expect(history.find((h) => h.id === second.id)).toMatchObject({ status: 'undone' });
    await expect(call('imports.undo', { importId: second.id })).rejects.toMatchObject({ code: 'IMPORT_ALREADY_UNDONE' });
    expect(t.core.workspace.db().prepare("SELECT action FROM audit_log WHERE action = 'import.undo'").all()).toHaveLength(1);
    const integrity = t.core.workspace.db().pragma('integrity_check') as { integrity_check: string }[];
    expect(integrity[0]!.integrity_check).toBe('ok');
    // The grids' counts and search followed the import and its undo, with nothing left to catch up.
    expect(pendingDerived(t.core.workspace.db())).toEqual([]);
    expect(await call('grids.page', { grid: 'shipments', filters: {}, search: '', sort: null, start: 0, limit: 10 })).toEqual({ rows: [], total: 0 });
    const pax = await call<{ total: number }>('grids.page', { grid: 'passengers', filters: {}, search: '', sort: null, start: 0, limit: 10 });
    expect(pax.total).toBe(2);
  });

  it('previews a table with suggestions, saves a specification, and finds it again by the headers', async () => {
    const csv = Buffer.from('Ref;Primalac;Bruto težina\nA-1;Drina d.o.o.;1.200,50\nA-2;Una d.o.o.;300\n');
    const uploadId = await upload('pcs.csv', csv);
    const preview = await call<{ format: string; headers: string[]; sample: string[][]; suggestions: { field: string | null }[]; matchedSpec: string | null }>(
      'imports.preview',
      { uploadId },
    );
    expect(preview).toMatchObject({ format: 'csv', headers: ['Ref', 'Primalac', 'Bruto težina'], matchedSpec: null });
    expect(preview.sample).toEqual([
      ['A-1', 'Drina d.o.o.', '1.200,50'],
      ['A-2', 'Una d.o.o.', '300'],
    ]);
    expect(preview.suggestions.map((x) => x.field)).toEqual([null, 'consignee', 'grossWeightKg']);
    const mapping = { docNumber: 0, consignee: 1, grossWeightKg: 2 };
    await call('imports.saveSpec', { name: 'PCS', headers: preview.headers, mapping });
    const { jobId } = await call<{ jobId: string }>('imports.start', { uploadId, format: null, strict: false, mapping });
    expect(((await t.core.jobs.wait(jobId)).result as ImportOutcome).report).toMatchObject({ accepted: 2, warnings: [] });
    const again = await upload('pcs-2.csv', csv);
    expect(await call('imports.preview', { uploadId: again })).toMatchObject({ matchedSpec: 'PCS', specMapping: mapping });
    expect(await call('imports.preview', { uploadId: await upload('m.edi', CUSCAR) })).toBeNull();
  });

  it('a refused file leaves nothing and says why', async () => {
    const job = await importBytes('cut.edi', CUSCAR.subarray(0, 500));
    expect(job.result as ImportOutcome).toMatchObject({ refused: true, report: { accepted: 0, errors: [{ code: 'EDI_TRUNCATED' }] } });
    expect(await call('imports.history', {})).toEqual([]);
    expect(existsSync(join(t.root, 'ws', 'workspace.db'))).toBe(true);
  });
});
