// Shapes shared by the notification modules. Everything here is plain data, so it round-trips through the
// add-on's state tab and document properties.

/** How alerts are delivered, from the Settings tab (see settings.ts). */
export interface NotifySettings {
  /** Addresses that get every alert ("Notify emails"). */
  emails: string[];
  /** Column on Leads whose email address also gets the lead's alerts ("Owner column"). */
  ownerColumn: string;
  mode: "digest" | "each";
  /** Points below a tier's minimum a lead must fall before it can be announced again. */
  rearmMargin: number;
}

/** An announcement that is decided but not yet delivered to every recipient. */
export interface PendingAlert {
  /** The notify tier the lead entered. */
  tier: string;
  /** ISO time of the run that decided it; with the key and tier it identifies the alert. */
  queuedAt: string;
  /** Recipients (lower case) this alert has already been sent to. */
  deliveredTo: string[];
}

/** What the add-on remembers about a lead between scheduled runs (one row of the state tab). */
export interface LeadState {
  /** Lead key, trimmed and lower-cased. */
  key: string;
  /** Display name, for the sidebar's pending list. */
  name: string;
  /** Last known tier and score. */
  tier: string;
  score: number;
  /** Highest notify tier announced and not re-armed since ("" = none): it and the notify tiers below it stay quiet. */
  announced: string;
  pending: PendingAlert | null;
  /** ISO time of the last run that saw the lead on the Leads tab. */
  seen: string;
}

/** One Score History row. */
export interface TierChange {
  key: string;
  /** "" for a lead seen for the first time. */
  oldTier: string;
  newTier: string;
  oldScore: number | null;
  newScore: number;
  reasons: string;
  /** The model whose tier changed: "" or absent for the default model (see models.ts). */
  model?: string;
}

/** A lead as the run scored it, with what notifications need from its row. */
export interface RunLead {
  key: string;
  name: string;
  score: number;
  tier: string;
  reasons: string;
  sheetRow: number;
}
