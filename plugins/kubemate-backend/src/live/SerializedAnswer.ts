import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/**
 * An answer serialized once: the JSON bytes, a strong ETag over them and, on first demand, the
 * gzip-compressed bytes, so repeated views cost neither JSON.stringify nor compression.
 */
export class SerializedAnswer {
  readonly body: Buffer;
  /** Strong ETag of the identity representation (quoted). */
  readonly etag: string;
  private gzipped?: Promise<Buffer>;
  private gzippedBytes = 0;

  constructor(value: unknown) {
    this.body = Buffer.from(JSON.stringify(value));
    this.etag = `"${createHash('sha1').update(this.body).digest('base64url')}"`;
  }

  /** ETag of the gzip representation: a different byte sequence needs its own strong ETag. */
  get gzipEtag(): string {
    return `${this.etag.slice(0, -1)}-gz"`;
  }

  /** The body compressed off the event loop (zlib's thread pool), computed once. */
  gzip(): Promise<Buffer> {
    this.gzipped ??= gzipAsync(this.body).then(compressed => {
      this.gzippedBytes = compressed.length;
      return compressed;
    });
    return this.gzipped;
  }

  /** Memory held: the body and, once made, its compressed form. */
  get bytes(): number {
    return this.body.length + this.gzippedBytes;
  }
}
