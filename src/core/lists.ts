// Lists tab: each column is a named list (header = name) for `in list @Name`.
import { columnLetter } from "./a1";
import { normalizeHeader } from "./headers";
import type { ProblemSink } from "./problems";
import { problem } from "./problems";
import type { Grid } from "./types";
import { TAB } from "./types";
import { cellText, isBlank, normText, parseNumber } from "./values";

export interface NamedList {
  /** Header as the user spelt it. */
  name: string;
  /** Items trimmed and lower-cased. */
  items: Set<string>;
  /** Items that are numbers, so 10 matches "10.0" and "1,200" matches 1200. */
  numbers: Set<number>;
}

/**
 * Lists keyed by normalized name. A missing tab gives no lists. Items without a list name and a second
 * list of the same name are reported to `sink` (callers that only need the lists may omit it).
 */
export function parseLists(grid: Grid | undefined, sink?: ProblemSink): Map<string, NamedList> {
  const lists = new Map<string, NamedList>();
  if (!grid || grid.length === 0) return lists;
  const headers = grid[0] ?? [];
  const width = grid.reduce((w, row) => Math.max(w, row.length), 0);
  const firstColumn = new Map<string, number>();
  for (let c = 0; c < width; c++) {
    if (isBlank(headers[c])) {
      if (sink && grid.some((row, r) => r > 0 && !isBlank(row[c]))) {
        sink.add(
          problem(
            TAB.lists,
            1,
            "",
            `Column ${columnLetter(c + 1)} has items but no list name in row 1, so no rule can use them.`,
            `Type the list's name in row 1 of column ${columnLetter(c + 1)} (rules use it as @Name), or delete the items.`,
            "warning",
          ),
        );
      }
      continue;
    }
    const key = normalizeHeader(String(headers[c]));
    const first = firstColumn.get(key);
    if (first !== undefined) {
      sink?.add(
        problem(
          TAB.lists,
          1,
          cellText(headers[c]),
          `Column ${columnLetter(c + 1)} is a second list named ${cellText(headers[c])}; rules use column ${columnLetter(first + 1)} only, so these items are ignored.`,
          "Move the items into the first list, or give this list another name.",
          "warning",
        ),
      );
      continue;
    }
    firstColumn.set(key, c);
    const list: NamedList = { name: cellText(headers[c]), items: new Set(), numbers: new Set() };
    for (let r = 1; r < grid.length; r++) {
      const v = grid[r]?.[c] ?? null;
      if (isBlank(v)) continue;
      list.items.add(normText(v));
      const x = parseNumber(v);
      if (!Number.isNaN(x)) list.numbers.add(x);
    }
    lists.set(key, list);
  }
  return lists;
}
