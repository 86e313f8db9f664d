// "Score all leads now": a full run under the document lock (then the queued work), reported in a toast.
import type { RunSummary } from "../contract";
import { lockedRun } from "./locked-run";
import { type FullRun, runFullScoring } from "./scoring";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function summaryText(summary: RunSummary): string {
  const tiers = Object.entries(summary.tierCounts)
    .map(([tier, n]) => `${tier} ${n}`)
    .join(", ");
  const problems =
    summary.problems === 0
      ? "no problems"
      : `${summary.problems} problem${summary.problems === 1 ? "" : "s"} (see the Problems tab)`;
  const leads = `${summary.leadsScored} lead${summary.leadsScored === 1 ? "" : "s"}`;
  return `Scored ${leads}: ${tiers}; ${problems}.${summary.note ? ` ${summary.note}` : ""}`;
}

export function scoreAllWithToast(ss: Spreadsheet, trigger: RunSummary["trigger"]): FullRun {
  const result = lockedRun(ss, 10_000, () => runFullScoring(ss, trigger));
  ss.toast(summaryText(result.summary), "Leadscore", 10);
  return result;
}
