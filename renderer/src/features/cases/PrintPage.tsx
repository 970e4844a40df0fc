// The print views take the whole window (no navigation, no status bar): what prints is the report only.
import type { PrintRoute } from './case-route.ts';
import { CaseReport } from './CaseReport.tsx';
import { SeizureReport } from './SeizureReport.tsx';
import './cases.css';

export function PrintPage({ route, exportDir }: { route: PrintRoute; exportDir: string }) {
  return route.kind === 'case' ? (
    <CaseReport caseId={route.caseId} exportDir={exportDir} />
  ) : (
    <SeizureReport caseId={route.caseId} seizureId={route.seizureId} exportDir={exportDir} />
  );
}
