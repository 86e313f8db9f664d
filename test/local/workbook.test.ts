// Workbook I/O: CSV folders and .xlsx files, cell typing, round trips, speed.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalRuntime } from "../../src/local/gas";
import {
  parseCsv,
  readCsvTable,
  readWorkbook,
  tabFileName,
  tabNameOf,
  toCsv,
  typeCsvCell,
  writeCsvTable,
  writeWorkbook,
} from "../../src/local/workbook";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "leadscore-wb-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const created = new Date("2024-01-05T09:30:00.000Z");
const tabs = [
  {
    name: "Leads",
    values: [
      ["Email", "Employees", "Converted", "Created", "Zip", "Phone", "Note"],
      ["ada@example.com", 120, true, created, "00123", "+1 555 0100", 'says "hi", then leaves'],
      ["bob@example.edu", 3.5, false, "", "", "", "line1\nline2"],
    ],
  },
  {
    name: "Scoring Matrix",
    values: [
      ["Group", "Points"],
      ["Fit", -10],
    ],
  },
];

describe("CSV cell typing", () => {
  it("types cells conservatively, as documented", () => {
    expect(typeCsvCell("")).toBe("");
    expect(typeCsvCell("42")).toBe(42);
    expect(typeCsvCell("-3.25")).toBe(-3.25);
    expect(typeCsvCell("1e+21")).toBe(1e21);
    expect(typeCsvCell("0.5")).toBe(0.5);
    expect(typeCsvCell("TRUE")).toBe(true);
    expect(typeCsvCell("false")).toBe(false);
    expect(typeCsvCell("True")).toBe(true);
    // Kept as text: leading zeros, grouping, plus signs, phone numbers, long IDs, ISO dates, spaces.
    for (const text of [
      "00123",
      "1,200",
      "+15550100",
      "+1 555 0100",
      "12345678901234567890",
      "2024-01-05",
      " 42",
      "1.",
      ".5",
      "yes",
      // An exponent that does not come back as written: 1e999 would be Infinity, 1e308 "1e+308".
      "1e999",
      "1e308",
      "2E5",
    ]) {
      expect(typeCsvCell(text)).toBe(text);
    }
  });

  it("parses quotes, embedded newlines, BOM, ragged rows and a final newline", () => {
    const grid = parseCsv('\uFEFFa,b,c\n"x, y","say ""hi""","1\n2"\n3\n');
    expect(grid).toEqual([
      ["a", "b", "c"],
      ["x, y", 'say "hi"', "1\n2"],
      [3, "", ""],
    ]);
  });

  it("writes dates as ISO 8601 and booleans as TRUE/FALSE, quoting only when needed", () => {
    expect(toCsv([["a", 1, true, false, created, "", null, "x,y", " pad", 'q"']])).toBe(
      'a,1,TRUE,FALSE,2024-01-05T09:30:00.000Z,,,"x,y"," pad","q"""\n',
    );
  });
});

describe("CSV folder workbooks", () => {
  it("round-trips through a folder, one file per tab named after it", async () => {
    const folder = join(dir, "book");
    await writeWorkbook(folder, tabs);
    expect((await readdir(folder)).sort()).toEqual(["Leads.csv", "Scoring Matrix.csv"]);
    const back = await readWorkbook(folder);
    expect(back.map((t) => t.name)).toEqual(["Leads", "Scoring Matrix"]);
    // Dates come back as their ISO text (the engine parses it); everything else as written.
    const expected = tabs[0].values.map((r) => r.map((v) => (v instanceof Date ? v.toISOString() : v)));
    expect(back[0].values).toEqual(expected);
    expect(back[1].values).toEqual(tabs[1].values);
  });

  it("orders the add-on's tabs first and encodes unsafe characters in file names", async () => {
    const folder = join(dir, "order");
    await writeWorkbook(folder, [
      { name: "Zeta", values: [["z"]] },
      { name: "Settings", values: [["s"]] },
      { name: "Leads", values: [["l"]] },
      { name: "Q1/Q2: plan", values: [["q"]] },
    ]);
    expect(tabFileName("Q1/Q2: plan")).toBe("Q1%2FQ2%3A plan.csv");
    expect(tabNameOf("Q1%2FQ2%3A plan.csv")).toBe("Q1/Q2: plan");
    const back = await readWorkbook(folder);
    expect(back.map((t) => t.name)).toEqual(["Leads", "Settings", "Q1/Q2: plan", "Zeta"]);
  });

  it("readCsvTable/writeCsvTable handle single files", async () => {
    const file = join(dir, "one.csv");
    await writeCsvTable(file, [
      ["h1", "h2"],
      [1, "x"],
    ]);
    expect(await readFile(file, "utf8")).toBe("h1,h2\n1,x\n");
    expect((await readCsvTable(file)).values).toEqual([
      ["h1", "h2"],
      [1, "x"],
    ]);
  });

  it("rejects a path that is neither a folder nor an .xlsx file", async () => {
    const file = join(dir, "plain.txt");
    await writeFile(file, "x");
    await expect(readWorkbook(file)).rejects.toThrow(/neither a folder/);
  });

  // How fast is measured in bench/cli.ts, not asserted here.
  it("reads a 1,000,000-row CSV", async () => {
    const file = join(dir, "big.csv");
    const lines = ["Email,Score,Active,Source"];
    for (let i = 0; i < 1_000_000; i++)
      lines.push(`user${i}@example.com,${i % 100},${i % 2 ? "TRUE" : "FALSE"},Web`);
    await writeFile(file, lines.join("\n") + "\n");
    const grid = (await readCsvTable(file)).values;
    expect(grid).toHaveLength(1_000_001);
    expect(grid[1_000_000]).toEqual(["user999999@example.com", 99, true, "Web"]);
  });
});

describe(".xlsx workbooks", () => {
  it("round-trips values with real dates", async () => {
    const file = join(dir, "book.xlsx");
    await writeWorkbook(file, tabs);
    const back = await readWorkbook(file);
    expect(back.map((t) => t.name)).toEqual(["Leads", "Scoring Matrix"]);
    expect(back[0].values).toEqual(tabs[0].values);
    expect(back[0].values[1][3]).toBeInstanceOf(Date);
    expect(back[1].values).toEqual(tabs[1].values);
  });

  it("reads formulas as their cached results", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Calc");
    ws.getCell("A1").value = 2;
    ws.getCell("B1").value = { formula: "A1*3", result: 6 };
    ws.getCell("C1").value = { richText: [{ text: "rich " }, { text: "text" }] };
    ws.getCell("D1").value = { text: "label", hyperlink: "https://example.com" };
    const file = join(dir, "calc.xlsx");
    await wb.xlsx.writeFile(file);
    expect((await readWorkbook(file))[0].values).toEqual([[2, 6, "rich text", "label"]]);
  });

  it("loads into the runtime and back out unchanged", async () => {
    const file = join(dir, "rt.xlsx");
    await writeWorkbook(file, tabs);
    const rt = new LocalRuntime();
    rt.loadTabs(await readWorkbook(file));
    const out = join(dir, "rt-out.xlsx");
    await writeWorkbook(out, rt.tabs());
    expect(await readWorkbook(out)).toEqual(await readWorkbook(file));
  });
});
