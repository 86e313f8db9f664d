// The whole demo workbook: generated Leads and Activity Log plus the engine's starter templates, so the
// checked-in demo always shows the matrix and settings a new user gets from Setup.
import { findColumn } from "../core/headers";
import { defaultListsGrid, defaultSettingsGrid, starterMatrix } from "../core/templates";
import { type Grid, TAB } from "../core/types";
import { type Demo, type DemoOptions, generateDemo } from "./generate";

export interface DemoTab {
  name: string;
  values: Grid;
}

/** The Lists template with the demo's competitor domains filled into its `Competitors` column. */
export function demoListsGrid(competitors: readonly string[]): Grid {
  const grid = defaultListsGrid().map((row) => [...row]);
  let col = findColumn(grid[0], "Competitors");
  if (col < 0) {
    col = grid[0].length;
    for (const row of grid) row.push("");
    grid[0][col] = "Competitors";
  }
  competitors.forEach((domain, i) => {
    const r = i + 1;
    if (r >= grid.length) grid.push(grid[0].map(() => ""));
    grid[r][col] = domain;
  });
  return grid;
}

/** The five tabs in sheet order, plus the generator output (truth, stats) for callers that want it. */
export function demoWorkbook(options: DemoOptions = {}): { tabs: DemoTab[]; demo: Demo } {
  const demo = generateDemo(options);
  return {
    demo,
    tabs: [
      { name: TAB.leads, values: demo.leads },
      { name: TAB.activities, values: demo.activities },
      { name: TAB.matrix, values: starterMatrix() },
      { name: TAB.settings, values: defaultSettingsGrid() },
      { name: TAB.lists, values: demoListsGrid(demo.competitorDomains) },
    ],
  };
}
