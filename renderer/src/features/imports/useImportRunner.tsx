// Reading a file once it is uploaded: a table (CSV or spreadsheet) goes through the mapping screen first,
// a message (EDIFACT, Cargo-IMP…) is read as it is. Used wherever a file is imported: the Imports section
// and a training exercise's files. The jobs started are shown by ImportJobs.
import { useCallback, useState } from 'react';
import type { ImportFormatName, TablePreview } from '../../../../shared/domain/imports.ts';
import { api } from '../../api.ts';
import { MappingDialog, type MappingAnswer } from './MappingDialog.tsx';
import { discardUpload, startImport, type TableChoice } from './upload.ts';

export type StartedImport = { jobId: string; name: string };

const TABLE_FORMATS: readonly ImportFormatName[] = ['csv', 'xlsx', 'xls', 'ods'];

type MappingRequest = { name: string; preview: TablePreview; resolve(a: MappingAnswer | null): void };

export function useImportRunner() {
  const [started, setStarted] = useState<StartedImport[]>([]);
  const [request, setRequest] = useState<MappingRequest | null>(null);

  /** Starts the import of an upload (asking for the mapping of a table); the job's id, or null when the
   * user closed the mapping screen (the upload is then dropped). */
  const run = useCallback(async (uploadId: string, name: string, format: ImportFormatName | null, strict: boolean): Promise<string | null> => {
    const preview = !format || TABLE_FORMATS.includes(format) ? await api.call('imports.preview', { uploadId }) : null;
    let table: TableChoice | undefined;
    if (preview) {
      const answer = await new Promise<MappingAnswer | null>((resolve) => setRequest({ name, preview, resolve }));
      setRequest(null);
      if (!answer) {
        await discardUpload(uploadId);
        return null;
      }
      if (answer.saveAs) await api.call('imports.saveSpec', { name: answer.saveAs, headers: preview.headers, mapping: answer.mapping });
      table = { mapping: answer.mapping };
    }
    const jobId = await startImport(uploadId, format, strict, table);
    setStarted((s) => [{ jobId, name }, ...s]);
    return jobId;
  }, []);

  const mappingDialog = request ? <MappingDialog name={request.name} preview={request.preview} onDone={request.resolve} /> : null;
  return { started, run, mappingDialog };
}
