// Saving a CSV tab keeps the bytes of every cell whose value did not change (quotes, spelling of numbers,
// line ends, BOM), and writes only changed or new cells.
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/local/workbook";
import { csvRecords, patchCsv, sameCell } from "../../src/local/workbook/csv-patch";
import { SavedWorkbook } from "../../src/local/workbook/saved-workbook";

const patch = (text: string, edit: (g: ReturnType<typeof parseCsv>) => void) => {
  const bytes = Buffer.from(text, "utf8");
  const loaded = parseCsv(text);
  const current = loaded.map((r) => r.slice());
  edit(current);
  return patchCsv(bytes, loaded, current).toString("utf8");
};

describe("patchCsv", () => {
  const text = '\uFEFFName,Points,Note\r\n"Ann",007,"a, b"\r\n  Bob ,1.50,\r\n"Cy ""C""",2,x';

  it("returns the same bytes when nothing changed", () => {
    expect(patch(text, () => {})).toBe(text);
  });

  it("rewrites only the changed field, keeping the others' quotes, spacing and line ends", () => {
    expect(
      patch(text, (g) => {
        g[2][1] = 3;
      }),
    ).toBe('\uFEFFName,Points,Note\r\n"Ann",007,"a, b"\r\n  Bob ,3,\r\n"Cy ""C""",2,x');
  });

  it("appends new columns and rows with the file's line end, quoting where needed", () => {
    const out = patch(text, (g) => {
      for (const row of g) row.push("");
      g[0][3] = "Score";
      g[1][3] = 'say "hi"';
      g.push(["Dee", 4, "", "ok"]);
    });
    expect(out).toBe(
      '\uFEFFName,Points,Note,Score\r\n"Ann",007,"a, b","say ""hi"""\r\n  Bob ,1.50,\r\n"Cy ""C""",2,x\r\nDee,4,,ok\r\n',
    );
    expect(parseCsv(out).slice(1, 2)).toEqual([["Ann", "007", "a, b", 'say "hi"']]);
  });

  it("splits records as the reader does (quoted newlines, lone CR, blank lines)", () => {
    const t = 'a,"x\ny"\rb,\n\nc';
    expect(csvRecords(Buffer.from(t)).records).toHaveLength(parseCsv(t).length);
  });

  it("treats a Date written back for an ISO text as unchanged", () => {
    expect(sameCell("2026-11-01T00:00:00Z", new Date("2026-11-01T00:00:00Z"))).toBe(true);
    expect(sameCell("2026-11-01T00:00:00Z", new Date("2026-11-02T00:00:00Z"))).toBe(false);
    expect(sameCell(5, "5")).toBe(false);
  });
});

describe("SavedWorkbook", () => {
  it("saves atomically, keeps the first original as .bak, and leaves unchanged files alone", async () => {
    const dir = await mkdtemp(join(tmpdir(), "leadscore-save-"));
    await writeFile(join(dir, "Leads.csv"), "Email,Score\r\na@x.com,1\r\n");
    await writeFile(join(dir, "Lists.csv"), "Names\n'q'\n");
    const wb = await SavedWorkbook.open(dir);
    const tabs = wb.tabs.map((t) => ({ name: t.name, values: t.values.map((r) => r.slice()) }));
    tabs[0].values[1][1] = 2;
    tabs.push({ name: "Problems", values: [["Tab", "Fix"]] });
    expect((await wb.save(tabs)).map((f) => f.slice(dir.length + 1)).sort()).toEqual([
      "Leads.csv",
      "Problems.csv",
    ]);
    expect(await readFile(join(dir, "Leads.csv"), "utf8")).toBe("Email,Score\r\na@x.com,2\r\n");
    expect(await readFile(join(dir, "Leads.csv.bak"), "utf8")).toBe("Email,Score\r\na@x.com,1\r\n");
    tabs[0].values[1][1] = 3;
    await wb.save(tabs);
    expect(await readFile(join(dir, "Leads.csv.bak"), "utf8")).toBe("Email,Score\r\na@x.com,1\r\n");
    expect((await readdir(dir)).sort()).toEqual(["Leads.csv", "Leads.csv.bak", "Lists.csv", "Problems.csv"]);
    expect(await wb.save(tabs)).toEqual([]);
  });

  // Bytes of `text` in Windows-1252, built by hand so the test does not lean on the encoder it checks.
  const cp1252 = (text: string) =>
    Buffer.from([...text].map((ch) => ({ é: 0xe9, "€": 0x80, ü: 0xfc })[ch] ?? ch.charCodeAt(0)));

  it("saves a semicolon Windows-1252 file in its own delimiter and encoding, changing only the edited cell", async () => {
    const dir = await mkdtemp(join(tmpdir(), "leadscore-save-"));
    const original = cp1252("Email;Name;Budget\r\na@x.com;René;5\r\nb@x.com;Jürgen;7,5\r\n");
    await writeFile(join(dir, "Leads.csv"), original);
    const wb = await SavedWorkbook.open(dir);
    expect(wb.tabs[0].values[1][1]).toBe("René");
    const tabs = wb.tabs.map((t) => ({ name: t.name, values: t.values.map((r) => r.slice()) }));
    tabs[0].values[2][1] = "Jürgen €; Co";
    await wb.save(tabs);
    const saved = await readFile(join(dir, "Leads.csv"));
    expect(saved).toEqual(cp1252('Email;Name;Budget\r\na@x.com;René;5\r\nb@x.com;"Jürgen €; Co";7,5\r\n'));
    expect((await SavedWorkbook.open(dir)).tabs[0].values[2]).toEqual(["b@x.com", "Jürgen €; Co", "7,5"]);
  });

  it("refuses to save a character Windows-1252 cannot hold, naming the file and cell", async () => {
    const dir = await mkdtemp(join(tmpdir(), "leadscore-save-"));
    await writeFile(join(dir, "Leads.csv"), cp1252("Email;Name\r\na@x.com;René\r\n"));
    const wb = await SavedWorkbook.open(dir);
    const tabs = wb.tabs.map((t) => ({ name: t.name, values: t.values.map((r) => r.slice()) }));
    tabs[0].values[1][1] = "René −";
    await expect(wb.save(tabs)).rejects.toThrow(/Leads\.csv: row 2, column 2 holds "−".*CSV UTF-8/);
    expect(await readFile(join(dir, "Leads.csv"))).toEqual(cp1252("Email;Name\r\na@x.com;René\r\n"));
  });

  it("saves a UTF-16LE tab-delimited file as UTF-16LE with its BOM", async () => {
    const dir = await mkdtemp(join(tmpdir(), "leadscore-save-"));
    const utf16 = (t: string) => Buffer.from(`\uFEFF${t}`, "utf16le");
    await writeFile(join(dir, "Leads.csv"), utf16('Email\tName\r\na@x.com\t"Zoë"\r\nb@x.com\tBo\r\n'));
    const wb = await SavedWorkbook.open(dir);
    const tabs = wb.tabs.map((t) => ({ name: t.name, values: t.values.map((r) => r.slice()) }));
    tabs[0].values[2][1] = "Bø\tB";
    await wb.save(tabs);
    expect(await readFile(join(dir, "Leads.csv"))).toEqual(
      utf16('Email\tName\r\na@x.com\t"Zoë"\r\nb@x.com\t"Bø\tB"\r\n'),
    );
  });

  it("saves an .xlsx by setting only the changed cells of the original file", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const dir = await mkdtemp(join(tmpdir(), "leadscore-save-"));
    const file = join(dir, "book.xlsx");
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("Leads");
    ws.addRow(["Email", "Score"]);
    ws.addRow(["a@x.com", 1]);
    ws.getCell("A2").font = { bold: true };
    await book.xlsx.writeFile(file);
    const wb = await SavedWorkbook.open(file);
    const tabs = wb.tabs.map((t) => ({ name: t.name, values: t.values.map((r) => r.slice()) }));
    tabs[0].values[1][1] = 5;
    await wb.save(tabs);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(file);
    expect(back.getWorksheet("Leads")!.getCell("B2").value).toBe(5);
    expect(back.getWorksheet("Leads")!.getCell("A2").font?.bold).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(["book.xlsx", "book.xlsx.bak"]);
  });
});
