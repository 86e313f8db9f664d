// The workbook's grids keyed by tab, for locating problem cells.
import { type Grid, TAB } from "../core/types";
import { tabKey } from "./tabs";
import type { SheetWorkbook } from "./workbook";

export function workbookGrids(workbook: SheetWorkbook): Map<string, Grid> {
  const { input } = workbook;
  const entries: [string, Grid | undefined][] = [
    [TAB.leads, input.leads],
    [TAB.matrix, input.matrix],
    [TAB.activities, input.activities],
    [TAB.settings, input.settings],
    [TAB.lists, input.lists],
  ];
  return new Map(
    entries.filter((e): e is [string, Grid] => e[1] !== undefined).map(([k, g]) => [tabKey(k), g]),
  );
}
