// Files handed to the app by drag and drop or a file picker arrive as chunks over the API (the page may
// not read paths). They land in a private temporary folder under names the app chooses, and are deleted
// as soon as their import ends, whatever its outcome.
import { randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';

export const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;

type Upload = { file: string; name: string; size: number };

export class Uploads {
  private dir: string | null = null;
  private readonly uploads = new Map<string, Upload>();

  append(input: { uploadId: string | null; name: string; offset: number; data: string }): { uploadId: string; size: number } {
    const chunk = Buffer.from(input.data, 'base64');
    let id = input.uploadId;
    let upload = id ? this.uploads.get(id) : undefined;
    if (id && !upload) throw new AppError('UPLOAD_INVALID', 'Unknown upload.');
    if (!upload) {
      this.dir ??= mkdtempSync(join(tmpdir(), 'portcullis-uploads-'));
      id = randomUUID();
      upload = { file: join(this.dir, id), name: input.name, size: 0 };
      closeSync(openSync(upload.file, 'w', 0o600));
      this.uploads.set(id, upload);
    }
    if (input.offset !== upload.size) throw new AppError('UPLOAD_INVALID', `Chunk at ${input.offset}, expected ${upload.size}.`);
    if (upload.size + chunk.length > MAX_UPLOAD_BYTES) throw new AppError('UPLOAD_INVALID', 'The file is larger than Portcullis accepts in one import.');
    const fd = openSync(upload.file, 'a');
    try {
      writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
    upload.size = statSync(upload.file).size;
    return { uploadId: id!, size: upload.size };
  }

  get(uploadId: string): Upload {
    const u = this.uploads.get(uploadId);
    if (!u) throw new AppError('UPLOAD_INVALID', 'Unknown upload.');
    return u;
  }

  discard(uploadId: string): void {
    const u = this.uploads.get(uploadId);
    if (u) rmSync(u.file, { force: true });
    this.uploads.delete(uploadId);
  }

  clear(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
    this.uploads.clear();
  }
}
