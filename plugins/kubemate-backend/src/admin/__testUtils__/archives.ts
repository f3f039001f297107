import * as zlib from 'node:zlib';

/** Test-only: an entry of a built archive. */
export interface TestEntry {
  path: string;
  data?: string | Buffer;
  /** tar type flag ('0' file, '1' hard link, '2' symlink, '3' char device, '5' dir). */
  tarType?: string;
  /** zip: the unix mode in the external attributes (e.g. 0o120777 for a symlink). */
  unixMode?: number;
  /** zip: store instead of deflate. */
  stored?: boolean;
}

const bytes = (d: string | Buffer | undefined) =>
  Buffer.isBuffer(d) ? d : Buffer.from(d ?? '', 'utf8');

/** Test-only: a zip archive of the entries (deflated unless `stored`). */
export function buildZip(entries: TestEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = bytes(e.data);
    const body = e.stored ? data : zlib.deflateRawSync(data);
    const name = Buffer.from(e.path, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.stored ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.stored ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((e.unixMode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** Test-only: a tar.gz of the entries (ustar headers, names up to 100 bytes). */
export function buildTarGz(entries: TestEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = bytes(e.data);
    const h = Buffer.alloc(512);
    h.write(e.path, 0, 100, 'utf8');
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    h.write('00000000000\0', 136);
    h.write('        ', 148);
    h.write(e.tarType ?? '0', 156);
    if (e.tarType === '1' || e.tarType === '2') h.write('target.yaml', 157);
    h.write('ustar\0', 257);
    h.write('00', 263);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += h[i];
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return zlib.gzipSync(Buffer.concat(blocks));
}

/** Test-only: the regular files of a tar.gz, by path. */
export function tarGzFiles(archive: Buffer): Record<string, string> {
  const tar = zlib.gunzipSync(archive);
  const files: Record<string, string> = {};
  let offset = 0;
  let pax: string | undefined;
  while (offset + 512 <= tar.length) {
    const h = tar.subarray(offset, offset + 512);
    if (h.every(b => b === 0)) break;
    const field = (s: number, l: number) => {
      const f = h.subarray(s, s + l);
      const z = f.indexOf(0);
      return f.toString('utf8', 0, z < 0 ? l : z);
    };
    const size = parseInt(field(124, 12).trim(), 8);
    const type = String.fromCharCode(h[156]);
    const body = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      pax = /path=(.*)\n/.exec(body.toString('utf8'))?.[1];
      continue;
    }
    files[pax ?? field(0, 100)] = body.toString('utf8');
    pax = undefined;
  }
  return files;
}
