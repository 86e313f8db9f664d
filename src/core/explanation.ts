// A lead's full breakdown as plain JSON: the Explain dialog, the sidebar's lookup and notifications use it.

import type { AccountSummary } from "./accounts";
import type { LeadScore, ScoreRun } from "./index";
import { leadName, nameColumns } from "./lead-names";
import type { Grid } from "./types";

export interface ExplainedRule {
  ruleRow: number;
  label: string;
  group: string;
  points: number;
  count: number;
  weight: number;
  value: number;
}

export interface ExplainedGroup {
  group: string;
  raw: number;
  total: number;
  min: number | null;
  max: number | null;
  capped: "min" | "max" | null;
}

export interface LeadExplanation {
  key: string;
  name: string;
  sheetRow: number;
  score: number;
  tier: string;
  grade: string;
  groups: ExplainedGroup[];
  rules: ExplainedRule[];
  nextTier: { name: string; pointsNeeded: number } | null;
  /** ISO as-of time of the explanation. */
  asOf: string;
  /** The lead's account (Settings Account key); null when it has none, absent when accounts are off. */
  account?: AccountSummary | null;
}

export function explainLead(run: ScoreRun, lead: LeadScore, leads: Grid): LeadExplanation {
  const limits = new Map(run.settings.groupLimits.map((g) => [g.group.trim().toLowerCase(), g]));
  return {
    key: lead.key,
    name: leadName(leads[lead.sheetRow - 1] ?? [], nameColumns(leads[0] ?? []), lead.key),
    sheetRow: lead.sheetRow,
    score: lead.score,
    tier: lead.tier,
    grade: lead.grade,
    groups: lead.groups.map((g) => {
      const limit = limits.get(g.group.trim().toLowerCase());
      return { ...g, min: limit?.min ?? null, max: limit?.max ?? null };
    }),
    rules: run.contributions(lead).map((c) => ({ ...c })),
    nextTier: lead.nextTier,
    asOf: run.asOf.toISOString(),
  };
}
