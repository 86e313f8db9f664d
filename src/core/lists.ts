// Lists tab: each column is a named list (header = name) for `in list @Name`.
import { normalizeHeader } from "./headers";
import type { Grid } from "./types";
import { cellText, isBlank, normText, parseNumber } from "./values";

export interface NamedList {
  /** Header as the user spelt it. */
  name: string;
  /** Items trimmed and lower-cased. */
  items: Set<string>;
  /** Items that are numbers, so 10 matches "10.0" and "1,200" matches 1200. */
  numbers: Set<number>;
}

/** Lists keyed by normalized name. A missing tab gives no lists. */
export function parseLists(grid: Grid | undefined): Map<string, NamedList> {
  const lists = new Map<string, NamedList>();
  if (!grid || grid.length === 0) return lists;
  const headers = grid[0] ?? [];
  for (let c = 0; c < headers.length; c++) {
    if (isBlank(headers[c])) continue;
    const key = normalizeHeader(String(headers[c]));
    if (lists.has(key)) continue;
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
