// A big coded CSV file read in two parts at once: readCsvTable parses the part before a line end while a
// worker thread parses the part after it, whose rows it then appends (CsvBytesParser.append). On the
// CLI's million-row Activity Log this overlaps most of the read with the Leads tab's and the log's first
// part, on a machine's second core.
import { existsSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { Worker } from "node:worker_threads";
import { decodeFor } from "./csv-cells";
import { parseFile } from "./csv-chunks";
import { CsvBytesParser, type ParsedPart } from "./csv-parser";

/** The part of a file from `from` (just after a "\n") to its end, in an ASCII-compatible encoding. */
export interface TailRequest {
  file: string;
  from: number;
  delimiter: number;
  encoding: "UTF-8" | "Windows-1252";
  /** Columns the first part's reader gives up at its first row (firstRowGiveUps): given up from the start. */
  givenUp: readonly number[];
}

/** A part being read: its rows once read, and a way to stop reading (the caller reads them itself). */
export interface TailRead {
  part: Promise<ParsedPart>;
  /** The first part's parser gave up coding this column (see CsvBytesParser.follows). */
  giveUp(column: number): void;
  cancel(): void;
}

/** Starts reading a part alongside the caller, or null where it cannot. */
export type TailReader = (request: TailRequest) => TailRead | null;

/** When to read a file in two parts, and who reads the second. */
export interface SplitRead {
  reader: TailReader;
  /** Files smaller than this are read in one part (a worker's start costs more than it saves). */
  minBytes: number;
  /** The first part's share of the file's bytes. */
  share: number;
}

/** Parses the part (see TailRequest) as a coded parser reading the whole file would, in this thread. */
export function readCsvTail(request: TailRequest): Omit<TailRead, "cancel"> {
  const parser = new CsvBytesParser(request.delimiter, decodeFor(request.encoding), false, true);
  parser.follows = true;
  for (const column of request.givenUp) parser.giveUp(column);
  const part = (async () => {
    const handle = await open(request.file, "r");
    try {
      await parseFile(handle, parser, request.from);
      return parser.part();
    } finally {
      await handle.close();
    }
  })();
  return { part, giveUp: (column) => parser.giveUp(column) };
}

/** Reads the part on a worker thread running `worker` (csv-tail-worker.ts, bundled); null where there is none. */
export function workerReader(worker: URL): TailReader {
  return (request) => {
    if (!existsSync(worker)) return null;
    const thread = new Worker(worker, { workerData: request });
    const part = new Promise<ParsedPart>((resolve, reject) => {
      thread.once("message", resolve);
      thread.once("error", reject);
      thread.once("exit", (code) => reject(new Error(`the CSV reader thread exited with code ${code}`)));
    });
    return {
      part,
      giveUp: (column) => thread.postMessage(column),
      cancel: () => {
        part.catch(() => {}); // stopped on purpose: its rows are read by the caller
        void thread.terminate();
      },
    };
  };
}

// The worker is bundled beside the CLI and the local runtime (build/). Elsewhere (the sources, which tests
// run; the benches in build/bench/) there is none, and files are read in one part.
export const SPLIT: SplitRead = {
  reader: workerReader(new URL("./csv-tail-worker.js", import.meta.url)),
  // Starting the thread takes 60–80 ms of a core, which a smaller file does not win back: in alternated
  // runs of `leadscore score`, a 17 MB log took 65 ms longer in two parts, 26 MB as long, 35 MB 30–60 ms less.
  minBytes: 32 << 20,
  share: 0.45,
};

/**
 * Starts reading the file's second part (from the first line end after `share` of its bytes) and returns
 * where it starts, or null when the file is read in one part.
 */
export async function startTail(
  handle: FileHandle,
  request: Omit<TailRequest, "from">,
  split: SplitRead,
): Promise<{ from: number; read: TailRead } | null> {
  const { size } = await handle.stat();
  if (size < split.minBytes) return null;
  const at = Math.floor(size * split.share);
  const window = Buffer.allocUnsafe(1 << 16);
  const { bytesRead } = await handle.read(window, 0, window.length, at);
  const line = window.subarray(0, bytesRead).indexOf(10);
  const from = at + line + 1;
  if (line < 0 || from >= size) return null;
  const read = split.reader({ ...request, from });
  return read && { from, read };
}
