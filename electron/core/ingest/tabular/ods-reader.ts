// The first table of an OpenDocument spreadsheet (ODS) as rows of text: strings, numbers and dates,
// repeated cells and rows expanded (within limits), formulas never evaluated.
import { ImportRefused } from '../report.ts';
import type { CsvRow } from './csv-reader.ts';
import { xmlText } from './xlsx-reader.ts';
import { ZipReader } from './zip-reader.ts';

const MAX_REPEAT_COLUMNS = 500;
const MAX_REPEAT_ROWS = 100_000;

const cellText = (body: string) =>
  [...body.matchAll(/<text:p\b[^>]*>([\s\S]*?)<\/text:p>/g)]
    .map((m) =>
      xmlText(
        m[1]!
          .replace(/<text:s\b[^>]*\/>/g, ' ')
          .replace(/<text:tab\b[^>]*\/>/g, '\t')
          .replace(/<text:line-break\b[^>]*\/>/g, '\n')
          .replace(/<[^>]+>/g, ''),
      ),
    )
    .join('\n');

export function readOds(path: string, onRow: (row: CsvRow) => void): void {
  const zip = new ZipReader(path);
  try {
    const mime = zip.read('mimetype')?.toString('utf8').trim();
    if (mime !== 'application/vnd.oasis.opendocument.spreadsheet')
      throw new ImportRefused('IMPORT_NOT_ODS', 'This archive is not an OpenDocument spreadsheet.');
    const content = zip.read('content.xml')?.toString('utf8');
    const table = content && /<table:table\b[^>]*>([\s\S]*?)<\/table:table>/.exec(content)?.[1];
    if (!table) throw new ImportRefused('IMPORT_NOT_ODS', 'The spreadsheet has no readable first table.');
    let line = 0;
    for (const row of table.matchAll(/<table:table-row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-row>)/g)) {
      const repeatRows = Math.min(Number(/table:number-rows-repeated="(\d+)"/.exec(row[1]!)?.[1] ?? 1), MAX_REPEAT_ROWS);
      const cells: string[] = [];
      for (const c of (row[2] ?? '').matchAll(/<table:(?:covered-)?table-cell\b([^>]*?)(?:\/>|>([\s\S]*?)<\/table:(?:covered-)?table-cell>)/g)) {
        const attrs = c[1]!;
        const repeat = Math.min(Number(/table:number-columns-repeated="(\d+)"/.exec(attrs)?.[1] ?? 1), MAX_REPEAT_COLUMNS);
        const type = /office:value-type="(\w+)"/.exec(attrs)?.[1];
        let value = cellText(c[2] ?? '');
        if (type === 'float' || type === 'percentage' || type === 'currency') value = /office:value="([^"]*)"/.exec(attrs)?.[1] ?? value;
        else if (type === 'date') value = (/office:date-value="([^"]*)"/.exec(attrs)?.[1] ?? value).slice(0, 10);
        for (let i = 0; i < repeat && cells.length < MAX_REPEAT_COLUMNS; i++) cells.push(value);
      }
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      for (let r = 0; r < repeatRows; r++) {
        line++;
        if (cells.length > 0) onRow({ line, cells: [...cells] });
      }
    }
  } finally {
    zip.close();
  }
}
