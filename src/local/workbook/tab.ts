import type { Grid } from "../../core/types";

/** One workbook tab: its name and its values (row 0 = sheet row 1). */
export interface Tab {
  name: string;
  values: Grid;
}
