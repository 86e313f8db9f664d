// A Grid seen as a CellTable, so the engine reads the Activity Log one way whoever stored it.
import type { CellTable, CellValue, Grid } from "./types";

class GridTable implements CellTable {
  constructor(private readonly grid: Grid) {}

  get length(): number {
    return this.grid.length;
  }

  cell(r: number, c: number): CellValue | undefined {
    return this.grid[r]?.[c];
  }

  row(r: number): CellValue[] {
    return this.grid[r] ?? [];
  }
}

export function gridTable(grid: Grid): CellTable {
  return new GridTable(grid);
}

/** The Activity Log as scoring reads it: the reader's table, else the grid; undefined without the tab. */
export function activityTable(input: {
  activities?: Grid;
  activityTable?: CellTable;
}): CellTable | undefined {
  return input.activityTable ?? (input.activities ? gridTable(input.activities) : undefined);
}
