// A grid's view written to CSV or XLSX: every matching row in the view's order (not only the rows the
// screen has loaded), read by one statement as it goes, formulas neutralised by the writers, written to a
// temporary name and renamed when complete, so that a cancelled or failed export leaves no partial file.
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { GridQuery } from '../../../shared/domain/grids.ts';
import { AppError } from '../../../shared/errors.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { csvWriter, xlsxWriter, type TableWriter } from '../formats/tabular.ts';
import type { Db } from '../workspace/database.ts';
import { GridQueries } from './grid-query.ts';

export type ExportInput = { query: GridQuery; columns: { id: string; label: string }[]; format: 'csv' | 'xlsx'; out: string; actor: string };
export type ExportResult = { file: string; rows: number };

export function exportGrid(db: Db, input: ExportInput, onProgress?: (rows: number, total: number) => void): ExportResult {
  const queries = new GridQueries(() => db);
  // The writers write to "<out>.partial" and rename it when they close.
  const partial = `${input.out}.partial`;
  let writer: TableWriter;
  try {
    mkdirSync(dirname(input.out), { recursive: true });
    const header = input.columns.map((c) => c.label);
    writer = input.format === 'csv' ? csvWriter(input.out, header) : xlsxWriter(input.out, input.query.grid, header);
  } catch (err) {
    throw new AppError('EXPORT_FAILED', `The export file could not be created: ${(err as Error).message}`);
  }
  let rows = 0;
  try {
    // The count where it is cheap; a large table's export shows rows written without a total.
    const total = queries.page(input.query, 0, 1).total ?? 0;
    for (const block of queries.rows(
      input.query,
      input.columns.map((c) => c.id),
    )) {
      for (const r of block) writer.row(input.columns.map((c) => r[c.id]));
      rows += block.length;
      onProgress?.(rows, total);
    }
    writer.close();
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  // Data leaving the encrypted workspace is on the record: who, what, where.
  db.transaction(() =>
    appendAudit(db, {
      actor: input.actor,
      action: 'grid.export',
      entity: input.query.grid,
      entityId: null,
      details: { file: input.out, format: input.format, rows, filters: input.query.filters, search: input.query.search },
    }),
  ).immediate();
  return { file: input.out, rows };
}
