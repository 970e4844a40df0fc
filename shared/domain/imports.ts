// Import history and reports as the UI and the CLI see them.
export const IMPORT_FORMAT_NAMES = [
  'csv',
  'xlsx',
  'xls',
  'ods',
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
  'xfwb',
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

/** Fields a table column can be mapped to (see electron/core/ingest/tabular/mapping.ts for their names). */
export const TABLE_FIELDS = [
  'mode',
  'docType',
  'docNumber',
  'masterDocNumber',
  'carrier',
  'vessel',
  'imo',
  'voyage',
  'placeReceipt',
  'placeLoading',
  'placesTransshipment',
  'placeDischarge',
  'placeDelivery',
  'bookingDate',
  'departureDate',
  'arrivalDate',
  'shipper',
  'shipperAddress',
  'shipperCountry',
  'consignee',
  'consigneeAddress',
  'consigneeCountry',
  'consigneePhone',
  'notify',
  'forwarder',
  'goodsDescription',
  'hsCodes',
  'packages',
  'packageType',
  'grossWeightKg',
  'volumeM3',
  'declaredValue',
  'currency',
  'freightTerms',
  'containers',
  'containerTypes',
  'seals',
] as const;
export type TableField = (typeof TABLE_FIELDS)[number];

export type TablePreview = {
  format: 'csv' | 'xlsx' | 'xls' | 'ods';
  headers: string[];
  sample: string[][];
  suggestions: { column: number; header: string; field: TableField | null; confidence: number }[];
  /** The saved specification whose header matches, if any, and its mapping. */
  matchedSpec: string | null;
  specMapping: Partial<Record<TableField, number>> | null;
  specs: string[];
};
