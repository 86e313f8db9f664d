// Feeds a CSV file's bytes to a CsvBytesParser a chunk at a time, so that no file is ever held whole.
import type { FileHandle } from "node:fs/promises";
import type { CsvBytesParser } from "./csv-parser";

export const CHUNK = 1 << 20;

/**
 * Parses the file's bytes from offset `from` to its end. `transcode`: turns each chunk into UTF-8 first
 * (UTF-16 files). `stopAt` (a file offset just after a "\n"): stop there if a row ends there and return
 * true; if the offset falls inside a row (a quoted field with a line break), read on to the end (false).
 */
export async function parseFile(
  handle: FileHandle,
  parser: CsvBytesParser,
  from: number,
  chunkBytes = CHUNK,
  transcode?: (raw: Buffer, last: boolean) => Buffer,
  stopAt = -1,
): Promise<boolean> {
  // Two read buffers: the next chunk is read while this one is parsed (a read from the page cache
  // still waits for the thread pool, which otherwise idled the parser for a good part of the run).
  const size = Math.max(2, chunkBytes);
  const raws = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
  let which = 0;
  let position = from;
  let reading = handle.read(raws[0], 0, size, position);
  let buf: Buffer<ArrayBuffer> = Buffer.allocUnsafe(size);
  let filled = 0;
  try {
    for (;;) {
      const { bytesRead } = await reading;
      const raw = raws[which].subarray(0, bytesRead);
      position += bytesRead;
      const last = bytesRead === 0;
      if (!last) {
        which ^= 1;
        reading = handle.read(raws[which], 0, size, position);
      }
      const bytes = transcode ? transcode(raw, last) : raw;
      if (filled + bytes.length > buf.length)
        buf = grown(buf, filled, Math.max(buf.length * 2, filled + bytes.length));
      bytes.copy(buf, filled);
      filled += bytes.length;
      // buf holds the file's bytes [position - filled, position); a row ending at stopAt is complete once
      // the byte at stopAt is in view (see parse).
      const stopping = stopAt >= 0 && position > stopAt;
      const end = stopping ? stopAt + 1 - (position - filled) : filled;
      const used = parser.parse(buf, end, last && !stopping);
      if (stopping) {
        if (used === end - 1) return true;
        stopAt = -1; // the offset is inside a row: read on
      } else if (last) return false;
      buf.copy(buf, 0, used, filled);
      filled -= used;
    }
  } finally {
    await reading.catch(() => {}); // a read still in flight when parsing threw or stopped
  }
}

/** A bigger buffer holding buf[0, filled) (one row longer than the buffer, or a transcoded chunk). */
function grown(buf: Buffer, filled: number, size: number): Buffer<ArrayBuffer> {
  const bigger = Buffer.allocUnsafe(size);
  buf.copy(bigger, 0, 0, filled);
  return bigger;
}
