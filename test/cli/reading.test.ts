// `leadscore score` reads CSV files as Excel saves them (Windows-1252, UTF-16, semicolons), says how it
// read each one that is not UTF-8 with commas, and reports a malformed quote without losing the rows after it.
import { describe, expect, it } from "vitest";
import { findColumn } from "../../src/core/headers";
import { parseCsv } from "../../src/local/workbook";
import { runCli, workbook } from "./run-cli";

const TEXT = "Email,Name,Company\nzoe@x.com,Zoë Müller,Café Acme\nbob@x.com,Bob,Other\n";

async function scored(leads: string | Uint8Array) {
  const result = await runCli(["score", workbook({ "Leads.csv": leads }), "--as-of", "2026-10-20"]);
  expect(result.code, result.stderr).toBe(0);
  const table = parseCsv(result.stdout);
  const col = (h: string) => findColumn(table[0], h);
  return { ...result, table, rows: table.slice(1).map((r) => [r[col("Name")], r[col("Score")]]) };
}

const want = [
  ["Zoë Müller", 10],
  ["Bob", 0],
];

describe("reading CSV files", () => {
  it("reads Windows-1252 text and says so", async () => {
    const bytes = Uint8Array.from(TEXT, (ch) => ({ ë: 0xeb, ü: 0xfc, é: 0xe9 })[ch] ?? ch.charCodeAt(0));
    const { rows, stderr } = await scored(bytes);
    expect(rows).toEqual(want);
    expect(stderr).toContain(`Leads.csv: read as Windows-1252, delimiter ','`);
  });

  it("reads UTF-16 LE with a BOM and says so", async () => {
    const { rows, stderr } = await scored(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, "utf16le")]),
    );
    expect(rows).toEqual(want);
    expect(stderr).toContain(`Leads.csv: read as UTF-16LE, delimiter ','`);
  });

  it("reads a semicolon-delimited file and says so", async () => {
    const { rows, stderr } = await scored(`\uFEFF${TEXT.replace(/,/g, ";")}`);
    expect(rows).toEqual(want);
    expect(stderr).toContain(`Leads.csv: read as UTF-8, delimiter ';'`);
  });

  it("says nothing about a plain UTF-8 comma file", async () => {
    const { rows, stderr } = await scored(TEXT);
    expect(rows).toEqual(want);
    expect(stderr).not.toContain("read as");
  });

  it("reports an unterminated quote with its row, and reads the rows after it", async () => {
    const { table, stderr } = await scored(
      'Email,Name,Company\nann@x.com,"Ann,Acme\nbob@x.com,Bob,Acme\ncy@x.com,Cy,Other\n',
    );
    expect(stderr).toMatch(
      /warning: Leads, row 2, column "Name": Leads\.csv: the quote that opens this cell is not closed on its line.* Fix: Close the quote in row 2 of Leads\.csv/,
    );
    expect(table.slice(1).map((r) => r.slice(0, 4))).toEqual([
      ["ann@x.com", '"Ann', "Acme", 10],
      ["bob@x.com", "Bob", "Acme", 10],
      ["cy@x.com", "Cy", "Other", 0],
    ]);
  });
});
