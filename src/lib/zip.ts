/**
 * A streaming ZIP writer for exports: deflate through the platform's CompressionStream, stored when
 * deflate does not help. Enough of the format for every unzip tool: local headers, central
 * directory, UTF-8 names. No ZIP64, so an archive stays under 4 GiB (exports are far smaller).
 *
 * Entries are written one at a time as the reader pulls: an entry's bytes may be a function that
 * reads them only then, so an archive of any number of entries holds one entry (raw and deflated)
 * and the central directory in memory, never the whole archive (a Worker has 128 MB; a project of
 * 500 artifacts or an account with many 5 MiB images would not fit). Hand-written rather than a
 * library: the format part is a hundred lines, and deflate is the platform's own.
 */

let crcTable: Uint32Array | undefined;

export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

async function deflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export interface ZipEntry {
  name: string;
  /** The bytes, or a function that reads them when the entry is written (one entry held at a time). */
  data: Uint8Array | string | (() => Promise<Uint8Array | string>);
  /**
   * Already compressed (a PNG, JPEG, WebP or GIF): stored as is. Deflating it saves nothing and
   * costs a copy and the CPU of a pass over its bytes.
   */
  store?: boolean;
}

/** DOS date and time, which ZIP headers use. */
function dosDateTime(d: Date) {
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

const enc = new TextEncoder();

const bytesOf = async (data: ZipEntry["data"]): Promise<Uint8Array> => {
  const value = typeof data === "function" ? await data() : data;
  return typeof value === "string" ? enc.encode(value) : value;
};

/** The archive's chunks in order: each entry's header and body, then the central directory. */
async function* chunks(
  entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>,
  now: Date,
): AsyncGenerator<Uint8Array> {
  const { time, date } = dosDateTime(now);
  const central: Uint8Array[] = [];
  let offset = 0;
  let count = 0;
  for await (const entry of entries) {
    const name = enc.encode(entry.name);
    const raw = await bytesOf(entry.data);
    const deflated = entry.store ? raw : await deflateRaw(raw);
    const useDeflate = deflated.byteLength < raw.byteLength;
    const body = useDeflate ? deflated : raw;
    const crc = crc32(raw);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true); // version needed
    local.setUint16(6, 0x0800, true); // UTF-8 names
    local.setUint16(8, useDeflate ? 8 : 0, true);
    local.setUint16(10, time, true);
    local.setUint16(12, date, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, body.byteLength, true);
    local.setUint32(22, raw.byteLength, true);
    local.setUint16(26, name.byteLength, true);
    yield new Uint8Array(local.buffer);
    yield name;
    yield body;
    const dir = new DataView(new ArrayBuffer(46));
    dir.setUint32(0, 0x02014b50, true);
    dir.setUint16(4, 20, true);
    dir.setUint16(6, 20, true);
    dir.setUint16(8, 0x0800, true);
    dir.setUint16(10, useDeflate ? 8 : 0, true);
    dir.setUint16(12, time, true);
    dir.setUint16(14, date, true);
    dir.setUint32(16, crc, true);
    dir.setUint32(20, body.byteLength, true);
    dir.setUint32(24, raw.byteLength, true);
    dir.setUint16(28, name.byteLength, true);
    dir.setUint32(42, offset, true);
    central.push(new Uint8Array(dir.buffer), name);
    offset += 30 + name.byteLength + body.byteLength;
    count++;
  }
  const centralSize = central.reduce((n, p) => n + p.byteLength, 0);
  yield* central;
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, count, true);
  end.setUint16(10, count, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  yield new Uint8Array(end.buffer);
}

/**
 * The archive as a stream, written as it is read: the next entry is read only once the reader has
 * taken the previous one (pull), so a slow client holds the writer back rather than filling memory.
 */
export function zipStream(
  entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>,
  now = new Date(),
): ReadableStream<Uint8Array> {
  const it = chunks(entries, now);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // An empty chunk (an empty file's body) would stall a Response body in workerd: skip it.
        let next = await it.next();
        while (!next.done && next.value.byteLength === 0) next = await it.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await it.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

/** The whole archive in memory: for small ones (tests, a handful of entries). */
export async function zip(entries: ZipEntry[], now = new Date()): Promise<Uint8Array> {
  return new Uint8Array(await new Response(zipStream(entries, now)).arrayBuffer());
}
