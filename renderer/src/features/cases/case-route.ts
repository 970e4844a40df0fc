// Where in the Cases section the user is, in the address hash: the list (#/cases), a case and its tab
// (#/cases/12, #/cases/12/notes), and the print views of a case report (#/print/case/12) and of a
// seizure report (#/print/seizure/12/3), which take the whole window.
import { useCallback, useEffect, useState } from 'react';

export const CASE_TABS = ['summary', 'links', 'notes', 'attachments', 'seizures', 'tasks', 'timeline'] as const;
export type CaseTab = (typeof CASE_TABS)[number];
export type CasesRoute = { caseId: number | null; tab: CaseTab };
export type PrintRoute = { kind: 'case'; caseId: number } | { kind: 'seizure'; caseId: number; seizureId: number };

const positive = (s: string | undefined) => {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? n : null;
};

export function parseCasesHash(hash: string): CasesRoute {
  const [section, id, tab] = hash.replace(/^#\/?/, '').split('/');
  if (section !== 'cases') return { caseId: null, tab: 'summary' };
  const caseId = positive(id);
  return { caseId, tab: caseId && CASE_TABS.includes(tab as CaseTab) ? (tab as CaseTab) : 'summary' };
}

export const caseHash = (caseId: number | null, tab: CaseTab = 'summary') => (caseId ? `#/cases/${caseId}${tab === 'summary' ? '' : `/${tab}`}` : '#/cases');

export function parsePrintHash(hash: string): PrintRoute | null {
  const [section, kind, a, b] = hash.replace(/^#\/?/, '').split('/');
  if (section !== 'print') return null;
  const caseId = positive(a);
  if (!caseId) return null;
  if (kind === 'case') return { kind, caseId };
  const seizureId = positive(b);
  if (kind === 'seizure' && seizureId) return { kind, caseId, seizureId };
  return null;
}

export const printCaseHash = (caseId: number) => `#/print/case/${caseId}`;
export const printSeizureHash = (caseId: number, seizureId: number) => `#/print/seizure/${caseId}/${seizureId}`;

/** Opens a case (and one of its tabs) from anywhere in the app. */
export function openCase(caseId: number, tab: CaseTab = 'summary'): void {
  location.hash = caseHash(caseId, tab);
}

function useHash<T>(parse: (hash: string) => T): T {
  const [value, setValue] = useState(() => parse(location.hash));
  useEffect(() => {
    const onHash = () => setValue(parse(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [parse]);
  return value;
}

export function useCasesRoute(): [CasesRoute, (caseId: number | null, tab?: CaseTab) => void] {
  const route = useHash(parseCasesHash);
  const go = useCallback((caseId: number | null, tab: CaseTab = 'summary') => {
    const hash = caseHash(caseId, tab);
    if (location.hash !== hash) location.hash = hash;
  }, []);
  return [route, go];
}

export const usePrintRoute = (): PrintRoute | null => useHash(parsePrintHash);
