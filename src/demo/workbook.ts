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

/** The demo's own settings after the starter ones: accounts by Company (lead scores stay the starter's). */
export const DEMO_SETTINGS: readonly [string, string | number][] = [
  ["Account key", "Company"],
  ["Account engagement max", 60],
];

/** The Settings template with DEMO_SETTINGS in its Setting | Value table, below the starter rows. */
export function demoSettingsGrid(): Grid {
  const grid = defaultSettingsGrid().map((row) => [...row]);
  let r = grid.findIndex((row, i) => i > 0 && row[0] === "");
  if (r < 0) r = grid.length;
  for (const [name, value] of DEMO_SETTINGS) {
    if (r >= grid.length) grid.push(grid[0].map(() => ""));
    grid[r][0] = name;
    grid[r][1] = value;
    r++;
  }
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
      { name: TAB.settings, values: demoSettingsGrid() },
      { name: TAB.lists, values: demoListsGrid(demo.competitorDomains) },
    ],
  };
}
