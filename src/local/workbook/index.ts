// Workbook I/O for the CLI and the local runtime: a folder of CSV files (one per tab) or an .xlsx file.
import { stat } from "node:fs/promises";
import { readCsvFolder, writeCsvFolder } from "./folder";
import type { Tab } from "./tab";
import { readXlsx, writeXlsx } from "./xlsx";

export {
  type CsvTable,
  csvCellText,
  parseCsv,
  readCsvTable,
  toCsv,
  writeCsvRows,
  writeCsvTable,
} from "./csv";
export { typeCsvCell } from "./csv-cells";
export type { MalformedQuote } from "./csv-parser";
export { readCsvFolder, tabFileName, tabNameOf, writeCsvFolder } from "./folder";
export { guardFormulaRow } from "./formula-guard";
export type { CsvDelimiter, CsvEncoding, CsvFormat } from "./sniff";
export type { Tab } from "./tab";
export { readXlsx, writeXlsx } from "./xlsx";

const isXlsx = (path: string) => /\.xlsx$/i.test(path);

/**
 * Reads every tab of a workbook: `path` is an .xlsx file or a folder of "<tab>.csv" files. `coded`: the
 * CSV tabs to read by column, their columns coded by value (Tab.table).
 */
export async function readWorkbook(path: string, coded?: (tab: string) => boolean): Promise<Tab[]> {
  if (isXlsx(path)) return readXlsx(path);
  const info = await stat(path);
  if (!info.isDirectory()) throw new Error(`${path} is neither a folder of CSV files nor an .xlsx file`);
  return readCsvFolder(path, coded);
}

/** Writes tabs to an .xlsx file (when `path` ends in .xlsx) or to a folder of CSV files. */
export async function writeWorkbook(path: string, tabs: Tab[]): Promise<void> {
  if (isXlsx(path)) return writeXlsx(path, tabs);
  return writeCsvFolder(path, tabs);
}
