// `npm test`: typecheck, lint, unit tests, then end-to-end tests in Chromium. Runs every stage, prints a
// summary and a closing "N passed, N failed" line, and fails if any stage failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = join(root, 'test-results');
mkdirSync(reports, { recursive: true });

const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } }).status === 0;

function vitestCounts(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const r = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: r.numPassedTests, failed: r.numFailedTests + (r.numFailedTestSuites ?? 0) };
}

const stages = [];
function stage(name, fn) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const ok = fn();
  stages.push({ name, ok, seconds: (Date.now() - started) / 1000 });
}

stage('typecheck', () => ['shared', 'electron', 'renderer'].every((p) => run('tsc', ['-p', p, '--noEmit'])));
stage('lint', () => run('eslint', ['.', '--max-warnings', '0']) && run('prettier', ['--check', '.', '--log-level', 'warn']));
const unitReport = join(reports, 'unit.json');
rmSync(unitReport, { force: true });
stage('unit', () => run('vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`]));
const e2eReport = join(reports, 'e2e.json');
rmSync(e2eReport, { force: true });
stage('e2e', () => run('node', ['scripts/e2e.mjs', '--reporter=default', '--reporter=json', `--outputFile.json=${e2eReport}`]));

console.log('\n=== summary ===');
for (const s of stages) console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name.padEnd(10)} ${s.seconds.toFixed(1)} s`);
const unit = vitestCounts(unitReport);
const e2e = vitestCounts(e2eReport);
const failedStages = stages.filter((s) => !s.ok && (s.name === 'typecheck' || s.name === 'lint')).length;
console.log(`unit ${unit.passed} passed, ${unit.failed} failed; e2e ${e2e.passed} passed, ${e2e.failed} failed; checks failed: ${failedStages}`);
console.log(`tests: ${unit.passed + e2e.passed} passed, ${unit.failed + e2e.failed + failedStages} failed`);
process.exit(stages.every((s) => s.ok) ? 0 : 1);
