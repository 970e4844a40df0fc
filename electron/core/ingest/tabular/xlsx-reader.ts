// The first worksheet of an XLSX workbook as rows of text: shared and inline strings, numbers, and dates
// (numbers in a date format) written as YYYY-MM-DD. Formulas are never evaluated: their cached value,
// or their text, is what is read.
import { ImportRefused } from '../report.ts';
import type { CsvRow } from './csv-reader.ts';
import { ZipReader } from './zip-reader.ts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export function xmlText(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e]!,
  );
}

const texts = (xml: string) => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => xmlText(m[1]!)).join('');

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    if (ch < 'A' || ch > 'Z') break;
    n = n * 26 + (ch.charCodeAt(0) - 64);
  }
  return n - 1;
}

/** Excel's day serial (1900 system) as YYYY-MM-DD. */
export function excelDate(serial: number): string {
  return new Date(Math.round((serial - 25569) * 86_400_000)).toISOString().slice(0, 10);
}

function dateStyles(stylesXml: string | undefined): Set<number> {
  const dates = new Set<number>();
  if (!stylesXml) return dates;
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<numFmt\s[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"/g)) custom.set(Number(m[1]), xmlText(m[2]!));
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  [...xfs.matchAll(/<xf\s[^>]*?numFmtId="(\d+)"/g)].forEach((m, i) => {
    const id = Number(m[1]);
    const code = custom.get(id);
    if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (code !== undefined && /[dmy]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]/g, '')))) dates.add(i);
  });
  return dates;
}

export function readXlsx(path: string, onRow: (row: CsvRow) => void): void {
  const zip = new ZipReader(path);
  try {
    const text = (name: string) => zip.read(name)?.toString('utf8');
    const workbook = text('xl/workbook.xml');
    if (!workbook) throw new ImportRefused('IMPORT_NOT_XLSX', 'This archive is not an Excel workbook (no xl/workbook.xml).');
    const firstRel = /<sheet\s[^>]*r:id="([^"]+)"/.exec(workbook)?.[1];
    const rels = text('xl/_rels/workbook.xml.rels') ?? '';
    const target = firstRel
      ? (new RegExp(`<Relationship[^>]*Id="${firstRel}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
        new RegExp(`Target="([^"]+)"[^>]*Id="${firstRel}"`).exec(rels)?.[1])
      : undefined;
    const sheetPath = target ? (target.startsWith('/') ? target.slice(1) : `xl/${target}`) : 'xl/worksheets/sheet1.xml';
    const sheet = text(sheetPath);
    if (!sheet) throw new ImportRefused('IMPORT_NOT_XLSX', 'The workbook has no readable first sheet.');
    const shared = [...(text('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]!));
    const dates = dateStyles(text('xl/styles.xml'));
    for (const row of sheet.matchAll(/<row\b([^>]*)>([\s\S]*?)<\/row>/g)) {
      const line = Number(/\br="(\d+)"/.exec(row[1]!)?.[1] ?? 0);
      const cells: string[] = [];
      let next = 0;
      for (const c of row[2]!.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const attrs = c[1]!;
        const body = c[2] ?? '';
        const ref = /\br="([A-Z]+)\d+"/.exec(attrs)?.[1];
        const col = ref ? columnIndex(ref) : next;
        next = col + 1;
        const type = /\bt="(\w+)"/.exec(attrs)?.[1] ?? 'n';
        const style = Number(/\bs="(\d+)"/.exec(attrs)?.[1] ?? -1);
        const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
        let value = '';
        if (type === 's') value = shared[Number(v)] ?? '';
        else if (type === 'inlineStr') value = texts(body);
        else if (type === 'str' || type === 'e') value = xmlText(v ?? '');
        else if (type === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
        else if (v !== undefined) value = dates.has(style) && Number.isFinite(Number(v)) ? excelDate(Number(v)) : v;
        while (cells.length < col) cells.push('');
        cells[col] = value;
      }
      if (cells.some((x) => x !== '')) onRow({ line, cells });
    }
  } finally {
    zip.close();
  }
}
