// Child process for the case-report figure (issue 8): a case whose report runs to about 200 A4 pages (many
// notebook entries with headings, lists and Cyrillic text, linked records, a seizure), rendered by the real
// print view in Chromium (browser shell) and printed with page.pdf — the path the desktop app takes with
// printToPDF. Measures from opening the print view to the PDF's bytes; counts its pages. One JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/core.ts';
import { openWorkstation } from './ui-harness.ts';
import { DEFAULT_PARAMS, generateScenario } from '../../electron/core/generator/scenario.ts';
import { writeScenario } from '../../electron/core/generator/workspace-writer.ts';

export type CaseReportRun = { notes: number; pages: number; ms: number; renderMs: number; pdfMs: number; bytes: number };

const NOTES = Number(process.env['PORTCULLIS_BENCH_REPORT_NOTES'] ?? 700);
const root = mkdtempSync(join(tmpdir(), 'pc-bench-report-'));
const core = createCore({ configDir: join(root, 'config'), shell: 'browser', version: 'bench', kdfCost: { N: 1024, r: 8, p: 1 }, rememberRecent: false });
try {
  await core.workspace.create({ dir: join(root, 'ws'), name: 'report bench', passphrase: 'report bench passphrase 1' });
  await core.jobs.cancelAll();
  const params = { ...DEFAULT_PARAMS, seed: 5, shipments: 2000, passengers: 0 };
  writeScenario(core.workspace.db(), params, generateScenario(params).items, { actor: 'bench' });
  const kase = core.cases.create({
    draft: { title: 'Two hundred pages', owner: 'bench', summary: 'A long investigation.', status: 'open', tags: ['bench'], tlp: 'AMBER', grading: '4x4' },
    from: null,
  });
  const shipments = core.workspace.db().prepare('SELECT id FROM shipment ORDER BY id LIMIT 60').pluck().all() as number[];
  core.cases.link({ caseId: kase.id, items: shipments.map((refId) => ({ kind: 'shipment' as const, refId, note: '', grade: null })) });
  const words = 'контејнер reefer consignee Петровић transshipment seal banana cocaine Guayaquil Bar lane manifest'.split(' ');
  for (let i = 0; i < NOTES; i++) {
    const sentence = (k: number) => Array.from({ length: 14 }, (_, j) => words[(i + k + j) % words.length]).join(' ') + '.';
    const text = `Entry ${i + 1}. ${sentence(1)} ${sentence(2)} ${sentence(3)}`;
    const body = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: `Entry ${i + 1}` }] },
        { type: 'paragraph', content: [{ type: 'text', text: `${sentence(1)} ${sentence(2)}` }] },
        {
          type: 'bulletList',
          content: [1, 2].map((k) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: sentence(k + 3) }] }] })),
        },
      ],
    };
    core.cases.saveNote({ caseId: kase.id, id: null, body, text, grade: { source: 'B', information: '2' } });
  }
  const ui = await openWorkstation(core);
  try {
    const { page, base } = ui;
    const t0 = performance.now();
    await page.goto(`${base}#/print/case/${kase.id}`);
    await page.locator('[data-testid="print-view"][data-ready="true"]').waitFor();
    const renderMs = performance.now() - t0;
    const t1 = performance.now();
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pdfMs = performance.now() - t1;
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
    process.stdout.write(JSON.stringify({ notes: NOTES, pages, ms: renderMs + pdfMs, renderMs, pdfMs, bytes: pdf.length } satisfies CaseReportRun) + '\n');
  } finally {
    await ui.close();
  }
} finally {
  await core.shutdown();
  rmSync(root, { recursive: true, force: true });
}
