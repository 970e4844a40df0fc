// Child process for the exchange bench (issue 9). Prints progress to stderr and one JSON object as the
// last line of stdout. Two units in two workspaces; unit A's case holds 100 MB of attachments (four files
// of 25 MB of random bytes, as scans and photos are incompressible), and is sent to unit B:
//   export: exchange.send — read and check every attachment, hash it, sign the manifest, zip, encrypt to
//           the recipient with age, write the file. MB/s = package bytes / seconds.
//   import: exchange.receive — decrypt, verify the signature and every file's hash, stage the attachments
//           (encrypted again under B's key). MB/s = package bytes / seconds.
// Memory is the process's resident set sampled every 5 ms during each operation, above what it was just
// before it. Baselines, same run: ChaCha20-Poly1305 alone over the same bytes (the cipher the age format
// requires, 64 KiB chunks), and a plain copy of the package file.
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/core.ts';

const log = (msg: string) => process.stderr.write(`exchange bench: ${msg}\n`);
const MB = 1024 * 1024;
const FILES = Number(process.env['PORTCULLIS_BENCH_EXCHANGE_FILES'] ?? 4);
const FILE_MB = 25;

export type ExchangeRun = {
  bytes: number;
  exportMs: number;
  importMs: number;
  exportPeakMb: number;
  importPeakMb: number;
  rssBeforeMb: number;
  cipherMbs: number;
  copyMbs: number;
  load: [number, number];
};

async function sampled<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number; peakMb: number }> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const t0 = performance.now();
  const result = await fn();
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { result, ms, peakMb: (peak - before) / MB };
}

const load0 = loadavg()[0]!;
const root = mkdtempSync(join(tmpdir(), 'pc-exchange-bench-'));
const kdfCost = { N: 2 ** 12, r: 8, p: 1 };
const [a, b] = ['a', 'b'].map((x) => createCore({ configDir: join(root, `config-${x}`), shell: 'cli', version: 'bench', kdfCost, rememberRecent: false }));
try {
  await a!.workspace.create({ dir: join(root, 'a'), name: 'A', passphrase: 'bench passphrase for unit A' });
  await b!.workspace.create({ dir: join(root, 'b'), name: 'B', passphrase: 'bench passphrase for unit B' });
  a!.exchange.saveProfile({ name: 'PCU Bar', agency: 'Customs', country: 'ME', unitType: 'PCU' });
  b!.exchange.saveProfile({ name: 'ACCU Sarajevo', agency: 'ITA', country: 'BA', unitType: 'ACCU' });
  const pB = a!.exchange.addCard(b!.exchange.exportCard().text, b!.exchange.identity().digits.join(''));
  b!.exchange.addCard(a!.exchange.exportCard().text, a!.exchange.identity().digits.join(''));
  const kase = a!.cases.create({
    draft: { title: 'Bench case', summary: '', status: 'open', owner: 'bench', tags: [], tlp: 'AMBER', grading: '4x4' },
    from: null,
  });
  log(`attaching ${FILES} × ${FILE_MB} MB`);
  for (let i = 0; i < FILES; i++) {
    const data = randomBytes(FILE_MB * MB);
    let attachId: string | null = null;
    for (let o = 0; o < data.length; o += MB) {
      attachId = a!.cases.attachChunk({ caseId: kase.id, attachId, name: `scan-${i}.bin`, mediaType: 'application/octet-stream', offset: o, data: data.subarray(o, o + MB).toString('base64') }).attachId;
    }
    a!.cases.attachFinish({ attachId: attachId!, description: '', grade: null });
  }
  const draft = {
    kind: 'case' as const,
    recipients: [pB.id],
    handling: 'AMBER' as const,
    expiresInDays: 30,
    message: { subject: 'Bench', body: '', indicators: [], action: '', result: '' as const, expectedAt: null, place: '' },
    selection: { caseId: kase.id, shipments: [], parties: [], containers: [], passengers: [], seizures: [], charts: [], notes: null, attachments: null },
    inReplyTo: null,
  };
  const out = join(root, 'bench.age');
  log('export');
  const exp = await sampled(() => a!.exchange.send(draft, out));
  const bytes = statSync(out).size;
  log(`export ${bytes} bytes in ${exp.ms.toFixed(0)} ms`);
  const imp = await sampled(() => b!.exchange.receive({ uploadId: null, path: out, dryRun: false }));
  if (imp.result.attachments.length !== FILES) throw new Error('import lost attachments');
  log(`import in ${imp.ms.toFixed(0)} ms`);

  // Baselines: the cipher alone over the same number of bytes, and a file copy.
  const key = randomBytes(32);
  const chunk = randomBytes(64 * 1024);
  const nonce = new Uint8Array(12);
  const t0 = performance.now();
  for (let done = 0; done < bytes; done += chunk.length) {
    nonce[11] = done & 0xff;
    chacha20poly1305(key, nonce).encrypt(chunk);
  }
  const cipherMbs = bytes / MB / ((performance.now() - t0) / 1000);
  const t1 = performance.now();
  copyFileSync(out, join(root, 'copy.age'));
  const copyMbs = bytes / MB / ((performance.now() - t1) / 1000);

  const run: ExchangeRun = {
    bytes,
    exportMs: exp.ms,
    importMs: imp.ms,
    exportPeakMb: exp.peakMb,
    importPeakMb: imp.peakMb,
    rssBeforeMb: process.memoryUsage().rss / MB,
    cipherMbs,
    copyMbs,
    load: [load0, loadavg()[0]!],
  };
  process.stdout.write(JSON.stringify(run) + '\n');
} finally {
  await a!.shutdown();
  await b!.shutdown();
  rmSync(root, { recursive: true, force: true });
}
