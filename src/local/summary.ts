// The summary `npm start` prints, read back from the Leads tab the add-on wrote (not from the engine), so
// it shows what a user of the sheet would see.
import { findColumn, parseSettings } from "../core";
import { leadName, nameColumns } from "../core/lead-names";
import { matrixModels } from "../core/model-names";
import type { Grid } from "../core/types";
import { cellText, normText, parseNumber } from "../core/values";

export interface StartSummary {
  leadsScored: number;
  tierCounts: { tier: string; count: number }[];
  /** Leads per Priority cell (A1…), best grade and band first; empty without a Priority column. */
  priorityCounts: { priority: string; count: number }[];
  top: { name: string; key: string; score: number; tier: string; priority: string; reasons: string }[];
  /** Leads per tier of each named model with an `M Tier` column, best tier first, in matrix order. */
  models: { model: string; tierCounts: { tier: string; count: number }[] }[];
}

export function summarize(
  leads: Grid,
  settings: Grid | undefined,
  matrix: Grid | undefined,
  topN = 10,
): StartSummary {
  const parsed = parseSettings(settings).settings;
  const headers = leads[0] ?? [];
  const col = (name: string) => findColumn(headers, name);
  const [score, tier, reasons, key] = [col("Score"), col("Tier"), col("Top Reasons"), col(parsed.leadKey)];
  const priority = col("Priority");
  const names = nameColumns(headers);
  const scored = leads.slice(1).filter((row) => !Number.isNaN(parseNumber(row[score])));
  const tierCounts = (column: number, tiers: readonly { name: string }[]) => {
    const counts = new Map<string, number>(tiers.map((t) => [t.name, 0]));
    for (const row of scored) counts.set(cellText(row[column]), (counts.get(cellText(row[column])) ?? 0) + 1);
    return [...counts].map(([t, count]) => ({ tier: t, count })).reverse();
  };
  const models = matrixModels(matrix).flatMap((model) => {
    const column = col(`${model} Tier`);
    if (column < 0) return [];
    const own = parsed.modelTiers.find((t) => normText(t.model) === normText(model))?.tiers ?? parsed.tiers;
    return [{ model, tierCounts: tierCounts(column, own) }];
  });
  const top = scored
    .map((row) => ({
      name: leadName(row, names, cellText(row[key])),
      key: cellText(row[key]),
      score: parseNumber(row[score]),
      tier: cellText(row[tier]),
      priority: priority >= 0 ? cellText(row[priority]) : "",
      reasons: cellText(row[reasons]),
    }))
    .sort((a, b) => b.score - a.score || a.key.localeCompare(b.key))
    .slice(0, topN);
  return {
    leadsScored: scored.length,
    tierCounts: tierCounts(tier, parsed.tiers),
    priorityCounts:
      priority >= 0
        ? priorityCounts(
            scored.map((row) => cellText(row[priority])),
            parsed,
          )
        : [],
    top,
    models,
  };
}

/** Counts per Priority cell in the grid's order: grades best first, then bands highest first. */
function priorityCounts(cells: string[], settings: ReturnType<typeof parseSettings>["settings"]) {
  const order: string[] = [];
  for (const g of [...settings.grades].reverse())
    for (const b of [...settings.engagementBands].reverse()) order.push(g.name + b.name);
  const counts = new Map(order.map((p) => [p, 0]));
  for (const p of cells) if (counts.has(p)) counts.set(p, (counts.get(p) ?? 0) + 1);
  return [...counts].map(([priority, count]) => ({ priority, count }));
}

export function summaryLines(s: StartSummary): string[] {
  return [
    `Leads scored: ${s.leadsScored}`,
    `Tiers: ${s.tierCounts.map((t) => `${t.tier} ${t.count}`).join(", ")}`,
    ...(s.priorityCounts.length
      ? [
          `Priority (grade × engagement band): ${s.priorityCounts.map((p) => `${p.priority} ${p.count}`).join(", ")}`,
        ]
      : []),
    ...s.models.map(
      (m) => `${m.model} model tiers: ${m.tierCounts.map((t) => `${t.tier} ${t.count}`).join(", ")}`,
    ),
    "Top leads:",
    ...s.top.map(
      (l, i) =>
        `${String(i + 1).padStart(2)}. ${String(l.score).padStart(3)}  ${l.tier.padEnd(11)} ${l.priority ? `${l.priority.padEnd(3)} ` : ""}${l.name} <${l.key}> — ${l.reasons}`,
    ),
  ];
}

export interface AccountLine {
  account: string;
  score: number;
  tier: string;
  leads: number;
  engaged: number;
  topLead: string;
}

/** The first `topN` rows of the Accounts tab the add-on wrote (already highest Score first); [] when none. */
export function summarizeAccounts(accounts: Grid | undefined, topN = 5): AccountLine[] {
  if (!accounts || accounts.length < 2) return [];
  const headers = accounts[0];
  const col = (name: string) => findColumn(headers, name);
  const [account, score, tier, leads, engaged, top] = [
    col("Account"),
    col("Score"),
    col("Tier"),
    col("Leads"),
    col("Engaged Leads"),
    col("Top Lead"),
  ];
  return accounts
    .slice(1)
    .filter((row) => !Number.isNaN(parseNumber(row[score])))
    .slice(0, topN)
    .map((row) => ({
      account: cellText(row[account]),
      score: parseNumber(row[score]),
      tier: cellText(row[tier]),
      leads: parseNumber(row[leads]),
      engaged: parseNumber(row[engaged]),
      topLead: cellText(row[top]),
    }));
}

export function accountLines(accounts: readonly AccountLine[], total: number): string[] {
  if (accounts.length === 0) return [];
  return [
    `Top accounts (of ${total}):`,
    ...accounts.map(
      (a) =>
        `  ${String(a.score).padStart(3)}  ${a.tier.padEnd(11)} ${a.account} — ${a.leads} lead${a.leads === 1 ? "" : "s"} (${a.engaged} engaged), top lead ${a.topLead}`,
    ),
  ];
}
