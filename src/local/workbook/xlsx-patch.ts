// Saving an .xlsx workbook without losing what the local runtime does not model (formats, widths, other
// sheets' features): the original file is opened again and only the cells whose value changed are set;
// tabs the add-on created are added as new sheets.
import type ExcelJS from "exceljs";
import type { Grid } from "../../core/types";
import { sameCell } from "./csv-patch";
import type { Tab } from "./tab";

export async function patchXlsx(
  original: string,
  out: string,
  tabs: Tab[],
  saved: ReadonlyMap<string, { values: Grid }>,
): Promise<void> {
  const m = await import("exceljs");
  const wb = new ((m.default ?? m) as typeof ExcelJS).Workbook();
  await wb.xlsx.readFile(original);
  for (const tab of tabs) {
    const ws = wb.getWorksheet(tab.name) ?? wb.addWorksheet(tab.name);
    const before = saved.get(tab.name)?.values ?? [];
    tab.values.forEach((row, r) => {
      row.forEach((v, c) => {
        if (sameCell(before[r]?.[c], v)) return;
        const cell = ws.getRow(r + 1).getCell(c + 1);
        cell.value = v === "" ? null : v;
        if (v instanceof Date) cell.numFmt = "yyyy-mm-dd hh:mm:ss";
      });
    });
  }
  await wb.xlsx.writeFile(out);
}
