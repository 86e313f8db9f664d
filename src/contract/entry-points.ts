// The names Apps Script calls the add-on by: simple triggers, menu items, installable trigger handlers,
// sidebar RPC and custom functions. Each is a top-level function in dist/Code.js; src/addon/contract.ts
// checks that the add-on exports exactly these. Renaming a trigger handler orphans the triggers already
// installed in users' documents, so these names are kept as they are.
import { SIDEBAR_FUNCTIONS, type SidebarFunction } from "./sidebar-api";

/** Called by Apps Script itself, by name. */
export const SIMPLE_TRIGGERS = ["onOpen", "onInstall"] as const;

/** The Extensions ▸ Leadscore menu items' functions. */
export const MENU_HANDLERS = {
  setUpWorkbook: "menuSetUpWorkbook",
  scoreAll: "menuScoreAll",
  openSidebar: "menuOpenSidebar",
  explainSelectedLead: "menuExplainSelectedLead",
  checkMatrix: "menuCheckMatrix",
  toggleAutoScoring: "menuToggleAutoScoring",
} as const;

/** Installable triggers' functions, as given to ScriptApp.newTrigger. */
export const TRIGGER_HANDLERS = {
  edit: "onEditAutoScore",
  change: "onChangeAutoScore",
  form: "onFormSubmitIntake",
  /** The debounced full rescore after matrix, Settings or Lists edits. */
  debounced: "debouncedRescore",
  /** A large run's follow-up from its checkpoint. */
  checkpoint: "continueScoring",
  schedule: "scheduledRun",
} as const;

export type MenuHandler = (typeof MENU_HANDLERS)[keyof typeof MENU_HANDLERS];
export type TriggerHandler = (typeof TRIGGER_HANDLERS)[keyof typeof TRIGGER_HANDLERS];

/** Formulas a sheet can call (`=LEADSCORE(…)`); their JSDoc is kept in dist/Code.js for autocomplete. */
export const CUSTOM_FUNCTIONS = [
  "LEADSCORE",
  "LEADSCORE_DETAIL",
  "LEADTIER",
  "LEADGRADE",
  "LEADDECAY",
] as const;

export type EntryPoint =
  | (typeof SIMPLE_TRIGGERS)[number]
  | MenuHandler
  | TriggerHandler
  | SidebarFunction
  | (typeof CUSTOM_FUNCTIONS)[number];

/** Every top-level function of dist/Code.js. Marked pure so the add-on bundle, which never reads it, drops it. */
export const ENTRY_POINTS: readonly EntryPoint[] = /* @__PURE__ */ ([] as EntryPoint[]).concat(
  SIMPLE_TRIGGERS,
  /* @__PURE__ */ Object.values(MENU_HANDLERS),
  /* @__PURE__ */ Object.values(TRIGGER_HANDLERS),
  SIDEBAR_FUNCTIONS,
  CUSTOM_FUNCTIONS,
);
