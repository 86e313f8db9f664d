// A full scoring run in the sheet: read each tab once, score in memory, write every output column once,
// rebuild the Problems tab, stamp the Settings "Scored at" cell. Large sheets that near the execution
// limit are written in row blocks and continued by a follow-up trigger from a checkpoint.

import { type RunSummary, TRIGGER_HANDLERS } from "../contract";
import { type ScoreRun, scoreWorkbook } from "../core";
import type { AccountRollUp } from "../core/accounts";
import { SETTING } from "../core/known-settings";
import { writeAccountsTab } from "./accounts-tab";
import { effectiveUser, isAnotherUser } from "./feature-owner";
import { workbookGrids } from "./grids";
import { storeStates } from "./incremental-run";
import { ensureOutputHeaders, writeOutputRows } from "./outputs";
import { donePending, pendingWork } from "./pending-work";
import { writeMatrixNotes, writeProblemsTab } from "./problems-tab";
import { writeSetting } from "./settings-tab";
import { clearState, KEY, readState, writeState } from "./state";
import { deleteTriggers, runSoon } from "./triggers";
import { readWorkbook, type SheetWorkbook } from "./workbook";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Apps Script stops a run at 6 minutes; past these marks a run writes in blocks and then hands over. */
export const TIME = { chunkAfterMs: 3 * 60_000, stopAfterMs: 5 * 60_000, blockRows: 5_000 };

interface Checkpoint {
  asOf: string;
  nextRow: number;
  trigger: RunSummary["trigger"];
  /** Keys of the queued edits and rescores this run covers, done when it ends. */
  covers?: string[];
  /** Whose follow-up trigger continues it: another editor's left over from an older checkpoint retires. */
  owner?: string;
}

/** A checkpoint names at most this many covered items (~6 KB of the 9 KB a property holds); more stay queued. */
const MAX_COVERS = 100;

export interface FullRun {
  run: ScoreRun;
  workbook: SheetWorkbook;
  summary: RunSummary;
  /** True when the run stopped at a checkpoint and continues in a follow-up trigger. */
  continued: boolean;
  /** The account roll-up written to the Accounts tab; null when accounts are off or this run continued another. */
  accounts: AccountRollUp | null;
}

export function tierCounts(run: ScoreRun): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const tier of run.settings.tiers) counts[tier.name] = 0;
  for (const lead of run.leads) counts[lead.tier] = (counts[lead.tier] ?? 0) + 1;
  return counts;
}

/** Scores every lead (from `fromRow` on, when continuing) and writes the results. */
export function runFullScoring(
  ss: Spreadsheet,
  trigger: RunSummary["trigger"],
  options: { asOf?: Date; fromRow?: number; startedAt?: number; covers?: string[] } = {},
): FullRun {
  const startedAt = options.startedAt ?? Date.now();
  const asOf = options.asOf ?? new Date();
  const fromRow = options.fromRow ?? 2;
  // Edits and rescores queued before the workbook is read are covered by this run; later ones are not.
  const covers =
    options.covers ??
    pendingWork()
      .filter((p) => p.item.kind !== "form")
      .map((p) => p.key);
  const workbook = readWorkbook(ss);
  const { input, leadsSheet } = workbook;
  const lastRow = input.leads.length;
  const onlyRows = fromRow > 2 ? new Set(rangeOf(fromRow, lastRow)) : undefined;
  const run = scoreWorkbook(input, { asOf, timeZone: workbook.timeZone, onlyRows });
  const layout = ensureOutputHeaders(leadsSheet, input.leads, run);
  // Accounts need every lead: only a run from the first row has them all (a continuation has its rest).
  const accounts = onlyRows ? null : writeAccountsTab(ss, workbook, run);

  let next = fromRow;
  if (Date.now() - startedAt < TIME.chunkAfterMs) {
    writeOutputRows(leadsSheet, layout, run, fromRow, lastRow);
    next = lastRow + 1;
  } else {
    // Near the limit: whole-row blocks, so a stop never leaves a lead half-written, and no block is
    // started that the last one's duration says would not end before the stop mark.
    let lastBlockMs = 0;
    while (next <= lastRow && Date.now() - startedAt + lastBlockMs < TIME.stopAfterMs) {
      const blockStart = Date.now();
      const to = Math.min(lastRow, next + TIME.blockRows - 1);
      writeOutputRows(leadsSheet, layout, run, next, to);
      next = to + 1;
      lastBlockMs = Date.now() - blockStart;
    }
  }
  const continued = next <= lastRow;
  if (continued) {
    const checkpoint: Checkpoint = {
      asOf: asOf.toISOString(),
      nextRow: next,
      trigger,
      covers: covers.slice(0, MAX_COVERS),
      owner: effectiveUser(),
    };
    writeState(KEY.checkpoint, checkpoint);
    runSoon(TRIGGER_HANDLERS.checkpoint, 60_000);
  } else {
    clearState(KEY.checkpoint);
    // Every lead is scored with the data read at the start, so the work queued before that is done.
    donePending(covers);
    finishRun(ss, workbook, run, asOf);
  }
  const summary: RunSummary = {
    at: new Date().toISOString(),
    trigger,
    leadsScored: run.leads.length,
    tierCounts: tierCounts(run),
    notificationsSent: 0,
    notificationsPending: 0,
    problems: run.problems.length,
    note: continued ? `Scored rows up to ${next - 1}; the rest continues in a minute.` : undefined,
  };
  writeState(KEY.lastRun, summary);
  return { run, workbook, summary, continued, accounts };
}

/** Problems and the as-of stamp are written once the whole tab is scored. */
function finishRun(ss: Spreadsheet, workbook: SheetWorkbook, run: ScoreRun, asOf: Date): void {
  writeProblemsTab(ss, run.problems, workbook.sheets, workbookGrids(workbook));
  writeMatrixNotes(workbook.sheets, workbook.input.matrix, run.problems);
  if (workbook.input.settings)
    writeSetting(workbook.sheets, workbook.input.settings, SETTING.scoredAt.name, asOf);
  storeStates(ss, workbook, asOf);
}

/** The follow-up trigger's work (under the lock, locked-run.ts): resume from the checkpoint with the same as-of time. */
export function continueFromCheckpoint(ss: Spreadsheet): FullRun | null {
  const checkpoint = readState<Checkpoint>(KEY.checkpoint);
  deleteTriggers(TRIGGER_HANDLERS.checkpoint);
  if (!checkpoint || isAnotherUser(checkpoint.owner)) return null;
  return runFullScoring(ss, checkpoint.trigger, {
    asOf: new Date(checkpoint.asOf),
    fromRow: checkpoint.nextRow,
    covers: checkpoint.covers ?? [],
  });
}

function rangeOf(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
