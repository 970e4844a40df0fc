// Layouts off the UI thread: the draft of a big chart at once, then its refinement under a time budget
// with progress (each refined step is not sent, only the result); the layered and geographic layouts.
import { draftLayout, geographicLayout, hierarchicalLayout, refineLayout } from '../../../../shared/graph/layout.ts';
import type { LayoutReply, LayoutRequest } from './layout.ts';

const post = (m: LayoutReply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

self.onmessage = (ev: MessageEvent<LayoutRequest>) => {
  const req = ev.data;
  try {
    if (req.kind === 'force') {
      const start = req.start ?? draftLayout(req.n, req.edges, { seed: 7 });
      post({ kind: 'draft', positions: start.slice() });
      let last = 0;
      const refined = refineLayout(req.n, req.edges, start, {
        timeBudgetMs: req.budgetMs,
        ...(req.pinned ? { pinned: req.pinned } : {}),
        onProgress: (done, total) => {
          const now = performance.now();
          if (now - last < 150) return;
          last = now;
          post({ kind: 'progress', done, total });
        },
      });
      post({ kind: 'done', positions: refined.positions }, [refined.positions.buffer]);
    } else if (req.kind === 'hierarchy') {
      post({ kind: 'done', positions: hierarchicalLayout(req.n, req.edges, req.roots) });
    } else {
      const geo = geographicLayout(req.points, { edges: req.edges, width: 1600 });
      post({ kind: 'done', positions: geo.positions });
    }
  } catch (err) {
    post({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
