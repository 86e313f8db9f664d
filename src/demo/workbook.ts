// The whole demo workbook: generated Leads and Activity Log plus the engine's starter templates, so the
// checked-in demo always shows the matrix and settings a new user gets from Setup, with one addition: a
// fit × engagement grid (Settings' Engagement Band table), so the demo shows a Priority column.
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

/** Engagement bands of the demo's Priority grid: band 1 from 25 engagement points, 2 from 10, else 3. */
export const DEMO_ENGAGEMENT_BANDS: readonly [number, number][] = [
  [1, 25],
  [2, 10],
  [3, 0],
];

/**
 * The Settings template with DEMO_SETTINGS in its Setting | Value table, below the starter rows, and an
 * `Engagement Band | Min Points` table right of its other tables.
 */
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
  const width = grid[0].length;
  grid[0].push("", "Engagement Band", "Min Points");
  for (let r = 1; r < grid.length; r++) {
    while (grid[r].length < width) grid[r].push("");
    const band = DEMO_ENGAGEMENT_BANDS[r - 1];
    grid[r].push("", band?.[0] ?? "", band?.[1] ?? "");
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
