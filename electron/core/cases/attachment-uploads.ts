// Files being attached to a case arrive in chunks and are held in memory until finished: an exhibit's
// plaintext never touches the disk. Limits: 100 MB a file, 256 MB in all; an upload left unfinished for
// half an hour is dropped; locking the workspace drops them all. Dropped buffers are zeroed.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors.ts';

export const MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;
const MAX_PENDING_BYTES = 256 * 1024 * 1024;
const STALE_MS = 30 * 60 * 1000;

export type PendingAttachment = { caseId: number; name: string; mediaType: string; chunks: Buffer[]; size: number; touched: number };

export class AttachmentUploads {
  private readonly pending = new Map<string, PendingAttachment>();

  append(input: { caseId: number; attachId: string | null; name: string; mediaType: string; offset: number; data: string }): {
    attachId: string;
    size: number;
  } {
    this.sweep();
    const chunk = Buffer.from(input.data, 'base64');
    let id = input.attachId;
    let upload = id ? this.pending.get(id) : undefined;
    if (id && !upload) throw new AppError('UPLOAD_INVALID', 'This upload is unknown or has expired; attach the file again.');
    if (upload && upload.caseId !== input.caseId) throw new AppError('UPLOAD_INVALID', 'This upload belongs to another case.');
    if (input.offset !== (upload?.size ?? 0)) throw new AppError('UPLOAD_INVALID', `Chunk at ${input.offset}, expected ${upload?.size ?? 0}.`);
    if ((upload?.size ?? 0) + chunk.length > MAX_ATTACHMENT_BYTES) {
      if (id) this.discard(id);
      throw new AppError('ATTACHMENT_TOO_LARGE', 'The file is larger than 100 MB.', { limit: MAX_ATTACHMENT_BYTES });
    }
    if (this.pendingBytes() + chunk.length > MAX_PENDING_BYTES)
      throw new AppError('ATTACHMENT_TOO_LARGE', 'Too many files are being attached at once; wait for them to finish.', { limit: MAX_PENDING_BYTES });
    if (!upload) {
      id = randomUUID();
      upload = { caseId: input.caseId, name: input.name, mediaType: input.mediaType, chunks: [], size: 0, touched: Date.now() };
      this.pending.set(id, upload);
    }
    upload.chunks.push(chunk);
    upload.size += chunk.length;
    upload.touched = Date.now();
    return { attachId: id!, size: upload.size };
  }

  /** Hands over a finished upload's bytes (the caller zeroes them when done) and forgets it. */
  take(attachId: string): Omit<PendingAttachment, 'chunks'> & { data: Buffer } {
    const upload = this.pending.get(attachId);
    if (!upload) throw new AppError('UPLOAD_INVALID', 'This upload is unknown or has expired; attach the file again.');
    this.pending.delete(attachId);
    const data = Buffer.concat(upload.chunks, upload.size);
    for (const c of upload.chunks) c.fill(0);
    return { caseId: upload.caseId, name: upload.name, mediaType: upload.mediaType, size: upload.size, touched: upload.touched, data };
  }

  discard(attachId: string): void {
    const upload = this.pending.get(attachId);
    if (!upload) return;
    for (const c of upload.chunks) c.fill(0);
    this.pending.delete(attachId);
  }

  clear(): void {
    for (const id of [...this.pending.keys()]) this.discard(id);
  }

  private pendingBytes(): number {
    let n = 0;
    for (const u of this.pending.values()) n += u.size;
    return n;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, u] of this.pending) if (now - u.touched > STALE_MS) this.discard(id);
  }
}
