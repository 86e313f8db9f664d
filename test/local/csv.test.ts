// The chunked byte-level CSV reader against a plain one-pass string parser (the definition it replaces):
// same cells for any text, whatever the chunk size, and repeated values shared without changing them.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CellValue } from "../../src/core/types";
import { parseCsv, readCsvTable } from "../../src/local/workbook/csv";
import { typeCsvCell } from "../../src/local/workbook/csv-cells";
import { csvText } from "./csv-text";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "leadscore-csv-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The reference: RFC 4180 over a string, one field at a time (the reader before it went byte-level). */
function referenceParse(text: string): CellValue[][] {
  const rows = parseCsvRows<CellValue>(text, typeCsvCell);
  let width = 0;
  for (const row of rows) if (row.length > width) width = row.length;
  for (const row of rows) while (row.length < width) row.push("");
  return rows;
}

function parseCsvRows<T>(text: string, cell: (field: string) => T): T[][] {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const rows: T[][] = [];
  if (i >= n) return rows;
  let row: T[] = [];
  for (;;) {
    let field = "";
    let quoted = text.charCodeAt(i) === 34;
    if (quoted) {
      // Quoted field: copy runs between quotes, "" is a quote. A quote never closed, or closed before
      // other text, did not open a quoted field: the field is then plain text (below).
      let start = i + 1;
      field = "";
      let end = -1;
      for (;;) {
        const q = text.indexOf('"', start);
        if (q < 0) break;
        if (text.charCodeAt(q + 1) === 34) {
          field += text.slice(start, q + 1);
          start = q + 2;
          continue;
        }
        field += text.slice(start, q);
        end = q + 1;
        break;
      }
      const next = text.charCodeAt(end);
      if (end >= 0 && (end === n || next === 44 || next === 10 || next === 13)) i = end;
      else quoted = false;
    }
    if (!quoted) {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 10 || c === 13) break;
        j++;
      }
      field = text.slice(i, j);
      i = j;
    }
    row.push(cell(field));
    if (i < n && text.charCodeAt(i) === 44) {
      i++;
      continue; // another field follows (possibly an empty one at the end of the line or text)
    }
    rows.push(row);
    row = [];
    if (i < n && text.charCodeAt(i) === 13) i++;
    if (i < n && text.charCodeAt(i) === 10) i++;
    if (i >= n) break;
  }
  return rows;
}

const withBom = fc.tuple(fc.boolean(), csvText).map(([bom, text]) => (bom ? "\uFEFF" + text : text));

describe("CSV reader", () => {
  it("parseCsv gives the reference's cells for any text", () => {
    fc.assert(
      fc.property(withBom, (text) => {
        expect(parseCsv(text)).toEqual(referenceParse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("readCsvTable gives the same cells whatever the chunk size", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(withBom, fc.integer({ min: 1, max: 9 }), async (text, chunk) => {
        const file = join(dir, `t${n++}.csv`);
        await writeFile(file, text, "utf8");
        expect((await readCsvTable(file, chunk)).values).toEqual(referenceParse(text));
      }),
      { numRuns: 300 },
    );
  });

  it("codes name each row's cell in a coded read, whatever the chunk size", async () => {
    // A column of 300 keys, a few quoted, beside any text: rows of the random
    // part are longer, shorter, blank or malformed, and their fields escaped or not.
    let n = 0;
    await fc.assert(
      fc.asyncProperty(csvText, fc.integer({ min: 16, max: 4096 }), async (text, chunk) => {
        const keys = Array.from({ length: 600 }, (_, i) => (i % 7 ? `k${i % 300},x` : `"k${i % 300}","y"`));
        const file = join(dir, `c${n++}.csv`);
        await writeFile(file, `Key,Other\n${keys.join("\n")}\n${text}`, "utf8");
        const table = await readCsvTable(file, chunk, true);
        const coded = table.table?.codes?.(0);
        expect(coded).toBeTruthy();
        expect(table.table?.codes?.(1)?.values).toContain("x");
        const { codes, values } = coded!;
        expect(codes.length).toBeLessThanOrEqual(table.values.length);
        for (let r = 0; r < codes.length; r++)
          if (codes[r] > 0) expect(values[codes[r] - 1]).toBe(table.values[r][0]);
        for (let r = 1; r <= 600; r++) expect(codes[r]).toBeGreaterThan(0);
        expect(values.length).toBeGreaterThanOrEqual(301); // "Key" and k0..k299
        expect(table.values).toEqual((await readCsvTable(file, chunk)).values);
      }),
      { numRuns: 30 },
    );
  });

  it("reads UTF-16 (LE or BE, with a BOM) the same, whatever the chunk size", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(csvText, fc.boolean(), fc.integer({ min: 1, max: 9 }), async (text, le, chunk) => {
        const file = join(dir, `u${n++}.csv`);
        const utf16le = Buffer.from(`\uFEFF${text}`, "utf16le");
        await writeFile(file, le ? utf16le : utf16le.swap16());
        const table = await readCsvTable(file, chunk);
        expect(table.format.encoding).toBe(le ? "UTF-16LE" : "UTF-16BE");
        // The BOM is the encoding's; a "\uFEFF" after it is text, as the reference reads a UTF-8 file.
        expect(table.values).toEqual(referenceParse(`\uFEFF${text}`));
      }),
      { numRuns: 200 },
    );
  });

  it("reads Windows-1252 when the bytes are not UTF-8, whatever the chunk size", async () => {
    // Bytes from the Windows-1252 code chart (0x80–0x9F is where it differs from Latin-1).
    const cp1252 = new Map([..."é€ßÜ“"].map((ch, i) => [ch, [0xe9, 0x80, 0xdf, 0xdc, 0x93][i]]));
    const western = fc
      .array(fc.constantFrom("a", ",", '"', "\n", "\r\n", "1", "é", "€", "ß", "Ü", "“"), { maxLength: 30 })
      .map((parts) => `é\n${parts.join("")}`); // "é" then a line end is not UTF-8
    let n = 0;
    await fc.assert(
      fc.asyncProperty(western, fc.integer({ min: 1, max: 9 }), async (text, chunk) => {
        const file = join(dir, `w${n++}.csv`);
        await writeFile(
          file,
          Uint8Array.from(text, (ch) => cp1252.get(ch) ?? ch.charCodeAt(0)),
        );
        const table = await readCsvTable(file, chunk);
        expect(table.format).toEqual({ encoding: "Windows-1252", delimiter: "," });
        expect(table.values).toEqual(referenceParse(text));
        // Kept by column, its fields decoded when read: the same cells.
        expect((await readCsvTable(file, chunk, true)).values).toEqual(table.values);
      }),
      { numRuns: 200 },
    );
  });

  it("reads semicolon- and tab-delimited files by the delimiter of their first line", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(csvText, fc.constantFrom(";", "\t"), async (text, delimiter) => {
        const file = join(dir, `d${n++}.csv`);
        const commas = `a,b,c\n${text}`;
        await writeFile(file, commas.replace(/,/g, delimiter), "utf8");
        const table = await readCsvTable(file, 7);
        expect(table.format).toEqual({ encoding: "UTF-8", delimiter });
        // A quoted comma of the reference's text is a quoted delimiter in the file.
        const cells = referenceParse(commas).map((row) =>
          row.map((v) => (typeof v === "string" ? v.replace(/,/g, delimiter) : v)),
        );
        expect(table.values).toEqual(cells);
      }),
      { numRuns: 200 },
    );
  });

  it("reads a malformed quote as plain text and lists it once, whatever the chunk size", async () => {
    const file = join(dir, "quotes.csv");
    await writeFile(file, 'a,"b\nc,d\n"x"y,z\n"ok, fine",1\n');
    for (const chunk of [1, 2, 3, 5, 8, 1 << 20]) {
      const table = await readCsvTable(file, chunk);
      expect(table.values).toEqual([
        ["a", '"b'],
        ["c", "d"],
        ['"x"y', "z"],
        ["ok, fine", 1],
      ]);
      expect(table.malformed).toEqual([
        { row: 1, column: 2, unclosed: true },
        { row: 3, column: 1, unclosed: false },
      ]);
    }
  });

  it("gives UTC timestamps back as written when it keeps only their instants", async () => {
    // Each length of ISO text (the first read decides which keeps no bytes), near misses that stay bytes,
    // and enough distinct values that the column stops caching: its fields are then stored, not coded.
    for (const millis of [true, false]) {
      const lines = ["Timestamp,N"];
      for (let i = 0; i < 40_000; i++) {
        const iso = new Date(Date.UTC(1999, 11, 31) + i * 7_777_777).toISOString();
        const text = millis ? iso : `${iso.slice(0, 19)}Z`;
        const forms = [text, iso.replace("T", " "), `${text.slice(0, -1)}z`, "2024-02-30T00:00:00Z"];
        lines.push(`${i % 7 === 3 ? `"${forms[i % 4]}"` : forms[i % 4]},${i}`);
      }
      const file = join(dir, "instants.csv");
      await writeFile(file, lines.join("\n"), "utf8");
      const grid = (await readCsvTable(file, 4096)).values;
      const table = (await readCsvTable(file, 4096, true)).table!;
      for (let r = 0; r < grid.length; r++)
        if (table.cell(r, 0) !== grid[r][0]) expect(table.cell(r, 0)).toBe(grid[r][0]);
      const instants = table.instants?.(0);
      const ms = Date.UTC(1999, 11, 31) + 30_000 * 7_777_777;
      expect(instants?.[30_001]).toBe(millis ? ms : Math.floor(ms / 1000) * 1000);
      expect(Number.isNaN(instants?.[30_004] ?? 0)).toBe(true); // 2024-02-30
    }
  });

  it("codes a value once whether it was quoted or not, at every length", async () => {
    const words = ["a", "ab", "abc", "abcd", "abcde", "Stonegate Point Software"];
    const lines = ["Word"];
    for (let i = 0; i < 60; i++) {
      const w = words[i % words.length];
      lines.push(i % 4 < 2 ? `"${w}"` : w);
    }
    const file = join(dir, "quoted.csv");
    await writeFile(file, lines.join("\n"), "utf8");
    for (const chunk of [3, 7, 1 << 20]) {
      const table = (await readCsvTable(file, chunk, true)).table!;
      expect(table.codes?.(0)?.values).toEqual(["Word", ...words]);
    }
  });

  it("keeps a column of UTC times as instants from its first row, even where its times repeat", async () => {
    const lines = ["Timestamp,Event"];
    for (let i = 0; i < 50; i++) lines.push(`2024-01-0${1 + (i % 2)}T09:30:00Z,Visit ${i % 3}`);
    const file = join(dir, "times.csv");
    await writeFile(file, lines.join("\n"), "utf8");
    const grid = (await readCsvTable(file)).values;
    const table = (await readCsvTable(file, undefined, true)).table!;
    expect(table.codes?.(0)).toBeNull(); // not coded: every row has its instant
    expect(table.codes?.(1)?.values).toEqual(["Event", "Visit 0", "Visit 1", "Visit 2"]);
    const instants = table.instants?.(0);
    for (let r = 1; r < grid.length; r++) {
      expect(instants?.[r]).toBe(Date.parse(String(grid[r][0])));
      expect(table.cell(r, 0)).toBe(grid[r][0]);
    }
  });

  it("keeps values exact when a column stops caching (nearly all values distinct)", async () => {
    const lines = ["Timestamp,Email,Event,N"];
    for (let i = 0; i < 100_000; i++)
      lines.push(
        `2024-01-01T00:00:${String(i).padStart(6, "0")}Z,u${i % 5000}@example.com,Visit ${i % 7},${i}`,
      );
    const text = lines.join("\r\n");
    const file = join(dir, "many.csv");
    await writeFile(file, text, "utf8");
    const grid = (await readCsvTable(file, 4096)).values;
    expect(grid).toEqual(referenceParse(text));
    expect(grid[99_999 + 1]).toEqual(["2024-01-01T00:00:099999Z", "u4999@example.com", "Visit 4", 99_999]);
    // Kept by column: codes up to where a column stops caching, its fields' bytes after.
    const coded = await readCsvTable(file, 4096, true);
    const table = coded.table!;
    expect(table.length).toBe(grid.length);
    for (let r = 0; r < grid.length; r++)
      for (let c = 0; c < 4; c++)
        if (table.cell(r, c) !== grid[r][c]) expect(table.cell(r, c)).toBe(grid[r][c]);
    expect(table.codes?.(1)?.values).toContain("u4999@example.com");
    expect(table.codes?.(0)).toBeNull(); // the timestamps, past caching
  });
});
