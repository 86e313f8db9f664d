// Leads tab: find the key column, give each distinct key (trimmed, case-insensitive) a group id so
// activities can be indexed by lead, and report blank and duplicate keys.
import { closestName } from "./closest";
import { warnDuplicateHeaders } from "./duplicate-headers";
import { findColumn, headerText } from "./headers";
import { BLANK_KEY, LeadKeys } from "./keys";
import type { ProblemSink } from "./problems";
import { problem } from "./problems";
import type { CellValue, Grid } from "./types";
import { TAB } from "./types";
import { cellText, isBlank } from "./values";

export interface LeadTable {
  grid: Grid;
  headers: CellValue[];
  /** -1 when the key column is missing (then no lead is scored). */
  keyCol: number;
  /** Key group per grid row; -1 for rows that are skipped (blank, or no key). */
  groupOf: Int32Array;
  /** Distinct keys (trimmed, case-insensitive) → group ids. */
  keys: LeadKeys;
  groupCount: number;
}

export function isBlankRow(row: readonly CellValue[] | undefined): boolean {
  if (!row) return true;
  for (let i = 0; i < row.length; i++) if (!isBlank(row[i])) return false;
  return true;
}

export function parseLeads(grid: Grid | undefined, leadKey: string, sink: ProblemSink): LeadTable {
  const g: Grid = grid ?? [];
  const headers = g[0] ?? [];
  const groupOf = new Int32Array(g.length).fill(-1);
  const keys = new LeadKeys(g.length);
  const table: LeadTable = { grid: g, headers, keyCol: -1, groupOf, keys, groupCount: 0 };
  if (g.length === 0 || isBlankRow(headers)) {
    sink.add(
      problem(
        TAB.leads,
        1,
        "",
        "The Leads tab has no header row.",
        `Put column names in row 1, starting with ${leadKey}.`,
      ),
    );
    return table;
  }
  warnDuplicateHeaders(TAB.leads, headers, sink);
  const keyCol = findColumn(headers, leadKey);
  table.keyCol = keyCol;
  if (keyCol < 0) {
    const near = closestName(leadKey, headers);
    sink.add(
      problem(
        TAB.leads,
        1,
        leadKey,
        `The Leads tab has no ${leadKey} column (the lead key), so no lead can be scored.${near ? ` Did you mean ${near}?` : ""}`,
        near
          ? `Set Lead key in Settings to ${near}, or rename that column to ${leadKey}.`
          : `Add a column headed ${leadKey}, or set Lead key in Settings to the column that identifies a lead.`,
      ),
    );
    return table;
  }
  const keyHeader = headerText(headers, keyCol);
  const firstRow = new Int32Array(g.length);
  for (let r = 1; r < g.length; r++) {
    const row = g[r];
    const raw = row?.[keyCol];
    const id = keys.add(raw);
    if (id === BLANK_KEY) {
      if (!isBlankRow(row)) {
        sink.add(
          problem(
            TAB.leads,
            r + 1,
            keyHeader,
            `This lead has no ${keyHeader}; the row is not scored.`,
            `Fill in ${keyHeader}, or delete the row.`,
          ),
          "lead-blank-key",
        );
      }
      continue;
    }
    if (keys.added) firstRow[id] = r + 1;
    else {
      sink.add(
        problem(
          TAB.leads,
          r + 1,
          keyHeader,
          `${keyHeader} "${cellText(raw)}" is also on row ${firstRow[id]}; both rows get this lead's activities.`,
          "Merge the two rows into one lead, or delete the duplicate.",
          "warning",
        ),
        "lead-duplicate",
      );
    }
    groupOf[r] = id;
  }
  table.groupCount = keys.size;
  return table;
}
