// .xlsx ⇄ tabs with exceljs. Cells read as Sheets would show them: formulas give their cached result,
// rich text its plain text, hyperlinks their label, errors their code ("#N/A"). Dates are real dates both
// ways; Excel stores wall-clock times without a zone, and exceljs maps them to UTC, so do we.
// exceljs is loaded on first use: it takes a good part of a second, which CSV workbooks need not pay.
import type ExcelJS from "exceljs";
import type { CellValue } from "../../core/types";
import type { Tab } from "./tab";

let excel: Promise<typeof ExcelJS> | undefined;
const loadExcelJs = (): Promise<typeof ExcelJS> =>
  (excel ??= import("exceljs").then((m) => (m.default ?? m) as typeof ExcelJS));

function plain(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return "";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    const v = value as unknown as Record<string, unknown>;
    if ("formula" in v || "sharedFormula" in v) {
      const result = v.result as ExcelJS.CellValue | undefined;
      if (result && typeof result === "object" && "error" in result) return String(result.error);
      return plain((result ?? null) as ExcelJS.CellValue);
    }
    if (Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((t) => t.text).join("");
    if ("hyperlink" in v) return plain((v.text ?? "") as ExcelJS.CellValue);
    if ("error" in v) return String(v.error);
  }
  return String(value);
}

export async function readXlsx(file: string): Promise<Tab[]> {
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const tabs: Tab[] = [];
  wb.eachSheet((ws) => {
    const height = ws.actualRowCount === 0 ? 0 : ws.rowCount;
    let width = 0;
    const rows: CellValue[][] = [];
    for (let r = 1; r <= height; r++) {
      const row = ws.getRow(r);
      const values: CellValue[] = [];
      // row.values is 1-based and sparse.
      const raw = row.values as ExcelJS.CellValue[];
      for (let c = 1; c < raw.length; c++) values[c - 1] = plain(raw[c]);
      for (let c = 0; c < values.length; c++) if (values[c] === undefined) values[c] = "";
      if (values.length > width) width = values.length;
      rows.push(values);
    }
    // Drop trailing rows that are entirely blank (formatting can make exceljs report them).
    while (rows.length && rows[rows.length - 1].every((v) => v === "")) rows.pop();
    for (const row of rows) while (row.length < width) row.push("");
    tabs.push({ name: ws.name, values: rows });
  });
  return tabs;
}

export async function writeXlsx(file: string, tabs: Tab[]): Promise<void> {
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  for (const tab of tabs) {
    const ws = wb.addWorksheet(tab.name);
    for (let r = 0; r < tab.values.length; r++) {
      const src = tab.values[r];
      // Blank cells are left out rather than written as empty strings.
      const row = ws.getRow(r + 1);
      for (let c = 0; c < src.length; c++) {
        const v = src[c];
        if (v === "" || v === null || v === undefined) continue;
        const cell = row.getCell(c + 1);
        cell.value = v;
        if (v instanceof Date) cell.numFmt = "yyyy-mm-dd hh:mm:ss";
      }
    }
  }
  await wb.xlsx.writeFile(file);
}
