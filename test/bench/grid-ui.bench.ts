// Grid figures in the real UI (issue 5): Chromium on the workspace the grids suite filled and kept in
// PORTCULLIS_BENCH_GRID_CACHE. Jump-to-row, selection and scrolling must stay right at that size, and the
// renderer must stay under 500 MB while scrolling. Baseline: the same jump read straight from the core.
import { fileURLToPath } from 'node:url';
import { runJsonChild, type Figure } from './harness.ts';

const RUNNER = fileURLToPath(new URL('./grid-ui-run.ts', import.meta.url));
type Run = {
  total: number;
  shownTotal: string;
  firstRowsMs: number;
  jumpMs: number;
  jumpRight: boolean;
  selectedText: string;
  peakRendererRssMb: number;
  probeIndex: number;
  probeRight: boolean;
};

export async function gridUiFigures(): Promise<Figure[]> {
  if (!process.env['PORTCULLIS_BENCH_GRID_CACHE']) {
    console.log('  (skipped: set PORTCULLIS_BENCH_GRID_CACHE to the folder the grids suite filled)');
    return [];
  }
  const r = runJsonChild<Run>(RUNNER, []);
  const rows = r.total.toLocaleString('en');
  const right = r.jumpRight && r.probeRight && r.selectedText === 'Selected: 1' && r.shownTotal === `Rows: ${rows}`;
  return [
    {
      name: `UI at ${rows} shipments: jump to the middle row, select it, scroll; rows shown are the right ones`,
      value: right ? 1 : 0,
      unit: right ? '(right)' : '(WRONG)',
      target: 'right',
      pass: right,
      note: `count shown "${r.shownTotal}", row after scrolling #${r.probeIndex.toLocaleString('en')} ${r.probeRight ? 'right' : 'WRONG'}`,
    },
    { name: 'UI: go to the middle row until its cells are filled', value: r.jumpMs, unit: 'ms', note: 'includes typing the number and the grid’s block debounce' },
    { name: 'UI: open Shipments until the first rows are on screen', value: r.firstRowsMs, unit: 'ms' },
    { name: 'Renderer memory while scrolling (peak RSS)', value: r.peakRendererRssMb, unit: 'MB', target: '< 500 MB', pass: r.peakRendererRssMb < 500 },
  ];
}
