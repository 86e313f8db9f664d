// Everything the sidebar shows, and the settings it writes back.
import type { NotifySettings } from "../core/notify";
import type { Grade, GroupLimit, Problem, Tier } from "../core/types";
import type { RunSummary } from "./run-summary";
import type { Schedule } from "./schedule";
import type { TriggerBudget } from "./trigger-budget";

export interface PendingNotification {
  key: string;
  name: string;
  tier: string;
  score: number;
  /** The named model the alert is about; absent for the default model. */
  model?: string;
  /** An account's alert (Settings Account key): `name` as first spelt, `key` normalized. */
  account?: boolean;
}

/** When a run last read every row of Leads and the Activity Log; runs in between read only what changed. */
export interface FullCheck {
  /** ISO time of that read; null before the first. */
  at: string | null;
  /** Why the next run reads every row anyway (e.g. automatic scoring was just turned on); null when it need not. */
  nextReadsAll: string | null;
}

export interface SidebarState {
  timeZone: string;
  tiers: Tier[];
  scoreFloor: number | null;
  scoreCeiling: number | null;
  halfLifeDays: number | null;
  groupNames: string[];
  groupLimits: GroupLimit[];
  grades: Grade[];
  gradeGroup: string;
  /** Current values of the Leads Score column (numbers only), for the histogram. */
  scores: number[];
  notifications: NotifySettings;
  schedule: Schedule | null;
  autoScoring: boolean;
  /** The editor whose triggers run each feature (any editor can turn it off or take it over); null when off. */
  runsUnder: { schedule: string | null; autoScoring: string | null };
  triggerBudget: TriggerBudget;
  lastRun: RunSummary | null;
  fullCheck: FullCheck;
  pending: PendingNotification[];
  problems: Problem[];
}

export interface SettingsPatch {
  halfLifeDays?: number | null;
  groupLimits?: GroupLimit[];
  grades?: Grade[];
  notifications?: Partial<NotifySettings>;
}
