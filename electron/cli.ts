// The `portcullis` command line, over the same core services and router as the UI. Passphrases come
// from PORTCULLIS_PASSPHRASE or --passphrase-file, never from a flag value (it would sit in shell history
// and the process list).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUTPUT_FORMATS, writeScenarioFiles, type OutputFormat } from './core/generator/files/index.ts';
import { SCHEMES, type ScenarioParams, type SchemeName } from './core/generator/model.ts';
import { DEFAULT_PARAMS, generateScenario } from './core/generator/scenario.ts';
import { writeScenario } from './core/generator/workspace-writer.ts';
import { IMPORT_FORMATS, importFile } from './core/ingest/import-file.ts';
import { backtest, profilesChanged, runScoring } from './core/targeting/engine.ts';
import type { ScoreResult } from '../shared/domain/targeting.ts';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { MethodInput, MethodName, MethodOutput } from '../shared/api.ts';
import { IDENTIFIER_KINDS, validateIdentifier, type IdentifierKind } from '../shared/domain/identifiers.ts';
import type { JobInfo } from '../shared/domain/workspace.ts';
import { AppError } from '../shared/errors.ts';
import { createHandlers, packageVersion } from './api.ts';
import { defaultConfigDir } from './core/app/paths.ts';
import { createCore, type Core } from './core/core.ts';
import { Router } from './router.ts';
import { packageCommand, unitCommand, type CliContext, type ExchangeValues } from './cli-exchange.ts';

const USAGE = `Usage: portcullis <command> [options]

Commands:
  init --workspace DIR [--name NAME]       create an encrypted workspace
  stats --workspace DIR [--json]           count the records per entity
  validate container|imo|awb|mrz VALUE     check an identifier's check digits (exit 0 valid, 1 not)
  audit verify --workspace DIR [--json]    verify the audit log's hash chain
  backup --workspace DIR --out FILE        write an encrypted backup (not while the app has it open)
  restore --backup FILE --workspace DIR    restore a backup into a new, empty folder
  import --workspace DIR FILE... [--format F] [--spec NAME] [--strict] [--json]
                                           import files (one report per file; exit 1 if any was refused)
  score --workspace DIR [--profile NAME] [--new] [--json]
                                           score every shipment and passenger (--new: only those added
                                           since the last run) and fill the review queue; with --profile,
                                           score with that profile alone and change nothing (a dry run)
  backtest --workspace DIR --profile NAME [--profile-version N] --from YYYY-MM-DD --to YYYY-MM-DD [--json]
                                           a profile run over a period against the known outcomes
  unit setup --workspace DIR --name NAME --agency NAME --country CC [--type PCU|ACCU|JAITF|…]
                                           this unit's identity; makes its signing and encryption keys
  unit card --workspace DIR [--out FILE]   this unit's card (public keys and fingerprint) for partners
  unit trust CARD --workspace DIR --fingerprint F
                                           trust a partner's card; F as the partner reads it to you
                                           (six groups of digits, twelve words, or hex)
  unit identity --workspace DIR --out FILE the unit's age secret key, for the age tool (0600; audited)
  package export --workspace DIR --to PARTNER[,…] --subject TEXT [--kind K] [--case ID]
                 [--shipments IDS] [--parties IDS] [--containers IDS] [--passengers IDS] [--body TEXT]
                 [--tlp CLEAR|GREEN|AMBER|AMBER+STRICT|RED] [--expires-days N] [--reply-to PACKAGE] [--out FILE] --yes
                                           a signed, encrypted package (without --yes: what would leave)
  package import FILE --workspace DIR [--dry-run] [--json]
                                           verify a package and put it in the inbox (--dry-run: verify
                                           and preview only); a refused package exits 1 with its code
  generate --seed N --shipments N --passengers N [--schemes LIST] [--rate R] [--start YYYY-MM-DD] [--days N]
           (--out DIR [--formats LIST|all] | --workspace DIR) [--answer-key FILE]
                                           a synthetic scenario with hidden schemes, into files or a workspace

The passphrase is read from the environment variable PORTCULLIS_PASSPHRASE, or from the first line of
--passphrase-file FILE. It is never accepted as a command-line value.`;

const OPTIONS: ParseArgsConfig['options'] = {
  workspace: { type: 'string' },
  name: { type: 'string' },
  json: { type: 'boolean', default: false },
  out: { type: 'string' },
  backup: { type: 'string' },
  'passphrase-file': { type: 'string' },
  passphrase: { type: 'string' },
  seed: { type: 'string' },
  shipments: { type: 'string' },
  passengers: { type: 'string' },
  schemes: { type: 'string' },
  rate: { type: 'string' },
  start: { type: 'string' },
  days: { type: 'string' },
  formats: { type: 'string' },
  'answer-key': { type: 'string' },
  format: { type: 'string' },
  spec: { type: 'string' },
  strict: { type: 'boolean', default: false },
  profile: { type: 'string' },
  'profile-version': { type: 'string' },
  new: { type: 'boolean', default: false },
  from: { type: 'string' },
  to: { type: 'string' },
  agency: { type: 'string' },
  country: { type: 'string' },
  type: { type: 'string' },
  fingerprint: { type: 'string' },
  case: { type: 'string' },
  parties: { type: 'string' },
  containers: { type: 'string' },
  kind: { type: 'string' },
  subject: { type: 'string' },
  body: { type: 'string' },
  tlp: { type: 'string' },
  'expires-days': { type: 'string' },
  'reply-to': { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  yes: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', default: false },
};

type Values = {
  seed?: string;
  shipments?: string;
  passengers?: string;
  schemes?: string;
  rate?: string;
  start?: string;
  days?: string;
  formats?: string;
  'answer-key'?: string;
  format?: string;
  spec?: string;
  strict?: boolean;
  profile?: string;
  'profile-version'?: string;
  new?: boolean;
  from?: string;
  to?: string;
  workspace?: string;
  name?: string;
  json?: boolean;
  out?: string;
  backup?: string;
  'passphrase-file'?: string;
  passphrase?: string;
  help?: boolean;
  version?: boolean;
};

const usage = (message: string) => new AppError('CLI_USAGE', `${message}\n\n${USAGE}`);

function readPassphrase(values: Values): string {
  if (values.passphrase !== undefined) {
    throw usage('--passphrase is not accepted: a passphrase on the command line is visible to other users. Use PORTCULLIS_PASSPHRASE or --passphrase-file.');
  }
  const file = values['passphrase-file'];
  if (file) {
    const text = readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '';
    if (!text) throw usage(`the passphrase file ${file} is empty`);
    return text;
  }
  const env = process.env['PORTCULLIS_PASSPHRASE'];
  if (env) return env;
  throw usage('no passphrase: set PORTCULLIS_PASSPHRASE or use --passphrase-file FILE');
}

function need(value: string | undefined, flag: string): string {
  if (!value) throw usage(`${flag} is required`);
  return value;
}

async function call<M extends MethodName>(router: Router, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  return (await router.dispatch(method, input)) as MethodOutput<M>;
}

/** A core for one command, shut down (workspace locked, writer lock released) whatever happens. */
async function withCore<T>(fn: (router: Router, core: Core) => Promise<T>): Promise<T> {
  const core = createCore({ configDir: defaultConfigDir(), shell: 'cli', version: packageVersion(), rememberRecent: false });
  try {
    return await fn(new Router(createHandlers(core), core.workspace), core);
  } finally {
    await core.shutdown();
  }
}

function withWorkspace<T>(values: Values, fn: (router: Router, core: Core) => Promise<T>): Promise<T> {
  const dir = need(values.workspace, '--workspace');
  const passphrase = readPassphrase(values);
  return withCore(async (router, core) => {
    await call(router, 'workspace.unlock', { dir, passphrase });
    return fn(router, core);
  });
}

function integer(value: string | undefined, flag: string, min: number, max: number): number {
  const n = Number(need(value, flag));
  if (!Number.isInteger(n) || n < min || n > max) throw usage(`${flag} must be a whole number from ${min} to ${max}`);
  return n;
}

async function generateCommand(values: Values): Promise<number> {
  const params: ScenarioParams = {
    ...DEFAULT_PARAMS,
    seed: integer(values.seed, '--seed', 0, 2 ** 32 - 1),
    shipments: integer(values.shipments, '--shipments', 0, 100_000_000),
    passengers: integer(values.passengers ?? '0', '--passengers', 0, 100_000_000),
  };
  if (values.schemes !== undefined) {
    const list = values.schemes
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    const unknown = list.filter((x) => !(SCHEMES as readonly string[]).includes(x));
    if (unknown.length > 0) throw usage(`unknown scheme(s): ${unknown.join(', ')}; known: ${SCHEMES.join(', ')}`);
    params.schemes = list as SchemeName[];
  }
  if (values.rate !== undefined) {
    const r = Number(values.rate);
    if (!(r >= 0 && r <= 0.5)) throw usage('--rate must be a number from 0 to 0.5');
    params.rate = r;
  }
  if (values.start !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.start) || Number.isNaN(Date.parse(values.start))) throw usage('--start must be a date YYYY-MM-DD');
    params.start = values.start;
  }
  if (values.days !== undefined) params.days = integer(values.days, '--days', 1, 3660);
  if (!values.out === !values.workspace) throw usage('give either --out DIR or --workspace DIR');
  const scenario = generateScenario(params);
  let summary: unknown;
  if (values.out) {
    const formats = parseFormats(values.formats ?? 'all');
    mkdirSync(values.out, { recursive: true });
    summary = { files: writeScenarioFiles(values.out, params, scenario.items, formats).map((f) => f.path) };
  } else {
    const dir = values.workspace!;
    const passphrase = readPassphrase(values);
    summary = await withCore(async (router, core) => {
      if (existsSync(join(dir, 'workspace.json'))) await call(router, 'workspace.unlock', { dir, passphrase });
      else await call(router, 'workspace.create', { dir, name: values.name ?? `Scenario ${params.seed}`, passphrase });
      return writeScenario(core.workspace.db(), params, scenario.items, { actor: 'cli' });
    });
  }
  if (values['answer-key']) writeFileSync(values['answer-key'], JSON.stringify(scenario.answerKey, null, 1) + '\n', { mode: 0o600 });
  print(values.json ? JSON.stringify(summary) : JSON.stringify(summary, null, 2));
  return 0;
}

function parseFormats(text: string): OutputFormat[] {
  if (text === 'all') return [...OUTPUT_FORMATS];
  const list = text
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);
  const unknown = list.filter((x) => !(OUTPUT_FORMATS as readonly string[]).includes(x));
  if (unknown.length > 0 || list.length === 0) throw usage(`unknown format(s): ${unknown.join(', ') || '(none)'}; known: ${OUTPUT_FORMATS.join(', ')}, or all`);
  return list as OutputFormat[];
}

const print = (text: string) => process.stdout.write(text.endsWith('\n') ? text : text + '\n');

export async function runCli(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }) as {
    values: Values;
    positionals: string[];
  };
  const [command, ...rest] = positionals;
  if (values.version) return (print(packageVersion()), 0);
  if (values.help || !command) return (print(USAGE), command || values.help ? 0 : 2);

  switch (command) {
    case 'init': {
      const dir = need(values.workspace, '--workspace');
      const passphrase = readPassphrase(values);
      const name = values.name ?? dir.split(/[\\/]/).filter(Boolean).pop() ?? 'Workspace';
      return withCore(async (router) => {
        const info = await call(router, 'workspace.create', { dir, name, passphrase });
        print(values.json ? JSON.stringify(info) : `created workspace "${info.name}" in ${info.dir}`);
        return 0;
      });
    }
    case 'stats':
      return withWorkspace(values, async (router) => {
        const stats = await call(router, 'records.stats', {});
        print(
          values.json
            ? JSON.stringify(stats)
            : Object.entries(stats)
                .map(([k, v]) => `${k.padEnd(18)} ${v}`)
                .join('\n'),
        );
        return 0;
      });
    case 'validate': {
      const [kind, ...value] = rest;
      if (!kind || !(IDENTIFIER_KINDS as readonly string[]).includes(kind) || value.length === 0) {
        throw usage(`validate takes a kind (${IDENTIFIER_KINDS.join(', ')}) and a value`);
      }
      const result = validateIdentifier(kind as IdentifierKind, value.join('\n'));
      if (values.json) print(JSON.stringify(result));
      else print(result.valid ? `valid ${kind}: ${result.normalized}` : `invalid ${kind}: ${result.reason}`);
      return result.valid ? 0 : 1;
    }
    case 'audit': {
      if (rest[0] !== 'verify') throw usage('audit takes the subcommand verify');
      return withWorkspace(values, async (router) => {
        const r = await call(router, 'audit.verify', {});
        if (values.json) print(JSON.stringify(r));
        else if (r.ok) print(`audit chain verified: ${r.entries} entries`);
        else print(`audit chain broken at entry ${r.brokenAt} (${r.entries} entries verified before it): ${r.reason}`);
        return r.ok ? 0 : 1;
      });
    }
    case 'backup': {
      const out = need(values.out, '--out');
      return withWorkspace(values, async (router, core) => {
        const { jobId } = await call(router, 'workspace.backup', { out });
        const job: JobInfo = await core.jobs.wait(jobId);
        if (job.state !== 'done') throw new AppError('INTERNAL', job.error?.message ?? `backup ${job.state}`);
        const result = job.result as { file: string; bytes: number; sha256: string };
        print(values.json ? JSON.stringify(result) : `backup written to ${result.file} (${result.bytes} bytes, sha256 ${result.sha256})`);
        return 0;
      });
    }
    case 'restore': {
      const backupFile = need(values.backup, '--backup');
      const dir = need(values.workspace, '--workspace');
      const passphrase = readPassphrase(values);
      return withCore(async (router) => {
        const info = await call(router, 'workspace.restore', { backupFile, dir, passphrase });
        print(values.json ? JSON.stringify(info) : `restored workspace "${info.name}" into ${info.dir}`);
        return 0;
      });
    }
    case 'import': {
      if (rest.length === 0) throw usage('import needs at least one FILE');
      if (values.format && !(IMPORT_FORMATS as readonly string[]).includes(values.format)) throw usage(`--format must be one of ${IMPORT_FORMATS.join(', ')}`);
      return withWorkspace(values, async (_router, core) => {
        let refused = false;
        for (const file of rest) {
          const outcome = importFile(core.workspace.db(), file, { format: values.format, spec: values.spec, strict: values.strict ?? false, actor: 'cli' });
          const report = outcome.report;
          refused ||= outcome.refused;
          print(
            values.json
              ? JSON.stringify(report)
              : `${file}: ${report.format}, ${report.accepted} accepted, ${report.rejected} rejected, ${report.warnings.length} warnings`,
          );
        }
        return refused ? 1 : 0;
      });
    }
    case 'score':
      return withWorkspace(values, async (_router, core) => {
        const db = core.workspace.db();
        const only = values.profile ? [core.targeting.store.profileByName(values.profile)] : undefined;
        const full = !values.new || only !== undefined;
        const r = runScoring(db, { actor: 'cli', full: full || profilesChanged(db), ...(only ? { only } : {}) });
        const out: ScoreResult = { scored: r.scored, hits: r.hits, lanes: r.lanes, ms: Math.round(r.ms) };
        print(
          values.json
            ? JSON.stringify(out)
            : `scored ${out.scored}: ${out.hits} hits (red ${out.lanes.red}, yellow ${out.lanes.yellow}, blue ${out.lanes.blue}), green ${out.lanes.green}, ${out.ms} ms` +
                (only ? ' (dry run: the review queue is unchanged)' : ''),
        );
        return 0;
      });
    case 'backtest': {
      const name = need(values.profile, '--profile');
      const from = need(values.from, '--from');
      const to = need(values.to, '--to');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) throw usage('--from and --to are dates, YYYY-MM-DD');
      const version = values['profile-version'] === undefined ? undefined : Number(values['profile-version']);
      if (version !== undefined && !(Number.isInteger(version) && version > 0)) throw usage('--profile-version is a positive whole number');
      return withWorkspace(values, async (_router, core) => {
        const p = core.targeting.store.profileByName(name);
        const r = backtest(core.workspace.db(), core.targeting.store.profile(p.id, version), { from, to });
        const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
        print(
          values.json
            ? JSON.stringify({ ...r, ms: Math.round(r.ms) })
            : `${r.profile} v${r.version}, ${from}…${to}: ${r.records} records, ${r.selected} selected (${pct(r.selectionRate)}); ` +
                `${r.known} with known outcome, ${r.positives} positive; precision ${pct(r.precision)}, recall ${pct(r.recall)}, lift ${r.lift === null ? 'n/a' : r.lift.toFixed(2)}`,
        );
        return 0;
      });
    }
    case 'generate':
      return generateCommand(values);
    case 'unit':
    case 'package': {
      const ctx: CliContext = { usage, print, withWorkspace: (fn) => withWorkspace(values, (_router, core) => fn(core)) };
      const v = values as ExchangeValues;
      return command === 'unit' ? unitCommand(rest[0], rest.slice(1), v, ctx) : packageCommand(rest[0], rest.slice(1), v, ctx);
    }
    default:
      throw usage(`unknown command: ${command}`);
  }
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  let code: number;
  try {
    code = await runCli(argv);
  } catch (err) {
    if (err instanceof AppError) {
      process.stderr.write(`error ${err.code}: ${err.message}\n`);
      code = err.code === 'CLI_USAGE' ? 2 : 1;
    } else if ((err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`error CLI_USAGE: ${(err as Error).message}\n\n${USAGE}\n`);
      code = 2;
    } else {
      process.stderr.write(`error INTERNAL: ${(err as Error).message}\n`);
      code = 1;
    }
  }
  process.exitCode = code;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
