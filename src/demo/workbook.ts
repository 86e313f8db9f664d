// The whole demo workbook: generated Leads and Activity Log plus the engine's starter templates, so the
// checked-in demo always shows the matrix and settings a new user gets from Setup, with three additions:
// accounts by Company, a fit × engagement grid (Settings' Engagement Band table), so the demo shows a
// Priority column, and a second model, Enterprise, with its own tiers.
import { findColumn } from "../core/headers";
import { defaultListsGrid, defaultSettingsGrid, starterMatrix } from "../core/templates";
import { type Grid, TAB } from "../core/types";
import { ENTERPRISE, ENTERPRISE_TIERS, withEnterpriseModel } from "./enterprise-model";
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
 * The Settings template with DEMO_SETTINGS in its Setting | Value table, below the starter rows, a `Model`
 * column in its Tier table holding the Enterprise tiers below the default ones (unless `secondModel` is
 * false), and an
 * `Engagement Band | Min Points` table right of its other tables.
 */
export function demoSettingsGrid(secondModel = true): Grid {
  const grid = defaultSettingsGrid().map((row) => [...row]);
  if (secondModel) addEnterpriseTiers(grid);
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

export interface DemoWorkbookOptions extends DemoOptions {
  /**
   * false: the starter matrix and tiers alone, no Enterprise model, for the paths that score the default
   * model only (the SQL query, the saved lead states behind rescoring on edit). Default true.
   */
  secondModel?: boolean;
}

/** A `Model` column right of the Tier table's Notify, and the Enterprise tiers below the default ones. */
function addEnterpriseTiers(grid: Grid): void {
  const notify = findColumn(grid[0], "Notify");
  for (const row of grid) row.splice(notify + 1, 0, "");
  grid[0][notify + 1] = "Model";
  const tier = findColumn(grid[0], "Tier");
  let t = grid.findIndex((row, i) => i > 0 && row[tier] === "");
  if (t < 0) t = grid.length;
  for (const [name, minScore, notifies] of ENTERPRISE_TIERS) {
    if (t >= grid.length) grid.push(grid[0].map(() => ""));
    grid[t].splice(tier, 4, name, minScore, notifies, ENTERPRISE);
    t++;
  }
}

/** The five tabs in sheet order, plus the generator output (truth, stats) for callers that want it. */
export function demoWorkbook(options: DemoWorkbookOptions = {}): { tabs: DemoTab[]; demo: Demo } {
  const { secondModel = true, ...generate } = options;
  const demo = generateDemo(generate);
  return {
    demo,
    tabs: [
      { name: TAB.leads, values: demo.leads },
      { name: TAB.activities, values: demo.activities },
      { name: TAB.matrix, values: secondModel ? withEnterpriseModel(starterMatrix()) : starterMatrix() },
      { name: TAB.settings, values: demoSettingsGrid(secondModel) },
      { name: TAB.lists, values: demoListsGrid(demo.competitorDomains) },
    ],
  };
}
