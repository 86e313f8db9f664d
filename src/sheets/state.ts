// The add-on's own state, kept per document in document properties (per-user script properties would be
// shared by every user of an add-on). Values are JSON; each key stays far below the 9 KB limit.
export const KEY = {
  lastRun: "leadscore.lastRun",
  autoScoring: "leadscore.autoScoring",
  schedule: "leadscore.schedule",
  checkpoint: "leadscore.checkpoint",
  /** Whose triggers run each feature (feature-owner.ts). */
  scheduleOwner: "leadscore.schedule.owner",
  autoScoringOwner: "leadscore.autoScoring.owner",
  /** The figures of the last Suggest points, with the fingerprint of the matrices they were measured on. */
  suggestion: "leadscore.suggestion",
  /** Leads output headers the add-on appended when it replaced the matrix (removed once no group uses them). */
  addedColumns: "leadscore.addedColumns",
  /** The sheet id of the Accounts tab the add-on writes (accounts-tab.ts). */
  accountsTab: "leadscore.accountsTab",
  /** What the lead scoring states cover (score-state.ts): version, fingerprint, row counts, last full read. */
  scoreState: "leadscore.scoreState",
  /** The form responses the Activity Log records, compactly (response-marker.ts). */
  formResponses: "leadscore.formResponses",
} as const;

function store(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties();
}

export function readState<T>(key: string): T | null {
  const text = store().getProperty(key);
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export function writeState(key: string, value: unknown): void {
  store().setProperty(key, JSON.stringify(value));
}

export function clearState(key: string): void {
  store().deleteProperty(key);
}
