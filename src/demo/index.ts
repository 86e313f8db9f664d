// The demo workbook generator: deterministic, pure TypeScript (no Node APIs), fast enough for benches.
//
//   const demo = generateDemo({ leads: 2000, seed: 1 });
//   demo.leads, demo.activities   // Grids for the Leads and Activity Log tabs (row 0 = headers)
//   demo.truth[i]                 // the latent model behind demo.leads row i + 1
//   demoWorkbook().tabs           // all five tabs: the starter matrix and settings, plus the Enterprise model
//   demoWorkbook({ secondModel: false })  // the same without the Enterprise model (default model only)
export { COMPETITOR_DOMAINS, FREE_MAIL_DOMAINS } from "./companies";
export {
  DEFAULT_END,
  DEFAULT_OPTIONS,
  type Demo,
  type DemoOptions,
  type DemoStats,
  type DemoTruth,
  generateDemo,
  gridToText,
  UNKNOWN_EMAIL,
} from "./generate";
export { csvCell } from "./grid";
export { OWNERS, SOURCES } from "./leads";
export { XSS_NAME } from "./mess";
export * as model from "./model";
export { EVENTS } from "./model";
export { engagementScore } from "./outcomes";
export { Rng } from "./random";
export { type DemoTab, type DemoWorkbookOptions, demoListsGrid, demoWorkbook } from "./workbook";
