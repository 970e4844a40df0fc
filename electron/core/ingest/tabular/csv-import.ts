// A manifest in delimited text, row by row: the mapping comes from a saved specification (named, or
// matched by its headers) or from confident suggestions; otherwise nothing is written and the analyst
// gets the suggestions to confirm (IMPORT_MAPPING_NEEDED).
import { normalizeName } from '../../../../shared/domain/names.ts';
import type { Db } from '../../workspace/database.ts';
import { ImportRefused, type IssueLog } from '../report.ts';
import type { ImportStore, ParsedParty, ParsedShipment, StoreOutcome } from '../store.ts';
import { readCsv, type CsvRow } from './csv-reader.ts';
import { cellText, confidentMapping, europeanNumber, FIELDS, parseDate, parseNumber, suggestMapping, type FieldId, type Mapping } from './mapping.ts';

export function headerSignature(headers: string[]): string {
  return headers.map((h) => normalizeName(h)).join('|');
}

function chooseMapping(db: Db, headers: string[], specName: string | undefined): Mapping {
  if (specName) {
    const spec = db.prepare('SELECT mapping FROM import_spec WHERE name = ?').get(specName) as { mapping: string } | undefined;
    if (!spec) throw new ImportRefused('IMPORT_SPEC_NOT_FOUND', `There is no import specification named "${specName}".`);
    return JSON.parse(spec.mapping) as Mapping;
  }
  const saved = db.prepare('SELECT mapping FROM import_spec WHERE signature = ? ORDER BY id DESC LIMIT 1').get(headerSignature(headers)) as
    { mapping: string } | undefined;
  if (saved) return JSON.parse(saved.mapping) as Mapping;
  const suggestions = suggestMapping(headers);
  const mapping = confidentMapping(suggestions);
  if (mapping) return mapping;
  const listed = suggestions.map((s) => `"${s.header}" → ${s.field ?? '?'} (${s.confidence.toFixed(1)})`).join('; ');
  const missing = (Object.keys(FIELDS) as FieldId[]).filter((f) => FIELDS[f].required && !suggestions.some((s) => s.field === f && s.confidence >= 1));
  throw new ImportRefused(
    'IMPORT_MAPPING_NEEDED',
    `The columns could not all be matched with confidence (missing: ${missing.join(', ')}); confirm a mapping or name a specification. Suggestions: ${listed}`,
    1,
  );
}

const list = (v: string) => v.split(/[\s;,]+/).filter(Boolean);

/** Rows of a table (CSV or a spreadsheet's first sheet): the first is the header. */
export type RowSource = (onRow: (row: CsvRow) => void) => void;

export function csvRows(path: string, log: IssueLog, onProgress?: (bytes: number) => void): RowSource {
  return (onRow) => void readCsv(path, log, onRow, onProgress);
}

export function importTable(
  db: Db,
  rows: RowSource,
  store: ImportStore,
  log: IssueLog,
  opts: { spec?: string | undefined; mapping?: Mapping | undefined; fileName: string },
  outcome: Record<StoreOutcome, number>,
): void {
  let mapping: Mapping | null = null;
  // Learned from the values: once a decimal comma is seen, dot-grouped numbers are thousands.
  let european = false;
  rows(({ line, cells }) => {
    if (!mapping) {
      mapping = opts.mapping ?? chooseMapping(db, cells, opts.spec);
      if (mapping.docNumber === undefined)
        throw new ImportRefused('IMPORT_MAPPING_NEEDED', 'The mapping does not say which column holds the document number.', line);
      return;
    }
    const get = (f: FieldId) => {
      const c = mapping![f];
      return c === undefined ? '' : cellText(cells[c] ?? '');
    };
    const number = (f: FieldId) => {
      const raw = get(f);
      european ||= europeanNumber(raw);
      const n = parseNumber(raw, f === 'packages', european);
      if (raw !== '' && n === null) log.warn(line, 'CSV_BAD_NUMBER', `"${raw.slice(0, 40)}" is not a number; left empty.`, f);
      return n;
    };
    const date = (f: FieldId) => {
      const raw = get(f);
      const d = parseDate(raw);
      if (raw !== '' && d === null) log.warn(line, 'CSV_BAD_DATE', `"${raw.slice(0, 40)}" is not a date; left empty.`, f);
      return d;
    };
    const docNumber = get('docNumber');
    if (!docNumber) {
      log.reject(line, 'CSV_MISSING_DOCUMENT_NUMBER', 'The row has no transport document number; it was not imported.', 'docNumber');
      return;
    }
    const rawMode = get('mode').toLowerCase();
    const mode: ParsedShipment['mode'] = rawMode === 'air' || rawMode === 'road' ? rawMode : 'sea';
    const docType = (get('docType').toUpperCase() || { sea: 'BL', air: 'AWB', road: 'CMR' }[mode]) as ParsedShipment['docType'];
    const party = (role: ParsedParty['role'], name: FieldId, address?: FieldId, country?: FieldId): ParsedParty[] => {
      const n = get(name);
      return n ? [{ role, name: n, address: address ? get(address) : '', city: '', postcode: '', country: country ? get(country).toUpperCase() : '' }] : [];
    };
    const containers = list(get('containers'));
    const types = list(get('containerTypes'));
    const seals = list(get('seals'));
    const shipment: ParsedShipment = {
      mode,
      docType: ['BL', 'AWB', 'CMR'].includes(docType) ? docType : 'BL',
      docNumber,
      goodsDescription: get('goodsDescription'),
      hsCodes: list(get('hsCodes')),
      packages: number('packages'),
      packageType: get('packageType') || null,
      grossWeightKg: number('grossWeightKg'),
      volumeM3: number('volumeM3'),
      placeReceipt: get('placeReceipt') || null,
      placeLoading: get('placeLoading') || null,
      placesTransshipment: list(get('placesTransshipment')),
      placeDischarge: get('placeDischarge') || null,
      placeDelivery: get('placeDelivery') || null,
      arrivalDate: date('arrivalDate'),
      voyage: get('voyage') || null,
      departureDate: date('departureDate'),
      declaredValue: number('declaredValue'),
      currency: get('currency') || null,
      freightTerms: get('freightTerms') || null,
      masterDocNumber: get('masterDocNumber') || null,
      isHouse: get('masterDocNumber') !== '',
      parties: [
        ...party('shipper', 'shipper', 'shipperAddress', 'shipperCountry'),
        ...party('consignee', 'consignee', 'consigneeAddress', 'consigneeCountry'),
        ...party('notify', 'notify'),
        ...party('forwarder', 'forwarder'),
      ],
      containers: containers.map((number, i) => ({ number: number.toUpperCase(), sizeType: types[i] ?? '', seals: seals[i] ? [seals[i]!] : [] })),
    };
    const vessel = get('vessel');
    const conveyance =
      mode === 'sea' && (vessel || get('imo'))
        ? store.vessel({ imo: get('imo'), name: vessel, flag: '', carrierCode: get('carrier') }, `${opts.fileName} line ${line}`)
        : null;
    outcome[store.shipment(shipment, conveyance, line, `${opts.fileName} line ${line}`)]++;
  });
  if (!mapping) throw new ImportRefused('IMPORT_EMPTY', 'The file has no header row and no data.');
}
