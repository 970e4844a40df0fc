// Buffered writing of a large text file in a chosen encoding, synchronously (generators run in workers).
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

export class TextSink {
  private readonly fd: number;
  private readonly tmp: string;
  private readonly path: string;
  private readonly encoding: BufferEncoding;
  private chunks: string[] = [];
  private size = 0;
  bytes = 0;

  constructor(path: string, encoding: BufferEncoding = 'utf8') {
    this.path = path;
    this.encoding = encoding;
    this.tmp = `${path}.partial`;
    this.fd = openSync(this.tmp, 'w', 0o600);
  }

  write(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.chunks.length === 0) return;
    const buf = Buffer.from(this.chunks.join(''), this.encoding);
    writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.chunks = [];
    this.size = 0;
  }

  /** Completes the file: it appears under its name only when whole. */
  close(): void {
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    renameSync(this.tmp, this.path);
  }
}
