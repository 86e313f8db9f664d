// A lead's display name: "First Last", a Name column, or its key.
import { findColumn } from "./headers";
import type { CellValue } from "./types";
import { cellText } from "./values";

export interface NameColumns {
  first: number;
  last: number;
  name: number;
}

export function nameColumns(headers: readonly CellValue[]): NameColumns {
  return {
    first: findColumn(headers, "First Name"),
    last: findColumn(headers, "Last Name"),
    name: findColumn(headers, "Name"),
  };
}

export function leadName(row: readonly CellValue[], columns: NameColumns, key: string): string {
  const parts = [columns.first, columns.last].filter((c) => c >= 0).map((c) => cellText(row[c]));
  const joined = parts.filter(Boolean).join(" ");
  if (joined) return joined;
  if (columns.name >= 0 && cellText(row[columns.name])) return cellText(row[columns.name]);
  return key;
}
