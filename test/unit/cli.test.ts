import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/workspace.ts';

const CLI = join(process.cwd(), 'electron', 'cli.ts');
const tmp = tempDir('portcullis-cli-');
const ws = join(tmp.path, 'ws');
const env = { ...process.env, PORTCULLIS_CONFIG_DIR: join(tmp.path, 'config'), PORTCULLIS_PASSPHRASE: 'harbour pilot fog lamp' };

function cli(args: string[], extraEnv: Record<string, string | undefined> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...env, ...extraEnv } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('portcullis CLI', () => {
  beforeAll(() => {
    expect(cli(['init', '--workspace', ws, '--name', 'PCU Koper']).code).toBe(0);
  });
  afterAll(() => tmp.remove());

  it('stats --json prints counts per entity', () => {
    const r = cli(['stats', '--workspace', ws, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ shipments: 0, containers: 0, parties: 0, passengers: 0, events: 0, bookings: 0 });
  });

  it('validate exits 0 when valid and 1 with the reason when not', () => {
    expect(cli(['validate', 'container', 'CSQU3054383'])).toMatchObject({ code: 0, stdout: expect.stringContaining('valid') });
    expect(cli(['validate', 'container', 'MSKU1234567'])).toMatchObject({ code: 1, stdout: expect.stringContaining('check digit') });
    expect(cli(['validate', 'imo', '9227273']).code).toBe(0);
    expect(cli(['validate', 'awb', '176-12345675']).code).toBe(0);
    expect(cli(['validate', 'mrz', 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10']).code).toBe(0);
    expect(cli(['validate', 'iban', 'X'])).toMatchObject({ code: 2, stderr: expect.stringContaining('CLI_USAGE') });
  });

  it('audit verify exits 0 with the entry count', () => {
    expect(cli(['audit', 'verify', '--workspace', ws])).toMatchObject({ code: 0, stdout: expect.stringMatching(/verified: \d+ entries/) });
  });

  it('backup writes an encrypted file, restore reads it back', () => {
    const out = join(tmp.path, 'koper.pcbackup');
    const b = cli(['backup', '--workspace', ws, '--out', out, '--json']);
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout)).toMatchObject({ file: out });
    const r = cli(['restore', '--backup', out, '--workspace', join(tmp.path, 'restored')]);
    expect(r).toMatchObject({ code: 0, stdout: expect.stringContaining('PCU Koper') });
  });

  it('reads the passphrase from a file, never from a flag', () => {
    const file = join(tmp.path, 'pp.txt');
    writeFileSync(file, 'harbour pilot fog lamp\n');
    expect(cli(['stats', '--workspace', ws, '--passphrase-file', file], { PORTCULLIS_PASSPHRASE: undefined }).code).toBe(0);
    expect(cli(['stats', '--workspace', ws, '--passphrase', 'harbour pilot fog lamp'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('CLI_USAGE'),
    });
  });

  it('generate fills a workspace so that stats counts exactly the shipments and passengers asked for', () => {
    const target = join(tmp.path, 'scenario');
    const key = join(tmp.path, 'answer-key.json');
    const g = cli([
      'generate',
      '--seed',
      '3',
      '--shipments',
      '400',
      '--passengers',
      '150',
      '--rate',
      '0.05',
      '--workspace',
      target,
      '--answer-key',
      key,
      '--json',
    ]);
    expect(g.code).toBe(0);
    const stats = JSON.parse(cli(['stats', '--workspace', target, '--json']).stdout);
    expect(stats).toMatchObject({ shipments: 400, passengers: 150, imports: 1 });
    const answerKey = JSON.parse(readFileSync(key, 'utf8'));
    expect(answerKey.schemes.air_couriers.records).toHaveLength(Math.round(150 * 0.05));

    // Scoring: every shipment and passenger, counted in the lanes too; exactly the contract's keys.
    const s = cli(['score', '--workspace', target, '--json']);
    expect(s.code).toBe(0);
    const score = JSON.parse(s.stdout);
    expect(Object.keys(score).sort()).toEqual(['hits', 'lanes', 'ms', 'scored']);
    expect(Object.keys(score.lanes).sort()).toEqual(['blue', 'green', 'red', 'yellow']);
    expect(score.scored).toBe(550);
    expect(score.lanes.red + score.lanes.yellow + score.lanes.blue + score.lanes.green).toBe(550);
    expect(score.hits).toBe(score.scored - score.lanes.green);
    // A dry run with one profile scores only what that profile covers and leaves the queue alone.
    const dry = JSON.parse(cli(['score', '--workspace', target, '--profile', 'Passengers: couriers', '--json']).stdout);
    expect(dry.scored).toBe(550);
    expect(cli(['score', '--workspace', target, '--profile', 'No such profile']).stderr).toContain('TARGETING_NOT_FOUND');
    const bt = cli(['backtest', '--workspace', target, '--profile', 'Sea cargo: cocaine', '--from', '2026-11-01', '--to', '2026-12-31', '--json']);
    expect(bt.code).toBe(0);
    expect(JSON.parse(bt.stdout)).toMatchObject({ profile: 'Sea cargo: cocaine', version: 1, known: 0, precision: null });
    expect(cli(['backtest', '--workspace', target, '--profile', 'Sea cargo: cocaine', '--from', 'yesterday', '--to', '2026-12-31']).code).toBe(2);
    expect(cli(['generate', '--seed', '3', '--shipments', '10', '--out', join(tmp.path, 'files'), '--formats', 'csv,telex']).code).toBe(2);
    const files = JSON.parse(
      cli(['generate', '--seed', '3', '--shipments', '30', '--passengers', '20', '--out', join(tmp.path, 'files'), '--formats', 'all', '--json']).stdout,
    ).files;
    expect(files).toHaveLength(17);
  });

  it('import prints one report per file, exit 0 when all imported and 1 when any was refused', () => {
    const target = join(tmp.path, 'imports');
    expect(cli(['init', '--workspace', target]).code).toBe(0);
    const cuscar = join(process.cwd(), 'test', 'fixtures', 'edifact', 'cuscar-basic.edi');
    const ok = cli(['import', '--workspace', target, cuscar, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ file: cuscar, format: 'cuscar', accepted: 2, rejected: 0, warnings: [], errors: [] });
    const bad = join(tmp.path, 'bad.edi');
    writeFileSync(bad, readFileSync(cuscar, 'latin1').replace(/UNZ.*\n$/, ''));
    const mixed = cli(['import', '--workspace', target, cuscar, bad, '--json']);
    expect(mixed.code).toBe(1);
    const reports = mixed.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(reports).toEqual([
      { file: cuscar, format: 'cuscar', accepted: 0, rejected: 0, warnings: [], errors: [] },
      {
        file: bad,
        format: 'cuscar',
        accepted: 0,
        rejected: 1,
        warnings: [],
        errors: [{ line: expect.any(Number), code: 'EDI_TRUNCATED', message: expect.any(String) }],
      },
    ]);
    expect(JSON.parse(cli(['stats', '--workspace', target, '--json']).stdout)).toMatchObject({ shipments: 2, imports: 2 });
  });

  it('prints the error code on stderr and exits non-zero', () => {
    expect(cli(['stats', '--workspace', ws], { PORTCULLIS_PASSPHRASE: 'wrong passphrase here' })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('WORKSPACE_WRONG_PASSPHRASE'),
    });
    expect(cli(['stats', '--workspace', join(tmp.path, 'nothing')])).toMatchObject({ code: 1, stderr: expect.stringContaining('WORKSPACE_NOT_FOUND') });
    expect(cli(['frobnicate']).code).toBe(2);
  });

  it('unit and package commands: cards trusted by fingerprint, a package exported, verified, received and refused again', () => {
    const wsB = join(tmp.path, 'ws-b');
    expect(cli(['init', '--workspace', wsB, '--name', 'ACCU Sarajevo']).code).toBe(0);
    expect(cli(['unit', 'setup', '--workspace', ws, '--name', 'PCU Koper', '--agency', 'FURS', '--country', 'si', '--type', 'PCU']).code).toBe(0);
    expect(cli(['unit', 'setup', '--workspace', wsB, '--name', 'ACCU Sarajevo', '--agency', 'UIO', '--country', 'BA', '--type', 'ACCU']).code).toBe(0);
    const cardA = join(tmp.path, 'a.card.json');
    const cardB = join(tmp.path, 'b.card.json');
    const a = JSON.parse(cli(['unit', 'card', '--workspace', ws, '--out', cardA, '--json']).stdout) as { digits: string[]; words: string[] };
    const b = JSON.parse(cli(['unit', 'card', '--workspace', wsB, '--out', cardB, '--json']).stdout) as { digits: string[] };
    expect(cli(['unit', 'trust', cardA, '--workspace', wsB, '--fingerprint', a.words.join(' '), '--json'])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('"trusted":true'),
    });
    expect(cli(['unit', 'trust', cardB, '--workspace', ws, '--fingerprint', b.digits.join(' ')]).code).toBe(0);
    const file = join(tmp.path, 'warning.age');
    const args = [
      'package',
      'export',
      '--workspace',
      ws,
      '--to',
      'ACCU Sarajevo',
      '--kind',
      'warning',
      '--subject',
      'Container to control',
      '--tlp',
      'TLP:AMBER',
      '--out',
      file,
      '--json',
    ];
    // Without --yes: what would leave, and nothing written.
    expect(JSON.parse(cli(args).stdout)).toMatchObject({ written: false, plan: { handling: 'AMBER', recipients: [{ name: 'ACCU Sarajevo' }] } });
    const sent = cli([...args, '--yes']);
    expect(sent.code).toBe(0);
    expect(JSON.parse(sent.stdout)).toMatchObject({ file, sequence: 1 });
    expect(JSON.parse(cli(['package', 'import', file, '--workspace', wsB, '--dry-run', '--json']).stdout)).toMatchObject({
      stored: false,
      kind: 'warning',
      subject: 'Container to control',
      sender: { name: 'PCU Koper', country: 'SI' },
    });
    expect(JSON.parse(cli(['package', 'import', file, '--workspace', wsB, '--json']).stdout)).toMatchObject({ stored: true, handling: 'AMBER' });
    const again = cli(['package', 'import', file, '--workspace', wsB, '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ refused: true, code: 'PACKAGE_DUPLICATE' });
  }, 120_000);
});
