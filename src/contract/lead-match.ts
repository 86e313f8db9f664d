// One hit of the sidebar's lead look-up.

export interface LeadMatch {
  key: string;
  /** First and last name, or the key when the sheet has no names. */
  name: string;
  sheetRow: number;
  score: number | null;
  tier: string;
}
