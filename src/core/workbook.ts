// Parse and check a whole workbook once: settings, lists, leads, the activity index and the rules.
// Shared by scoring and by "Check the matrix" (validateWorkbook).
import type { ActivityIndex } from "./activities";
import { activityHeaderRow, emptyActivityIndex, indexActivities } from "./activities";
import { checkGroupSettings } from "./group-checks";
import type { LeadTable } from "./leads";
import { parseLeads } from "./leads";
import type { NamedList } from "./lists";
import { parseLists } from "./lists";
import type { Rule } from "./matrix";
import { groupNamesOf, parseMatrix } from "./matrix";
import type { ProblemSink } from "./problems";
import { createProblemSink, problem } from "./problems";
import { parseSettings } from "./settings";
import { EVENT_NAMES } from "./templates";
import type { ZoneClock } from "./time";
import { zoneClock } from "./time";
import type { Problem, Settings, WorkbookInput } from "./types";
import { TAB } from "./types";

export interface PreparedWorkbook {
  settings: Settings;
  lists: Map<string, NamedList>;
  leads: LeadTable;
  activities: ActivityIndex;
  rules: Rule[];
  groupNames: string[];
  clock: ZoneClock;
  sink: ProblemSink;
}

const KNOWN_EVENTS = new Set(EVENT_NAMES.map((e) => e.toLowerCase()));

export function prepareWorkbook(input: WorkbookInput, timeZone: string): PreparedWorkbook {
  const sink = createProblemSink();
  const clock = zoneClock(timeZone);
  const { settings, problems, cells } = parseSettings(input.settings);
  for (const p of problems) sink.add(p);
  const lists = parseLists(input.lists, sink);
  const leads = parseLeads(input.leads, settings.leadKey, sink);
  const activityHeaders = activityHeaderRow(input.activities, settings.leadKey, sink);
  const rules = parseMatrix(input.matrix, { leadHeaders: leads.headers, activityHeaders, lists, sink });
  const groupNames = groupNamesOf(rules);
  checkGroupSettings(settings, cells, groupNames, sink);
  const activities = activityHeaders
    ? indexActivities(input.activities, leads, settings.leadKey, clock, sink, testedColumns(rules))
    : emptyActivityIndex(leads.groupCount);
  if (activities.count > 0) {
    for (const r of rules) {
      if (
        r.source === "activity" &&
        r.event !== "" &&
        !activities.events.has(r.event) &&
        !KNOWN_EVENTS.has(r.event)
      ) {
        sink.add(
          problem(
            TAB.matrix,
            r.row,
            "Event",
            `No activity in the Activity Log has the event "${r.eventShown}", so this rule matches nothing yet.`,
            "Check the spelling against the Event column of the Activity Log.",
            "warning",
          ),
        );
      }
    }
  }
  return { settings, lists, leads, activities, rules, groupNames, clock, sink };
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

/** "Check the matrix": parse and check every tab without scoring. */
export function validateWorkbook(input: WorkbookInput, timeZone: string): Problem[] {
  return prepareWorkbook(input, timeZone).sink.finish();
}
