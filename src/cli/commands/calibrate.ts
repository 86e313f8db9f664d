// `leadscore calibrate <workbook>`: how well the current scores predict conversion, and suggested thresholds.
import { type CalibrationReport, calibrate } from "../../core/calibration";
import { type Command, UsageError } from "../command";
import { listSection, outcomeOptions, parseOutcomeArgs } from "../outcome-options";
import { formatProblems } from "../problems";
import { loadWorkbook } from "../workbook";

const usage = `Usage: leadscore calibrate <workbook> [--outcome <column>] [--json] [--as-of <ISO time>] [--tz <zone>]
                          [--backtest created-plus|before-conversion|none --days N] [--multiple X] [--min-count N]
                          [--model <name>]

Scores the leads that have an outcome (blank = still open, left out) and reports the base rate, AUC,
conversion by tier and by score decile, per-rule lift, and suggested thresholds.

Options:
  --outcome <column>   outcome column on Leads: TRUE/FALSE, yes/no, 1/0 (default: Settings "Outcome column", else Converted)
  --converted-at <col> conversion date column (default: Converted At)
  --json               print the report as JSON
  --as-of <time>       as-of time (default: now)
  --tz <zone>          time zone for date-only values (default: UTC)
  --backtest <mode>    score each lead at Created + N days (created-plus) or N days before Converted At
                       (before-conversion), so later activity cannot leak in (default: before-conversion
                       with 1 day when there is an Activity Log and a Converted At column, else none)
  --days <N>           days for --backtest (default 14 for created-plus, 1 for before-conversion)
  --multiple <X>       top tier must convert at X times the base rate (default 3)
  --min-count <N>      fewest leads at or above a suggested threshold (default 20)
  --model <name>       calibrate a named model (Scoring Matrix Model column): its scores, tiers and rules
                       (default: the default model, the rules with a blank Model)`;

const pct = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(1)}%`);
const num = (x: number | null, d = 3) => (x === null ? "–" : x.toFixed(d));

export function formatReport(r: CalibrationReport): string {
  const lines: string[] = [];
  if (r.model) lines.push(`Model: ${r.model}`);
  lines.push(`Outcome column: ${r.outcome_column}   as of ${r.as_of} (${r.time_zone})`);
  lines.push(
    `Backtest: ${r.backtest.mode}${r.backtest.mode === "none" ? "" : ` (${r.backtest.days} days)`} — ${r.backtest.description}`,
  );
  lines.push(
    `Leads with an outcome: ${r.leads_labelled} (${r.conversions} converted), open: ${r.leads_open}` +
      (r.outcomes_unreadable ? `, unreadable: ${r.outcomes_unreadable}` : ""),
  );
  const ci = r.base_rate_ci;
  lines.push(`Base rate: ${pct(r.base_rate)}${ci ? ` (95% CI ${pct(ci[0])}–${pct(ci[1])})` : ""}`);
  lines.push(
    `ROC AUC: ${num(r.auc)}   average score: converted ${num(r.avg_score.converted, 1)}, not ${num(r.avg_score.not_converted, 1)}`,
  );
  lines.push("", "By tier:");
  for (const t of r.by_tier) {
    lines.push(
      `  ${t.tier.padEnd(14)} ≥${String(t.min_score).padStart(4)}  ${String(t.leads).padStart(7)} leads  ${pct(t.rate).padStart(6)} ` +
        `(${pct(t.ci_low)}–${pct(t.ci_high)})  lift ${num(t.lift, 2)}`,
    );
  }
  lines.push("", "By score decile (1 = best):");
  for (const d of r.by_decile) {
    lines.push(
      `  ${String(d.decile).padStart(2)}  scores ${d.min_score}–${d.max_score}`.padEnd(24) +
        `${String(d.leads).padStart(7)} leads  ${pct(d.rate).padStart(6)}  lift ${num(d.lift, 2)}`,
    );
  }
  const s = r.suggested_thresholds;
  lines.push("", "Suggested thresholds:");
  lines.push(`  ${s.note}`);
  if (s.top_tier) {
    lines.push(
      `  ${s.top_tier}: current ${s.current} (${pct(s.at_current?.rate ?? null)} of ${s.at_current?.leads ?? 0} leads)` +
        (s.suggested === null
          ? ""
          : `, suggested ${s.suggested} (${pct(s.at_suggested?.rate ?? null)} of ${s.at_suggested?.leads ?? 0} leads; ${s.leads_entering} enter, ${s.leads_leaving} leave)`),
    );
  }
  for (const b of s.boundaries) {
    lines.push(
      `  ${b.tier} at ${b.current_min_score}: below ${pct(b.below.rate)} (${b.below.leads}), at or above ${pct(b.at_or_above.rate)} (${b.at_or_above.leads})`,
    );
  }
  if (r.rules.length) {
    lines.push("", "Rules (fires / conversion with / without / lift):");
    for (const rule of r.rules) {
      lines.push(
        `  ${rule.label.slice(0, 40).padEnd(40)} ${String(rule.fires).padStart(7)}  ${pct(rule.rate_with).padStart(6)}  ${pct(rule.rate_without).padStart(6)}  ${num(rule.lift, 2)}${rule.flags.length ? `  [${rule.flags.join(", ")}]` : ""}`,
      );
    }
  }
  lines.push(...listSection("Warnings", r.warnings));
  return lines.join("\n");
}

export const command: Command = {
  name: "calibrate",
  summary: "report how well scores predict conversion (AUC, tiers, deciles, rule lift, suggested thresholds)",
  usage,
  async run(argv, io) {
    const { values, path } = parseOutcomeArgs(argv, {
      multiple: { type: "string" },
      "min-count": { type: "string" },
    });
    const multiple = values.multiple === undefined ? undefined : Number(values.multiple);
    if (multiple !== undefined && !(multiple > 0))
      throw new UsageError("--multiple must be a positive number");
    const minCount = values["min-count"] === undefined ? undefined : Number(values["min-count"]);
    if (minCount !== undefined && !(minCount >= 1)) throw new UsageError("--min-count must be 1 or more");
    const { input } = await loadWorkbook(path);
    const report = calibrate(input, {
      ...outcomeOptions(values),
      topTierMultiple: multiple,
      minCount,
    });
    io.out(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
    if (report.problems.length) io.err(formatProblems(report.problems));
    return 0;
  },
};
