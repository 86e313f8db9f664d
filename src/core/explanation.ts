// A lead's full breakdown as plain JSON: the Explain dialog, the sidebar's lookup and notifications use it.

import type { AccountSummary } from "./accounts";
import type { LeadScore, ScoreRun } from "./index";
import { leadName, nameColumns } from "./lead-names";
import { alignedLead } from "./score";
import type { AppliedReset, Grid, OnlyIfOutcome } from "./types";

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

export type ExplainedOnlyIf = OnlyIfOutcome;

export interface ExplainedReset extends Omit<AppliedReset, "at"> {
  /** ISO time of the reset activity. */
  at: string;
}

export interface LeadExplanation {
  key: string;
  name: string;
  sheetRow: number;
  score: number;
  tier: string;
  grade: string;
  /** Grade + engagement band (A1); "" without an Engagement Band table. */
  priority: string;
  groups: ExplainedGroup[];
  rules: ExplainedRule[];
  /** Rules with Only If whose own condition matched: whether each term held, so whether the rule counted. */
  onlyIf: ExplainedOnlyIf[];
  /** Resets that erased earlier activities of their group. */
  resets: ExplainedReset[];
  nextTier: { name: string; pointsNeeded: number } | null;
  /** ISO as-of time of the explanation. */
  asOf: string;
  /** The lead's account (Settings Account key); null when it has none, absent when accounts are off. */
  account?: AccountSummary | null;
  /** Each named model's breakdown of the lead (Scoring Matrix `Model`); absent without models. */
  models?: ModelExplanation[];
}

/** One named model's breakdown of a lead: the fields of the lead's own, from that model's rules only. */
export interface ModelExplanation
  extends Omit<LeadExplanation, "key" | "name" | "sheetRow" | "asOf" | "account" | "models"> {
  model: string;
  reasons: string;
}

export function explainLead(run: ScoreRun, lead: LeadScore, leads: Grid): LeadExplanation {
  return {
    key: lead.key,
    name: leadName(leads[lead.sheetRow - 1] ?? [], nameColumns(leads[0] ?? []), lead.key),
    sheetRow: lead.sheetRow,
    ...breakdown(run, lead),
    asOf: run.asOf.toISOString(),
    ...(run.models.length > 0
      ? {
          models: run.models.map((m) => {
            const own = alignedLead(m, lead);
            return { model: m.model, ...breakdown(m, own), reasons: own.reasons };
          }),
        }
      : {}),
  };
}

/** What one model's run says of the lead: score, tiers, groups, rules and conditions. */
function breakdown(run: ScoreRun, lead: LeadScore): Omit<ModelExplanation, "model" | "reasons"> {
  const limits = new Map(run.settings.groupLimits.map((g) => [g.group.trim().toLowerCase(), g]));
  return {
    score: lead.score,
    tier: lead.tier,
    grade: lead.grade,
    priority: lead.priority,
    groups: lead.groups.map((g) => {
      const limit = limits.get(g.group.trim().toLowerCase());
      return { ...g, min: limit?.min ?? null, max: limit?.max ?? null };
    }),
    rules: run.contributions(lead).map((c) => ({ ...c })),
    ...conditions(run, lead),
    nextTier: lead.nextTier,
  };
}

function conditions(run: ScoreRun, lead: LeadScore): Pick<LeadExplanation, "onlyIf" | "resets"> {
  const { onlyIf, resets } = run.conditions(lead);
  return {
    onlyIf: onlyIf.map((o) => ({ ...o, terms: o.terms.map((t) => ({ ...t })) })),
    resets: resets.map((r) => ({ ...r, at: r.at.toISOString() })),
  };
}

/** "Decision maker ✓, not Student ✗": each Only If term and whether it held for the lead. */
export function termsText(o: ExplainedOnlyIf): string {
  return o.terms.map((t) => `${t.negate ? "not " : ""}${t.label} ${t.held ? "\u2713" : "\u2717"}`).join(", ");
}

/** "erased 2 earlier Engagement activities" (a reset's effect). */
export function erasedText(r: ExplainedReset): string {
  return `erased ${r.erased} earlier ${r.group} ${r.erased === 1 ? "activity" : "activities"}`;
}
