// Settings that name a group, checked once the matrix's groups are known: a Grade group or a group limit
// naming no group of an active rule would do nothing, silently (every Grade blank, a cap never applied).
import { normalizeHeader } from "./headers";
import { SETTING, saysNone } from "./known-settings";
import type { ProblemSink } from "./problems";
import { problem } from "./problems";
import type { SettingsCells } from "./settings";
import type { Settings } from "./types";
import { TAB } from "./types";

/** `groupNames`: the groups of the active rules; none (no rule scores) is reported by the matrix. */
export function checkGroupSettings(
  settings: Settings,
  cells: SettingsCells,
  groupNames: readonly string[],
  sink: ProblemSink,
): void {
  if (groupNames.length === 0) return;
  const known = new Set(groupNames.map(normalizeHeader));
  const listed = groupNames.join(", ");
  // Only a typed Grade group: with none, a matrix without the default group has no grades by design.
  const grade = settings.gradeGroup;
  const at = cells.values.get(normalizeHeader(SETTING.gradeGroup.name));
  if (at && !known.has(normalizeHeader(grade)) && !saysNone(grade)) {
    sink.add(
      problem(
        TAB.settings,
        at.row,
        at.column,
        `Grade group "${grade}" is not the Group of any active rule, so every Grade is blank.`,
        `Write one of the matrix's groups (${listed}), or none for no grades.`,
        "warning",
      ),
    );
  }
  for (const limit of settings.groupLimits) {
    if (known.has(normalizeHeader(limit.group))) continue;
    const at = cells.groupLimits.get(limit);
    sink.add(
      problem(
        TAB.settings,
        at?.row ?? 0,
        at?.column ?? "Group",
        `Group ${limit.group} has a Min or Max, but no active rule is in that group, so the limit does nothing.`,
        `Spell the group as in the Group column of the Scoring Matrix (${listed}), or delete the row.`,
        "warning",
      ),
    );
  }
}
