import type { Grid, Problem } from "../../core/types";
import type { CsvFormat } from "./sniff";

/** One workbook tab: its name and its values (row 0 = sheet row 1). */
export interface Tab {
  name: string;
  values: Grid;
  /** A CSV tab: the file it came from and how it was read. */
  csv?: { file: string; format: CsvFormat };
  /** What was wrong with the file itself (malformed quotes), found while reading it. */
  problems?: Problem[];
}
