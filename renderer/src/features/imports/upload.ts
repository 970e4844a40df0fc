// Sends a file the user dropped or picked to the core in chunks (the page may not hand over paths),
// then starts its import; returns the import job's id.
import type { ImportFormatName, TableField } from '../../../../shared/domain/imports.ts';
import { api } from '../../api.ts';

const CHUNK = 4 * 1024 * 1024;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The user stopped an upload; what was sent has been dropped. */
export class UploadCancelled extends Error {}

/** Sends the file in chunks; returns its upload id. Stops (and drops what was sent) when `signal` aborts. */
export async function uploadFile(file: File, onSent?: (bytes: number) => void, signal?: AbortSignal): Promise<string> {
  let uploadId: string | null = null;
  for (let offset = 0; offset < file.size || (offset === 0 && file.size === 0); offset += CHUNK) {
    if (signal?.aborted) {
      if (uploadId) await discardUpload(uploadId);
      throw new UploadCancelled();
    }
    const bytes = new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer());
    const r: { uploadId: string } = await api.call('imports.upload', { uploadId, name: file.name, offset, data: toBase64(bytes) });
    uploadId = r.uploadId;
    onSent?.(offset + bytes.length);
    if (file.size === 0) break;
  }
  return uploadId!;
}

export async function discardUpload(uploadId: string): Promise<void> {
  await api.call('imports.discard', { uploadId });
}

/** Hands the core a file the user picked (uploaded for the call and dropped after it, whatever the outcome:
 * the core keeps what it accepts) or else the path they typed. */
export async function withFileOrPath<T>(file: File | null, path: string, call: (source: { uploadId: string } | { path: string }) => Promise<T>): Promise<T> {
  if (!file) return call({ path: path.trim() });
  const uploadId = await uploadFile(file);
  try {
    return await call({ uploadId });
  } finally {
    await discardUpload(uploadId).catch(() => undefined);
  }
}

export type TableChoice = { mapping: Partial<Record<TableField, number>>; spec?: string };

/** Starts the import of an uploaded file; returns the job's id. */
export async function startImport(uploadId: string, format: ImportFormatName | null, strict: boolean, table?: TableChoice): Promise<string> {
  const { jobId } = await api.call('imports.start', { uploadId, format, strict, ...(table ? { mapping: table.mapping } : {}) });
  return jobId;
}
