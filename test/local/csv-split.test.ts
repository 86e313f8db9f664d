// A big coded CSV file read in two parts at once (csv-tail.ts): the second part's rows, appended, give the
// same table as one read, wherever the file is cut, and every way the second part can fail falls back to it.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CellTable } from "../../src/core/types";
import { type CsvTable, readCsvTable } from "../../src/local/workbook/csv";
import type { ParsedPart } from "../../src/local/workbook/csv-parser";
import {
  readCsvTail,
  type SplitRead,
  type TailReader,
  workerReader,
} from "../../src/local/workbook/csv-tail";
import { csvText } from "./csv-text";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "leadscore-csv-split-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** What happened to the second parts a reader started. */
interface Started {
  read: number;
  cancelled: number;
}

/** Reads the second part in this thread (its reads interleave with the first part's). */
function inThisThread(started: Started): TailReader {
  return (request) => {
    const tail = readCsvTail(request);
    tail.part.then(() => started.read++);
    return { ...tail, cancel: () => started.cancelled++ };
  };
}

const inOnePart: SplitRead = { reader: () => null, minBytes: Number.POSITIVE_INFINITY, share: 0 };
const cutAt = (share: number, reader: TailReader): SplitRead => ({ reader, minBytes: 0, share });

/** Instants as numbers, NaN (none) read as null, so that toEqual compares them. */
function instantsOf(table: CellTable, c: number): (number | null)[] {
  const instants = table.instants?.(c);
  return Array.from({ length: table.length }, (_, r) => {
    const t = instants?.[r];
    return t === undefined || Number.isNaN(t) ? null : t;
  });
}

/** The same cells, malformed quotes and instants as one read; and its codes name each coded row's cell. */
function expectSameTable(two: CsvTable, one: CsvTable): void {
  expect(two.values).toEqual(one.values);
  expect(two.malformed).toEqual(one.malformed);
  const table = two.table!;
  expect(table.length).toBe(one.table!.length);
  const width = one.values[0]?.length ?? 0;
  for (let c = 0; c < width; c++) {
    expect(instantsOf(table, c)).toEqual(instantsOf(one.table!, c));
    const coded = table.codes?.(c);
    if (!coded) continue;
    for (let r = 0; r < coded.codes.length; r++)
      if (coded.codes[r] > 0) expect(coded.values[coded.codes[r] - 1]).toBe(table.cell(r, c));
  }
}

/** Rows of a log: a unique timestamp, one of 5,000 emails (so coded), one of 7 events, a number. */
function logText(rows: number, timestamp = (i: number) => `2024-01-01T00:00:${String(i).padStart(6, "0")}Z`) {
  const lines = ["Timestamp,Email,Event,N"];
  for (let i = 0; i < rows; i++) lines.push(`${timestamp(i)},u${i % 5000}@example.com,Visit ${i % 7},${i}`);
  return `${lines.join("\n")}\n`;
}

describe("CSV reader, in two parts", () => {
  it("gives the table of one read wherever the file is cut, whatever the chunk size", async () => {
    // Coded keys and ISO timestamps before any text: the random part has quoted line breaks (a cut inside
    // one falls back to one read), malformed quotes, blank and ragged rows.
    const started: Started = { read: 0, cancelled: 0 };
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        csvText,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 16, max: 4096 }),
        async (text, share, chunk) => {
          const keys = Array.from({ length: 400 }, (_, i) =>
            i % 7 ? `k${i % 150},2024-05-0${1 + (i % 9)}T10:00:00Z` : `"k${i % 150}","x"`,
          );
          const file = join(dir, `s${n++}.csv`);
          await writeFile(file, `Key,When\n${text}\n${keys.join("\n")}\n${text}`, "utf8");
          const one = await readCsvTable(file, chunk, true, inOnePart);
          expectSameTable(await readCsvTable(file, chunk, true, cutAt(share, inThisThread(started))), one);
        },
      ),
      { numRuns: 150 },
    );
    expect(started.read).toBeGreaterThan(50); // most cuts fell between rows: their parts were appended
  });

  it("codes a key column of the second part until the first part's reader gives it up", async () => {
    // Every N of the part is new to it, which makes a reader of the whole file give the column up; the
    // timestamps are given up by the reader of the first part (told before any row of this part is read).
    const file = join(dir, "tail.csv");
    await writeFile(file, logText(20_000));
    const tail = readCsvTail({
      file,
      from: "Timestamp,Email,Event,N\n".length,
      delimiter: 44,
      encoding: "UTF-8",
      givenUp: [],
    });
    tail.giveUp(0);
    const part = await tail.part;
    expect(part.rows).toBe(20_000);
    expect(part.gaveUp).toEqual([true, false, false, false]);
    expect(part.distinct[1]?.ends.length).toBe(5000);
    expect(part.distinct[3]?.ends.length).toBeGreaterThan(16_384); // N: unique, kept coding
  });

  it("appends a log's second part: timestamps given up, emails coded, as in one read", async () => {
    const file = join(dir, "log.csv");
    await writeFile(file, logText(100_000));
    const started: Started = { read: 0, cancelled: 0 };
    const one = await readCsvTable(file, undefined, true, inOnePart);
    const two = await readCsvTable(file, undefined, true, cutAt(0.4, inThisThread(started)));
    expect(started).toEqual({ read: 1, cancelled: 1 });
    expectSameTable(two, one);
    for (const table of [one, two]) {
      expect(table.table?.codes?.(0)).toBeNull(); // the timestamps, past caching
      const emails = table.table?.codes?.(1);
      expect(emails?.codes.every((code) => code > 0)).toBe(true);
      expect(emails?.values).toContain("u4999@example.com");
    }
  });

  it("tells the second part's reader as it starts which columns the first row gave up", async () => {
    // A reader deaf to messages: what it gives up it learnt from its request. A message can come late (the
    // first part's first rows wait behind other tabs' chunks), after thousands of timestamps were coded.
    const file = join(dir, "utc-log.csv");
    await writeFile(
      file,
      logText(100_000, (i) => new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString()),
    );
    let part: ParsedPart | undefined;
    const deaf: TailReader = (request) => {
      const tail = readCsvTail(request);
      tail.part.then((p) => {
        part = p;
      });
      return { part: tail.part, giveUp: () => {}, cancel: () => {} };
    };
    const one = await readCsvTable(file, undefined, true, inOnePart);
    expectSameTable(await readCsvTable(file, undefined, true, cutAt(0.4, deaf)), one);
    expect(part?.gaveUp).toEqual([true, false, false, false]);
    expect(part?.distinct[0]).toBeNull(); // not one timestamp coded
  });

  it("reads the second part on a worker thread (the bundle's)", async () => {
    const file = join(dir, "log.csv");
    await writeFile(file, logText(100_000));
    const worker = workerReader(new URL("../../build/csv-tail-worker.js", import.meta.url)); // npm test builds it
    let posted = false;
    const reader: TailReader = (request) => {
      const tail = worker(request);
      expect(tail).not.toBeNull();
      tail?.part.then(() => {
        posted = true;
      });
      return tail;
    };
    const one = await readCsvTable(file, undefined, true, inOnePart);
    expectSameTable(await readCsvTable(file, undefined, true, cutAt(0.5, reader)), one);
    expect(posted).toBe(true);
  });

  it("reads on in one part where the cut is inside a row, the reader fails, or instants differ in form", async () => {
    const quoted = `Key,Note\nk1,"${"line\n".repeat(2000)}"\n${"k2,x\n".repeat(100)}`;
    // Unique timestamps (so kept as instants), with milliseconds before the cut and without after it.
    const mixed = logText(40_000, (i) => {
      const iso = new Date(Date.UTC(2024, 0, 1) + i * 1001).toISOString();
      return i < 20_000 ? iso : `${iso.slice(0, 19)}Z`;
    });
    const failing: TailReader = () => ({
      part: Promise.reject(new Error("no thread")),
      giveUp: () => {},
      cancel: () => {},
    });
    // The second part keeps its timestamps as instants from its first row (told at once).
    const instantly: TailReader = (request) => {
      const tail = readCsvTail(request);
      tail.giveUp(0);
      return { ...tail, cancel: () => {} };
    };
    for (const [text, share, reader] of [
      [quoted, 0.5, inThisThread({ read: 0, cancelled: 0 })],
      [logText(4000), 0.5, failing],
      [mixed, 0.75, instantly],
    ] as const) {
      const file = join(dir, "fallback.csv");
      await writeFile(file, text);
      const one = await readCsvTable(file, 4096, true, inOnePart);
      expectSameTable(await readCsvTable(file, 4096, true, cutAt(share, reader)), one);
    }
  });
});
