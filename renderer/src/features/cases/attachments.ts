// Files to and from a case: sent in chunks of at most 1 MB (the contract's limit), then hashed, encrypted
// and stored by the core; read back decrypted and checked against their hash.
import type { CaseAttachment, Grade } from '../../../../shared/domain/cases.ts';
import { api } from '../../api.ts';

const CHUNK = 1024 * 1024;

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export async function uploadAttachment(
  caseId: number,
  file: File,
  meta: { description: string; grade: Grade | null },
  onSent?: (bytes: number) => void,
): Promise<CaseAttachment> {
  let attachId: string | null = null;
  const mediaType = file.type || 'application/octet-stream';
  let offset = 0;
  do {
    const bytes = new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer());
    const r: { attachId: string } = await api.call('cases.attachChunk', { caseId, attachId, name: file.name, mediaType, offset, data: toBase64(bytes) });
    attachId = r.attachId;
    offset += bytes.length;
    onSent?.(offset);
  } while (offset < file.size);
  return api.call('cases.attachFinish', { attachId: attachId!, description: meta.description, grade: meta.grade });
}

export const isImage = (mediaType: string) => /^image\/(png|jpeg|gif|webp|bmp)$/i.test(mediaType);
export const isPdf = (mediaType: string) => mediaType.toLowerCase() === 'application/pdf';

/** Saves a file the core sent (decrypted) to the user's downloads. */
export function saveFile(name: string, mediaType: string, dataBase64: string): void {
  const url = URL.createObjectURL(new Blob([fromBase64(dataBase64)], { type: mediaType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
