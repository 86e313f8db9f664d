import type { CellTable, Grid, Problem } from "../../core/types";
import type { CsvFormat } from "./sniff";

/** One workbook tab: its name and its values (row 0 = sheet row 1). */
export interface Tab {
  name: string;
  values: Grid;
  /** The cells as a CSV reader kept them by column, when it did (then `values` is made on first use). */
  table?: CellTable;
  /** A CSV tab: the file it came from and how it was read. */
  csv?: { file: string; format: CsvFormat };
  /** What was wrong with the file itself (malformed quotes), found while reading it. */
  problems?: Problem[];
}
