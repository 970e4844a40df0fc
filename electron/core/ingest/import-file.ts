// One import: detect the format, read the file in a single transaction (a refusal or a crash leaves the
// workspace exactly as it was), store what was read with its provenance, and report every warning and
// rejection with its line or segment.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { IMPORT_FORMAT_NAMES } from '../../../shared/domain/imports.ts';
import { AppError } from '../../../shared/errors.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Db } from '../workspace/database.ts';
import { catchUp } from '../workspace/derived.ts';
import { mapCuscar } from './edifact/cuscar.ts';
import { mapEvents } from './edifact/events.ts';
import { mapIftmin } from './edifact/iftmin.ts';
import { mapPaxlst } from './edifact/paxlst.ts';
import { mapPnrgov } from './edifact/pnrgov.ts';
import { LIMITS, readEdifactFile } from './edifact/tokenizer.ts';
import { mapFfm, mapFhl, mapFwb, readCargoImp, type ImpRecord } from './cargo-imp/reader.ts';
import { readXfwb } from './cargo-xml/xfwb.ts';
import { csvRows, importTable } from './tabular/csv-import.ts';
import { readOds } from './tabular/ods-reader.ts';
import { readXls } from './tabular/xls-reader.ts';
import { readXlsx } from './tabular/xlsx-reader.ts';
import { ImportRefused, IssueLog, type ImportReport } from './report.ts';
import { ImportStore, type ParsedFlight } from './store.ts';

export const IMPORT_FORMATS = IMPORT_FORMAT_NAMES;
const CARGO_IMP = new Set(['fwb', 'fhl', 'ffm']);
/** Page cache during an import (negative: KiB), well inside the memory an import may use. */
const IMPORT_CACHE_KIB = -65536;
const EVENT_MESSAGES = new Set(['IFTSTA', 'CODECO', 'COARRI', 'BAPLIE']);

export type ImportOptions = {
  format?: string | undefined;
  strict?: boolean;
  actor: string;
  /** A saved import specification (CSV): its column mapping is used. */
  spec?: string | undefined;
  /** A column mapping confirmed on the mapping screen (tables). */
  mapping?: Record<string, number> | undefined;
  /** The name the user knows the file by (uploads are stored under other names). */
  displayName?: string;
  onProgress?(bytes: number, total: number): void;
};

/** Looks at the first bytes: EDIFACT (and its message type), Cargo-IMP, Cargo-XML, a ZIP (XLSX/ODS), legacy XLS, or text. */
export function detectFormat(path: string): string {
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(8192);
  const n = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const bytes = head.subarray(0, n);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return bytes.includes('application/vnd.oasis.opendocument.spreadsheet') ? 'ods' : 'xlsx';
  if (bytes.readUInt32BE(0) === 0xd0cf11e0) return 'xls';
  const text = bytes
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '')
    .replace(/[\r\n]/g, '')
    .trimStart();
  if (/^(UNA|UNB)/.test(text)) {
    const type = /UNH.{1,40}?([A-Z]{6})/s.exec(text)?.[1];
    return type ? type.toLowerCase() : 'edifact';
  }
  const imp = /^(FWB|FHL|FFM|FSU)\//.exec(text);
  if (imp) return imp[1]!.toLowerCase();
  if (text.startsWith('<')) {
    // Cargo-XML: the root element (after the declaration and comments) is a Waybill in IATA's namespace.
    const root = /<(?![?!])(?:[\w.-]+:)?([\w.-]+)[^>]*>/.exec(text);
    return root && /^Waybill(Message)?$/.test(root[1]!) && /iata:waybill/.test(root[0]) ? 'xfwb' : 'xml';
  }
  return 'csv';
}

function sha256File(path: string): string {
  const h = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let pos = 0, n = 0; (n = readSync(fd, buf, 0, buf.length, pos)) > 0; pos += n) h.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

/** `refused`: the whole file was refused and nothing of it written (its errors say why). */
export type ImportOutcome = { report: ImportReport; refused: boolean };

export function importFile(db: Db, path: string, opts: ImportOptions): ImportOutcome {
  const log = new IssueLog(opts.strict ?? false);
  const fileName = opts.displayName ?? basename(path);
  const report = (format: string, accepted: number): ImportReport => ({
    file: opts.displayName ?? path,
    format,
    accepted,
    rejected: log.errors.length,
    warnings: log.warnings,
    errors: log.errors,
  });
  let format = opts.format ?? '';
  try {
    const size = statSync(path).size;
    if (size > LIMITS.fileBytes) throw new ImportRefused('IMPORT_TOO_LARGE', 'The file is larger than Portcullis accepts in one import.');
    if (size === 0) throw new ImportRefused('IMPORT_EMPTY', 'The file is empty.');
    format ||= detectFormat(path);
    if (!(IMPORT_FORMATS as readonly string[]).includes(format)) {
      throw new ImportRefused(
        'IMPORT_UNSUPPORTED_FORMAT',
        `This version of Portcullis imports ${IMPORT_FORMATS.map((f) => f.toUpperCase()).join(', ')} files; "${format}" is not one of them yet.`,
      );
    }
    const sha256 = sha256File(path);
    let accepted = 0;
    // A large import touches index pages all over: a bigger page cache for its duration keeps them
    // from being spilled and read back (and decrypted) again and again.
    const cacheSize = db.pragma('cache_size', { simple: true }) as number;
    db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
    try {
      db.transaction(() => {
        const importId = Number(
          db
            .prepare(`INSERT INTO import_batch (source_file, format, sha256, started_at, status) VALUES (?, ?, ?, ?, 'running')`)
            .run(fileName, format, sha256, new Date().toISOString()).lastInsertRowid,
        );
        const store = new ImportStore(db, importId);
        const outcome = { inserted: 0, version: 0, skipped: 0 };
        const ref = (segment: number) => `${fileName} segment ${segment}`;
        // API and PNR messages are about one flight: without it, nothing of the message can be stored.
        const flightOf = (msg: { ref: string; segments: { index: number }[] }, flight: ParsedFlight | null, tag: string, what: string) => {
          if (!flight || !flight.flightNumber) {
            log.reject(msg.segments[0]!.index, 'EDI_FLIGHT_MISSING', `Message ${msg.ref} names no flight (${tag}); its ${what} were not imported.`, tag);
            return null;
          }
          return store.flight(flight, ref(msg.segments[0]!.index));
        };
        const storeAirWaybills = (records: ImpRecord[]) => {
          for (const r of records) {
            const flightId = r.flight ? store.flight(r.flight, `${fileName} line ${r.line}`) : null;
            outcome[store.shipment(r.shipment, flightId, r.line, `${fileName} line ${r.line}`)]++;
          }
        };
        if (format === 'csv') {
          importTable(
            db,
            csvRows(path, log, (bytes) => opts.onProgress?.(bytes, size)),
            store,
            log,
            { spec: opts.spec, mapping: opts.mapping, fileName },
            outcome,
          );
        } else if (format === 'xlsx' || format === 'xls' || format === 'ods') {
          const read = format === 'xlsx' ? readXlsx : format === 'xls' ? readXls : readOds;
          importTable(db, (onRow) => read(path, onRow), store, log, { spec: opts.spec, mapping: opts.mapping, fileName }, outcome);
        } else if (format === 'xfwb') {
          storeAirWaybills(readXfwb(path, log));
        } else if (CARGO_IMP.has(format)) {
          for (const m of readCargoImp(path)) {
            if (m.type.toLowerCase() !== format) {
              log.warn(m.lines[0]?.line ?? 0, 'IMP_MESSAGE_NOT_IMPORTED', `A ${m.type} message in a ${format.toUpperCase()} import was not imported.`);
              continue;
            }
            const records =
              m.type === 'FWB'
                ? [mapFwb(m, log)].filter((r) => r !== null)
                : m.type === 'FHL'
                  ? mapFhl(m, log)
                  : mapFfm(m, log, String(new Date().getUTCFullYear()));
            storeAirWaybills(records);
          }
        } else
          readEdifactFile(path, log, {
            onProgress: (bytes) => opts.onProgress?.(bytes, size),
            onMessage(msg) {
              if (msg.type === 'CUSCAR' && format === 'cuscar') {
                const r = mapCuscar(msg, log);
                const vesselId = r.vessel ? store.vessel(r.vessel, ref(msg.segments[0]!.index)) : null;
                for (const c of r.consignments) outcome[store.shipment(c.shipment, vesselId, c.segment, ref(c.segment))]++;
              } else if (msg.type === 'PAXLST' && format === 'paxlst') {
                const r = mapPaxlst(msg, log);
                const flightId = flightOf(msg, r.flight, 'TDT', 'travellers');
                if (flightId === null) return;
                for (const t of r.travellers) outcome[store.passenger(t.passenger, flightId, t.segment, ref(t.segment))]++;
              } else if (msg.type === 'IFTMIN' && format === 'iftmin') {
                const r = mapIftmin(msg, log);
                if (r) outcome[store.shipment(r.shipment, null, r.segment, ref(r.segment))]++;
              } else if (msg.type === 'PNRGOV' && format === 'pnrgov') {
                const r = mapPnrgov(msg, log);
                if (r.sensitiveDropped > 0)
                  log.note(
                    msg.segments[0]!.index,
                    'PNR_SENSITIVE_DATA_DROPPED',
                    `${r.sensitiveDropped} special service request(s) revealing religion or health were dropped and not stored.`,
                  );
                const flightId = flightOf(msg, r.flight, 'TVL', 'reservations');
                if (flightId === null) return;
                for (const b of r.bookings) outcome[store.booking(b, flightId, r.flight!, b.segment, ref(b.segment))]++;
              } else if (EVENT_MESSAGES.has(msg.type) && format === msg.type.toLowerCase()) {
                for (const e of mapEvents(msg, log)) outcome[store.event(e, e.segment, ref(e.segment))]++;
              } else {
                log.warn(
                  msg.segments[0]!.index,
                  'EDI_MESSAGE_NOT_IMPORTED',
                  `Message ${msg.ref} is ${msg.type}, not ${format.toUpperCase()}; it was not imported.`,
                );
              }
            },
          });
        accepted = outcome.inserted + outcome.version;
        catchUp(db);
        const issue = db.prepare(`INSERT INTO import_issue (import_id, severity, line, code, message, field) VALUES (?,?,?,?,?,?)`);
        for (const w of log.warnings) issue.run(importId, 'warning', w.line, w.code, w.message, w.field ?? null);
        for (const e of log.errors) issue.run(importId, 'error', e.line, e.code, e.message, e.field ?? null);
        db.prepare(`UPDATE import_batch SET status = 'done', finished_at = ?, row_count = ?, rejected_count = ? WHERE id = ?`).run(
          new Date().toISOString(),
          accepted,
          log.errors.length,
          importId,
        );
        appendAudit(db, {
          actor: opts.actor,
          action: 'import.file',
          entity: 'import_batch',
          entityId: String(importId),
          details: { file: fileName, format, sha256, ...outcome, rejected: log.errors.length, warnings: log.warningCount },
        });
      })();
    } finally {
      db.pragma(`cache_size = ${cacheSize}`);
    }
    return { report: report(format, accepted), refused: false };
  } catch (err) {
    if (err instanceof ImportRefused) {
      log.errors.unshift({ line: err.line, code: err.importCode, message: err.message });
      return { report: { ...report(format || 'unknown', 0), rejected: log.errors.length }, refused: true };
    }
    if (err instanceof AppError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      const errors = [{ line: 0, code: 'IMPORT_FILE_NOT_FOUND', message: 'The file does not exist.' }];
      return { report: { file: opts.displayName ?? path, format: format || 'unknown', accepted: 0, rejected: 1, warnings: [], errors }, refused: true };
    }
    throw err;
  }
}
