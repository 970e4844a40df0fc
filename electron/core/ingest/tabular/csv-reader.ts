// Delimited text as exported by port community systems and spreadsheets: the character set (UTF-8 with
// or without BOM, windows-1250/1251, ISO 8859-2) and the delimiter are detected, quotes follow RFC 4180
// (doubled quotes, line breaks inside quotes), and a quote left open at the end is truncation.
import { closeSync, openSync, readSync } from 'node:fs';
import { ImportRefused, type IssueLog } from '../report.ts';

export type CsvRow = { line: number; cells: string[] };
const MAX_CELL = 100_000;
const MAX_COLUMNS = 500;

function validUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, Math.max(0, bytes.length - 4)));
    return true;
  } catch {
    return false;
  }
}

/** Picks the legacy code page from the bytes: Cyrillic letters cluster in C0-FF; Central European in 8A-9E/E0-FE. */
function legacyEncoding(bytes: Buffer): string {
  let cyr = 0;
  let lat = 0;
  for (const b of bytes) {
    if (b === 0x8a || b === 0x9a || b === 0x8e || b === 0x9e || b === 0xe8 || b === 0xc8 || b === 0xe6 || b === 0xc6 || b === 0xf0 || b === 0xd0) lat++;
    if (b >= 0xc0) cyr++;
  }
  return cyr > lat * 3 ? 'windows-1251' : 'windows-1250';
}

export function detectDelimiter(sample: string): string {
  const lines = sample
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20);
  let best = ',';
  let bestScore = -1;
  for (const d of [',', ';', '\t', '|']) {
    const counts = lines.map((l) => l.replace(/"[^"]*"/g, '').split(d).length - 1);
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((c) => c === first).length;
    const score = consistent * 1000 + first;
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

export function readCsv(
  path: string,
  log: IssueLog,
  onRow: (row: CsvRow) => void,
  onProgress?: (bytes: number) => void,
): { delimiter: string; encoding: string } {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    let n = readSync(fd, chunk, 0, chunk.length, 0);
    let position = n;
    const head = chunk.subarray(0, n);
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
    if (head.includes(0)) throw new ImportRefused('IMPORT_NOT_TEXT', 'The file holds binary data: it is not a delimited text file.');
    const encoding = bom || validUtf8(head) ? 'utf-8' : legacyEncoding(head);
    if (encoding !== 'utf-8') log.note(1, 'TEXT_LEGACY_ENCODING', `The file is not UTF-8; read as ${encoding}.`);
    const decoder = new TextDecoder(encoding);
    let text = decoder.decode(head.subarray(bom ? 3 : 0), { stream: true });
    const delimiter = detectDelimiter(text.slice(0, 64 * 1024));
    let cells: string[] = [];
    let cell = '';
    let quoted = false;
    let line = 1;
    let rowStart = 1;
    const endRow = () => {
      cells.push(cell);
      if (cells.length > MAX_COLUMNS) throw new ImportRefused('CSV_TOO_MANY_COLUMNS', `Line ${rowStart} has more than ${MAX_COLUMNS} columns.`, rowStart);
      if (!(cells.length === 1 && cells[0] === '')) onRow({ line: rowStart, cells });
      cells = [];
      cell = '';
    };
    for (;;) {
      let i = 0;
      for (; i < text.length; i++) {
        const ch = text[i]!;
        if (quoted) {
          if (ch === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i++;
            } else if (i + 1 === text.length && n !== 0)
              break; // a quote at the chunk's end: decide with the next chunk
            else quoted = false;
          } else if (ch === '\r' && text[i + 1] === '\n') {
            // A line break inside a cell is kept as a plain newline.
          } else {
            if (ch === '\n') line++;
            cell += ch;
          }
        } else if (ch === '"' && cell === '') quoted = true;
        else if (ch === delimiter) {
          cells.push(cell);
          cell = '';
        } else if (ch === '\n' || ch === '\r') {
          if (ch === '\r' && text[i + 1] === '\n') i++;
          else if (ch === '\r' && i + 1 === text.length && n !== 0) break;
          endRow();
          line++;
          rowStart = line;
        } else cell += ch;
        if (cell.length > MAX_CELL) throw new ImportRefused('CSV_CELL_TOO_LONG', `A cell on line ${rowStart} is longer than ${MAX_CELL} characters.`, rowStart);
      }
      text = text.slice(i);
      if (n === 0) break;
      onProgress?.(position);
      n = readSync(fd, chunk, 0, chunk.length, position);
      position += n;
      text += n === 0 ? decoder.decode() : decoder.decode(chunk.subarray(0, n), { stream: true });
    }
    if (quoted) throw new ImportRefused('CSV_TRUNCATED', `A quoted cell opened on line ${rowStart} is never closed: the file is truncated.`, rowStart);
    if (cell !== '' || cells.length > 0) endRow();
    return { delimiter, encoding };
  } finally {
    closeSync(fd);
  }
}
