// Cases: the list (with full-text search and new cases), or one case with its tabs. Where the user is
// lives in the address hash (#/cases, #/cases/12/notes); reports open in their print view (#/print/…).
import type { RecordRef } from '../records/record-ref.ts';
import { CaseList } from './CaseList.tsx';
import { useCasesRoute } from './case-route.ts';
import { CaseView } from './CaseView.tsx';
import './cases.css';

export function CasesPage({ onOpen }: { onOpen(ref: RecordRef): void }) {
  const [route, go] = useCasesRoute();
  if (route.caseId) return <CaseView caseId={route.caseId} tab={route.tab} onTab={(tab) => go(route.caseId, tab)} onBack={() => go(null)} onOpen={onOpen} />;
  return <CaseList onOpenCase={(id, tab) => go(id, tab)} />;
}
