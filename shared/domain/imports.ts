// Import history and reports as the UI and the CLI see them.
export const IMPORT_FORMAT_NAMES = [
  'csv',
  'xlsx',
  'cuscar',
  'iftmin',
  'paxlst',
  'pnrgov',
  'iftsta',
  'codeco',
  'coarri',
  'baplie',
  'fwb',
  'fhl',
  'ffm',
] as const;
export type ImportFormatName = (typeof IMPORT_FORMAT_NAMES)[number];

export type ImportSummary = {
  id: number;
  file: string;
  format: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'done' | 'failed' | 'cancelled' | 'undone';
  accepted: number;
  rejected: number;
  warnings: number;
  undoneAt: string | null;
};

export type ImportIssueRow = { severity: 'warning' | 'error'; line: number; code: string; message: string; field: string | null };

/** The per-file report (the CLI prints it as JSON; the contract is in issue 4). */
export type ImportFileReport = {
  file: string;
  format: string;
  accepted: number;
  rejected: number;
  warnings: { line: number; code: string; message: string }[];
  errors: { line: number; code: string; message: string }[];
};
