// "Explain selected lead": the full breakdown of one lead's score, as data and as plain text lines.

import { normalizeHeader } from "./headers";
import { signedPoints } from "./reasons";
import type { GroupLimit, LeadScore, RuleContribution, ScoreRun } from "./types";
import { formatPoints } from "./values";

export interface GroupExplanation {
  group: string;
  raw: number;
  total: number;
  capped: "min" | "max" | null;
  limit: GroupLimit | null;
  rules: RuleContribution[];
}

export interface LeadExplanation {
  key: string;
  sheetRow: number;
  score: number;
  rawScore: number;
  clamped: "floor" | "ceiling" | null;
  tier: string;
  grade: string;
  groups: GroupExplanation[];
  nextTier: { name: string; pointsNeeded: number } | null;
  asOf: Date;
}

export function explainLead(run: ScoreRun, lead: LeadScore): LeadExplanation {
  const limits = new Map(run.settings.groupLimits.map((l) => [normalizeHeader(l.group), l]));
  const contributions = run.contributions(lead);
  return {
    key: lead.key,
    sheetRow: lead.sheetRow,
    score: lead.score,
    rawScore: lead.rawScore,
    clamped: lead.clamped,
    tier: lead.tier,
    grade: lead.grade,
    groups: lead.groups.map((g) => ({
      ...g,
      limit: limits.get(normalizeHeader(g.group)) ?? null,
      rules: contributions.filter((c) => c.group === g.group),
    })),
    nextTier: lead.nextTier,
    asOf: lead.asOf,
  };
}

function describeContribution(c: RuleContribution): string {
  if (c.count === 1 && c.weight === 1) return `${c.label}: ${signedPoints(c.value)}`;
  const w = c.weight === 1 ? "" : `, mean decay weight ${c.weight.toFixed(2)}`;
  return `${c.label}: ${signedPoints(c.value)} (${c.count} × ${formatPoints(c.points)} points${w})`;
}

/** Plain-text lines for a dialog or the CLI. */
export function explainText(run: ScoreRun, lead: LeadScore): string[] {
  const e = explainLead(run, lead);
  const lines = [
    `${e.key} (Leads row ${e.sheetRow}): score ${e.score}, tier ${e.tier}${e.grade ? `, grade ${e.grade}` : ""}`,
  ];
  for (const g of e.groups) {
    const cap =
      g.capped === "max"
        ? ` (capped at Max ${formatPoints(g.total)} from ${formatPoints(g.raw)})`
        : g.capped === "min"
          ? ` (raised to Min ${formatPoints(g.total)} from ${formatPoints(g.raw)})`
          : "";
    lines.push(`${g.group}: ${formatPoints(g.total)}${cap}`);
    for (const c of g.rules) lines.push(`  ${describeContribution(c)}`);
    if (g.rules.length === 0) lines.push("  no rule matched");
  }
  const sumText = formatPoints(e.rawScore);
  if (e.clamped === "floor") lines.push(`Sum ${sumText}, raised to the score floor ${e.score}.`);
  else if (e.clamped === "ceiling") lines.push(`Sum ${sumText}, capped at the score ceiling ${e.score}.`);
  else lines.push(`Sum ${sumText}, rounded to ${e.score}.`);
  lines.push(
    e.nextTier
      ? `${e.nextTier.pointsNeeded} more point${e.nextTier.pointsNeeded === 1 ? "" : "s"} to reach ${e.nextTier.name}.`
      : "Top tier.",
  );
  return lines;
}
