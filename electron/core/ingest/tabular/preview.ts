// What the mapping screen shows before a table is imported: its header, a few rows, the suggested
// mapping, and the saved specification its header matches, if any.
import type { TablePreview } from '../../../../shared/domain/imports.ts';
import type { Db } from '../../workspace/database.ts';
import { IssueLog } from '../report.ts';
import { headerSignature } from './csv-import.ts';
import { readCsv, type CsvRow } from './csv-reader.ts';
import { suggestMapping } from './mapping.ts';
import { readOds } from './ods-reader.ts';
import { readXls } from './xls-reader.ts';
import { readXlsx } from './xlsx-reader.ts';

const SAMPLE_ROWS = 5;
class Enough extends Error {}

export function previewTable(db: Db, path: string, format: TablePreview['format']): TablePreview {
  const rows: string[][] = [];
  const take = (row: CsvRow) => {
    rows.push(row.cells);
    if (rows.length > SAMPLE_ROWS) throw new Enough();
  };
  try {
    if (format === 'csv') readCsv(path, new IssueLog(false), take);
    else if (format === 'xlsx') readXlsx(path, take);
    else if (format === 'xls') readXls(path, take);
    else readOds(path, take);
  } catch (err) {
    if (!(err instanceof Enough)) throw err;
  }
  const headers = rows[0] ?? [];
  const spec = db.prepare('SELECT name, mapping FROM import_spec WHERE signature = ? ORDER BY id DESC LIMIT 1').get(headerSignature(headers)) as
    { name: string; mapping: string } | undefined;
  const specs = (db.prepare('SELECT name FROM import_spec ORDER BY name').all() as { name: string }[]).map((s) => s.name);
  return {
    format,
    headers,
    sample: rows.slice(1),
    suggestions: suggestMapping(headers),
    matchedSpec: spec?.name ?? null,
    specMapping: spec ? (JSON.parse(spec.mapping) as TablePreview['specMapping']) : null,
    specs,
  };
}

export function saveSpec(db: Db, name: string, headers: string[], mapping: Record<string, number>): void {
  db.prepare(
    `INSERT INTO import_spec (name, signature, mapping, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET signature = excluded.signature, mapping = excluded.mapping`,
  ).run(name, headerSignature(headers), JSON.stringify(mapping), new Date().toISOString());
}
