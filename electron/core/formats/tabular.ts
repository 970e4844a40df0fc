// Tables written as CSV or XLSX (Office Open XML, inline strings), streamed. Cells that a spreadsheet
// would run as formulas (= + - @ tab CR at the start) are neutralised with a leading apostrophe.
import { TextSink } from './text-sink.ts';
import { ZipWriter } from './zip-writer.ts';

export type Cell = string | number | null | undefined;

export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(v: Cell, sep: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  const s = neutraliseFormula(v);
  return s.includes(sep) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export type TableWriter = { row(cells: Cell[]): void; close(): void };

export function csvWriter(path: string, header: string[], sep = ','): TableWriter {
  const sink = new TextSink(path, 'utf8');
  sink.write('\ufeff');
  const row = (cells: Cell[]) => sink.write(cells.map((c) => csvCell(c, sep)).join(sep) + '\r\n');
  row(header);
  return { row, close: () => sink.close() };
}

const XML_ESCAPE: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
// XML 1.0 forbids most control characters even when escaped: drop them.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
const xml = (s: string) => s.replace(/[&<>"]/g, (c) => XML_ESCAPE[c]!).replace(XML_INVALID, '');

function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const MAX_ROWS = 1_048_576;

/** One workbook, one table; past Excel's row limit the table continues on further sheets. */
export function xlsxWriter(path: string, sheetName: string, header: string[]): TableWriter {
  const zip = new ZipWriter(path);
  const sheets: string[] = [];
  let rowInSheet = 0;
  const headerRow = () => writeRow(header);
  const startSheet = () => {
    sheets.push(sheets.length === 0 ? sheetName : `${sheetName} (${sheets.length + 1})`);
    zip.begin(`xl/worksheets/sheet${sheets.length}.xml`);
    zip.write(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    );
    rowInSheet = 0;
    headerRow();
  };
  const endSheet = () => zip.write('</sheetData></worksheet>');
  function writeRow(cells: Cell[]) {
    rowInSheet++;
    let out = `<row r="${rowInSheet}">`;
    cells.forEach((c, i) => {
      if (c === null || c === undefined || c === '') return;
      const ref = `${columnName(i)}${rowInSheet}`;
      out +=
        typeof c === 'number'
          ? `<c r="${ref}"><v>${c}</v></c>`
          : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xml(neutraliseFormula(c))}</t></is></c>`;
    });
    zip.write(out + '</row>');
  }
  startSheet();
  return {
    row(cells) {
      if (rowInSheet >= MAX_ROWS) {
        endSheet();
        startSheet();
      }
      writeRow(cells);
    },
    close() {
      endSheet();
      const ct = sheets
        .map(
          (_s, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('');
      zip.begin('[Content_Types].xml');
      zip.write(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${ct}</Types>`,
      );
      zip.begin('_rels/.rels');
      zip.write(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      );
      zip.begin('xl/workbook.xml');
      zip.write(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
          .map((n, i) => `<sheet name="${xml(n.slice(0, 31))}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
          .join('')}</sheets></workbook>`,
      );
      zip.begin('xl/_rels/workbook.xml.rels');
      zip.write(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
          .map(
            (_n, i) =>
              `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('')}</Relationships>`,
      );
      zip.close();
    },
  };
}
