import { InputError } from '@backstage/errors';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';

const gunzip = promisify(zlib.gunzip);
const gzip = promisify(zlib.gzip);
const inflateRaw = promisify(zlib.inflateRaw);

/** The bounds of one uploaded archive. */
export interface ArchiveLimits {
  /** Most entries of any type (directories included). */
  maxEntries: number;
  /** Most bytes of one entry once expanded. */
  maxEntryBytes: number;
  /** Most bytes of all entries once expanded. */
  maxExpandedBytes: number;
}

export type ArchiveFormat = 'zip' | 'tar.gz';

/** A regular file of the archive. */
export interface ArchiveFile {
  path: string;
  /** Undefined for files that were not read (not manifests). */
  data?: Buffer;
}

/** Orders by path, byte-wise (as `ls` in the C locale). */
export function byPath(a: { path: string }, b: { path: string }): number {
  if (a.path === b.path) return 0;
  return a.path < b.path ? -1 : 1;
}

const MANIFEST = /\.(ya?ml|json)$/i;

/** Whether the entry is read as manifests (`.yaml`, `.yml`, `.json`). */
export const isManifestPath = (path: string) => MANIFEST.test(path);

const refused = (path: string, why: string) =>
  new InputError(`The archive entry "${path}" is refused: ${why}`);

/**
 * The path inside the archive, normalized (no `./`), or a 400 naming the entry when it would
 * escape the archive: absolute, a drive letter, `..` segments, NUL bytes.
 */
export function safeEntryPath(raw: string): string {
  const shown = raw.slice(0, 300);
  if (raw.includes('\0')) throw refused(shown, 'its path holds a NUL byte');
  const parts = raw.split(/[\\/]+/);
  if (raw.startsWith('/') || raw.startsWith('\\') || /^[A-Za-z]:/.test(raw)) {
    throw refused(shown, 'absolute paths escape the archive');
  }
  if (parts.includes('..')) {
    throw refused(shown, 'paths with ".." escape the archive');
  }
  const path = parts.filter(p => p !== '.' && p !== '').join('/');
  if (!path) throw refused(shown, 'the path is empty');
  return path;
}

/** Which archive the bytes are, by their magic numbers; undefined when neither. */
export function sniffArchive(data: Buffer): ArchiveFormat | undefined {
  if (data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b) {
    if ((data[2] === 3 && data[3] === 4) || (data[2] === 5 && data[3] === 6)) {
      return 'zip';
    }
  }
  if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) {
    return 'tar.gz';
  }
  return undefined;
}

/**
 * Reads the archive's regular files; the manifests (`.yaml`, `.yml`, `.json`) with their bytes,
 * sorted by path. Limits are checked as entries are met and expanded, so an archive that
 * expands beyond them (a zip bomb) is stopped at the limit. Links, devices, FIFOs, duplicate and
 * escaping paths refuse the whole archive (400 naming the entry).
 */
export async function readArchive(
  data: Buffer,
  format: ArchiveFormat,
  limits: ArchiveLimits,
): Promise<ArchiveFile[]> {
  const files =
    format === 'zip'
      ? await readZip(data, limits)
      : await readTarGz(data, limits);
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.path)) throw refused(f.path, 'the path appears twice');
    seen.add(f.path);
  }
  return files.sort(byPath);
}

const MiB = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;

/** Counts expanded bytes against the limits. */
class Budget {
  private total = 0;
  private entries = 0;
  constructor(private readonly limits: ArchiveLimits) {}

  entry() {
    this.entries += 1;
    if (this.entries > this.limits.maxEntries) {
      throw new InputError(
        `The archive holds more than ${this.limits.maxEntries} entries`,
      );
    }
  }

  /** The most bytes the next entry may expand to, and the limit that binds it. */
  allowance(): { bytes: number; total: boolean } {
    const left = this.limits.maxExpandedBytes - this.total;
    return left < this.limits.maxEntryBytes
      ? { bytes: left, total: true }
      : { bytes: this.limits.maxEntryBytes, total: false };
  }

  add(path: string, bytes: number) {
    if (bytes > this.limits.maxEntryBytes) {
      throw refused(
        path,
        `it expands to more than ${MiB(this.limits.maxEntryBytes)}`,
      );
    }
    this.total += bytes;
    if (this.total > this.limits.maxExpandedBytes) {
      throw this.tooLarge(path);
    }
  }

  tooLarge(path: string) {
    return new InputError(
      `The archive expands to more than ${MiB(
        this.limits.maxExpandedBytes,
      )} (stopped at entry "${path.slice(0, 300)}")`,
    );
  }
}

const isTooLarge = (e: unknown) =>
  (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ||
  e instanceof RangeError;

// ---- zip ----

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

async function readZip(
  data: Buffer,
  limits: ArchiveLimits,
): Promise<ArchiveFile[]> {
  const broken = (why: string) =>
    new InputError(`The zip archive is not readable: ${why}`);
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 65_557); i--) {
    if (data.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken('no end of central directory');
  const count = data.readUInt16LE(eocd + 10);
  const cdSize = data.readUInt32LE(eocd + 12);
  const cdOffset = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    throw broken('ZIP64 archives are not supported');
  }
  if (count > limits.maxEntries) {
    throw new InputError(
      `The archive holds ${count} entries; at most ${limits.maxEntries} are read`,
    );
  }
  if (cdOffset + cdSize > data.length) throw broken('truncated');
  const budget = new Budget(limits);
  const files: ArchiveFile[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== CENTRAL) {
      throw broken('bad central directory');
    }
    const madeBy = data.readUInt16LE(p + 4);
    const flags = data.readUInt16LE(p + 8);
    const method = data.readUInt16LE(p + 10);
    const compressed = data.readUInt32LE(p + 20);
    const declared = data.readUInt32LE(p + 24);
    const nameLen = data.readUInt16LE(p + 28);
    const extraLen = data.readUInt16LE(p + 30);
    const commentLen = data.readUInt16LE(p + 32);
    const external = data.readUInt32LE(p + 38);
    const localOffset = data.readUInt32LE(p + 42);
    const rawName = data.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    budget.entry();
    const path = safeEntryPath(rawName);
    const unixMode = madeBy >> 8 === 3 ? external >>> 16 : 0;
    const type = unixMode & S_IFMT;
    if (type === S_IFLNK) throw refused(path, 'symbolic links are refused');
    const directory = rawName.endsWith('/') || type === S_IFDIR;
    if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) {
      throw refused(path, 'devices, FIFOs and sockets are refused');
    }
    if (directory) continue;
    if (!isManifestPath(path)) {
      files.push({ path });
      continue;
    }
    if (flags & 1) throw refused(path, 'encrypted entries are not read');
    if (method !== 0 && method !== 8) {
      throw refused(path, `compression method ${method} is not supported`);
    }
    const allowance = budget.allowance();
    if (declared > allowance.bytes) {
      if (allowance.total) throw budget.tooLarge(path);
      budget.add(path, declared);
    }
    if (
      localOffset + 30 > data.length ||
      data.readUInt32LE(localOffset) !== LOCAL
    ) {
      throw broken(`bad local header of "${path}"`);
    }
    const start =
      localOffset +
      30 +
      data.readUInt16LE(localOffset + 26) +
      data.readUInt16LE(localOffset + 28);
    if (start + compressed > data.length)
      throw broken(`"${path}" is truncated`);
    const body = data.subarray(start, start + compressed);
    let content: Buffer;
    if (method === 0) {
      content = body;
    } else {
      try {
        // Stops inflating as soon as the output passes what the entry may have.
        content = await inflateRaw(body, {
          maxOutputLength: allowance.bytes + 1,
        });
      } catch (e) {
        if (isTooLarge(e)) {
          if (allowance.total) throw budget.tooLarge(path);
          throw refused(
            path,
            `it expands to more than ${MiB(limits.maxEntryBytes)}`,
          );
        }
        throw refused(path, `it cannot be inflated (${(e as Error).message})`);
      }
    }
    budget.add(path, content.length);
    files.push({ path, data: content });
  }
  return files;
}

// ---- tar.gz ----

const BLOCK = 512;

function cString(block: Buffer, start: number, length: number) {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.toString('utf8', 0, end < 0 ? length : end);
}

function octal(block: Buffer, start: number, length: number): number {
  if (block[start] & 0x80) return Number.MAX_SAFE_INTEGER; // base-256: huge
  const text = cString(block, start, length).trim();
  return text ? parseInt(text, 8) : 0;
}

function checksumOk(block: Buffer) {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) {
    sum += i >= 148 && i < 156 ? 32 : block[i];
  }
  return octal(block, 148, 8) === sum;
}

/** The `path` record of a pax extended header. */
function paxPath(data: Buffer): string | undefined {
  let p = 0;
  let path: string | undefined;
  while (p < data.length) {
    const space = data.indexOf(0x20, p);
    if (space < 0) break;
    const length = parseInt(data.toString('utf8', p, space), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = data.toString('utf8', space + 1, p + length - 1);
    const eq = record.indexOf('=');
    if (record.slice(0, eq) === 'path') path = record.slice(eq + 1);
    p += length;
  }
  return path;
}

async function readTarGz(
  data: Buffer,
  limits: ArchiveLimits,
): Promise<ArchiveFile[]> {
  // Headers and padding come on top of the entries: at most 2 KiB per entry.
  const cap = limits.maxExpandedBytes + (limits.maxEntries + 2) * 2048;
  let tar: Buffer;
  try {
    tar = await gunzip(data, { maxOutputLength: cap });
  } catch (e) {
    if (isTooLarge(e)) {
      throw new InputError(
        `The archive expands to more than ${MiB(limits.maxExpandedBytes)}`,
      );
    }
    throw new InputError(
      `The gzip archive is not readable: ${(e as Error).message}`,
    );
  }
  const broken = (why: string) =>
    new InputError(`The tar archive is not readable: ${why}`);
  const budget = new Budget(limits);
  const files: ArchiveFile[] = [];
  let offset = 0;
  let longName: string | undefined;
  let pax: string | undefined;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every(b => b === 0)) break;
    if (!checksumOk(header)) {
      throw broken(`bad header checksum at byte ${offset}`);
    }
    const size = octal(header, 124, 12);
    const type = header[156] === 0 ? '0' : String.fromCharCode(header[156]);
    let name = cString(header, 0, 100);
    if (cString(header, 257, 5) === 'ustar') {
      const prefix = cString(header, 345, 155);
      if (prefix) name = `${prefix}/${name}`;
    }
    const start = offset + BLOCK;
    if (size > tar.length - start) {
      throw broken(`entry "${name.slice(0, 300)}" is truncated`);
    }
    const body = tar.subarray(start, start + size);
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x' || type === 'L' || type === 'K' || type === 'g') {
      if (size > 64 * 1024) throw broken('an extended header is too large');
      if (type === 'x') pax = paxPath(body);
      if (type === 'L') longName = cString(body, 0, body.length);
      continue;
    }
    name = pax ?? longName ?? name;
    pax = undefined;
    longName = undefined;
    budget.entry();
    const path = safeEntryPath(name);
    if (type === '1') throw refused(path, 'hard links are refused');
    if (type === '2') throw refused(path, 'symbolic links are refused');
    if (type === '3' || type === '4' || type === '6') {
      throw refused(path, 'devices and FIFOs are refused');
    }
    if (type === '5') continue;
    if (type !== '0' && type !== '7') {
      throw refused(path, `entries of type "${type}" are not supported`);
    }
    budget.add(path, size);
    files.push(
      isManifestPath(path) ? { path, data: Buffer.from(body) } : { path },
    );
  }
  return files;
}

/** A tar.gz of the files (regular files, mode 0644, pax headers for long paths). */
export async function writeTarGz(
  files: Array<{ path: string; text: string }>,
  mtime: Date,
): Promise<Buffer> {
  const blocks: Buffer[] = [];
  const seconds = Math.floor(mtime.getTime() / 1000);
  const header = (name: string, size: number, type: string) => {
    const h = Buffer.alloc(BLOCK);
    h.write(name.slice(0, 100), 0, 'utf8');
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
    h.write(`${seconds.toString(8).padStart(11, '0')}\0`, 136);
    h.write('        ', 148);
    h.write(type, 156);
    h.write('ustar\0', 257);
    h.write('00', 263);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += h[i];
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    return h;
  };
  const pad = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
  const add = (name: string, body: Buffer, type: string) => {
    blocks.push(header(name, body.length, type), body, pad(body.length));
  };
  for (const file of files) {
    const body = Buffer.from(file.text, 'utf8');
    if (Buffer.byteLength(file.path) > 100) {
      // A pax record: "<length> path=<path>\n", the length counting itself.
      const rest = ` path=${file.path}\n`;
      const restLength = Buffer.byteLength(rest);
      let length = restLength + 1;
      while (restLength + String(length).length !== length) {
        length = restLength + String(length).length;
      }
      add('PaxHeader', Buffer.from(`${length}${rest}`, 'utf8'), 'x');
    }
    add(file.path, body, '0');
  }
  blocks.push(Buffer.alloc(BLOCK * 2));
  return gzip(Buffer.concat(blocks));
}
