// Parse and check a whole workbook once: settings, lists, leads, the activity index and the rules.
// Shared by scoring and by "Check the matrix" (validateWorkbook).
import { checkAccountKey } from "./accounts";
import type { ActivityIndex } from "./activities";
import { activityHeaderRow, emptyActivityIndex, indexActivities } from "./activities";
import { activityTable } from "./cell-table";
import { checkGroupSettings } from "./group-checks";
import { findColumn } from "./headers";
import type { LeadTable } from "./leads";
import { isBlankRow, parseLeads } from "./leads";
import type { NamedList } from "./lists";
import { parseLists } from "./lists";
import type { Rule } from "./matrix";
import { groupNamesOf, parseMatrix } from "./matrix";
import type { ModelRules } from "./models";
import { splitModels } from "./models";
import type { ProblemSink } from "./problems";
import { createProblemSink, onceSink, problem } from "./problems";
import { parseSettings, workbookClock } from "./settings";
import type { ZoneClock } from "./time";
import type { Problem, Settings, WorkbookInput } from "./types";
import { TAB } from "./types";
import { cellText } from "./values";

export interface PreparedWorkbook {
  settings: Settings;
  lists: Map<string, NamedList>;
  leads: LeadTable;
  activities: ActivityIndex;
  /** The default model's rules (blank Model) and groups. */
  rules: Rule[];
  groupNames: string[];
  /** The named models, in matrix order of first appearance (empty without a Model column). */
  models: ModelRules[];
  clock: ZoneClock;
  sink: ProblemSink;
}

export function prepareWorkbook(input: WorkbookInput, timeZone: string): PreparedWorkbook {
  const sink = createProblemSink();
  const { settings, problems, cells } = parseSettings(input.settings);
  const clock = workbookClock(timeZone, settings);
  for (const p of problems) sink.add(p);
  const lists = parseLists(input.lists, sink);
  const leads = parseLeads(input.leads, settings.leadKey, sink);
  const log = activityTable(input);
  const activityHeaders = activityHeaderRow(log, settings.leadKey, sink);
  const allRules = parseMatrix(input.matrix, { leadHeaders: leads.headers, activityHeaders, lists, sink });
  const { rules, models } = splitModels(allRules, settings, cells, sink);
  const groupNames = groupNamesOf(rules);
  // Group limits and the grade group apply in every model: a group of any model makes them do something.
  checkGroupSettings(settings, cells, groupNamesOf(allRules), sink);
  checkAccountKey(settings, cells, leads.headers, sink);
  const activities = activityHeaders
    ? indexActivities(log, leads, settings.leadKey, clock, sink, testedColumns(allRules))
    : emptyActivityIndex(leads.groupCount);
  if (activityHeaders) checkEvents(allRules, activities, sink);
  return { settings, lists, leads, activities, rules, groupNames, models, clock, sink };
}

/**
 * Activity rules whose Event no row of the Activity Log has match nothing: each gets a warning naming the
 * events the log does have. An empty log gets one warning for all of them (every rule is then idle, and
 * one line per rule would bury the other problems).
 */
function checkEvents(rules: readonly Rule[], activities: ActivityIndex, sink: ProblemSink): void {
  const idle = rules.filter(
    (r) => r.source === "activity" && r.event !== "" && !activities.events.has(r.event),
  );
  if (!idle.length) return;
  if (activities.count === 0) {
    // A log with rows but none indexed: each bad row is reported already.
    const { table } = activities;
    for (let r = 1; r < table.length; r++) if (!isBlankRow(table.row(r))) return;
    const names = idle.slice(0, 3).map((r) => r.label);
    const more = idle.length > 3 ? ` and ${idle.length - 3} more` : "";
    sink.add(
      problem(
        TAB.activities,
        1,
        "Event",
        `The Activity Log has no activities yet, so the ${idle.length} activity rule${idle.length === 1 ? "" : "s"} (${names.join(", ")}${more}) score nothing.`,
        "Add one row per activity under the header row (Timestamp, the lead key, Event, Detail), or import them from your CRM.",
        "warning",
        "no-activities-yet",
      ),
    );
    return;
  }
  const have = eventNames(activities);
  if (!have.length) return; // no Event column: reported with the log's columns
  const shown = have.slice(0, 8).join(", ") + (have.length > 8 ? `, and ${have.length - 8} more` : "");
  for (const r of idle) {
    sink.add(
      problem(
        TAB.matrix,
        r.row,
        "Event",
        `No activity in the Activity Log has the event "${r.eventShown}", so this rule matches nothing yet. The log's events are: ${shown}.`,
        "Check the spelling against the Event column of the Activity Log, or turn the rule off (Active FALSE).",
        "warning",
      ),
    );
  }
}

/** The log's events as first written, in the order they first occur. */
function eventNames(activities: ActivityIndex): string[] {
  const evCol = findColumn(activities.headers, "Event");
  const names: string[] = [];
  let found = 0;
  const { table } = activities;
  for (let r = 1; r < table.length && found < activities.events.size; r++) {
    const id = activities.eventId[r];
    if (id >= 0 && names[id] === undefined) {
      names[id] = cellText(table.cell(r, evCol)).trim();
      found++;
    }
  }
  return names.filter((n) => n !== undefined);
}

/** Activity Log columns that rules test → the events whose rows they test (null: any event). */
function testedColumns(rules: readonly Rule[]): Map<number, Set<string> | null> {
  const tested = new Map<number, Set<string> | null>();
  for (const rule of rules) {
    if (rule.source !== "activity" || rule.column < 0 || rule.condition === null) continue;
    const events = tested.get(rule.column);
    if (events === null) continue;
    if (rule.event === "") tested.set(rule.column, null);
    else if (events === undefined) tested.set(rule.column, new Set([rule.event]));
    else events.add(rule.event);
  }
  return tested;
}

/** The workbook as one named model sees it: only its rules and groups, its tiers in the settings. */
export function modelWorkbook(wb: PreparedWorkbook, model: ModelRules): PreparedWorkbook {
  const settings = { ...wb.settings, tiers: model.tiers };
  return {
    ...wb,
    settings,
    rules: model.rules,
    groupNames: model.groupNames,
    models: [],
    sink: onceSink(wb.sink),
  };
}

/** "Check the matrix": parse and check every tab without scoring. */
export function validateWorkbook(input: WorkbookInput, timeZone: string): Problem[] {
  return prepareWorkbook(input, timeZone).sink.finish();
}
