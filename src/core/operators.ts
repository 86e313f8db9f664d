// Operators: parse the Operator/Value cells once into a Condition, then bind it to a column into a
// test function used in the hot loops. Tests return MATCH, NO_MATCH or NOT_NUMBER (no match, and the
// cell was text where a number was needed: a data warning the caller tallies).
import type { ColumnSource } from "./columns";
import { normalizeHeader } from "./headers";
import type { NamedList } from "./lists";
import type { Pattern } from "./regex";
import { compilePattern, isPatternError } from "./regex";
import type { CellValue } from "./types";
import { cellText, isBlank, normText, parseNumber } from "./values";

export const NO_MATCH = 0;
export const MATCH = 1;
export const NOT_NUMBER = 2;
export type TestResult = 0 | 1 | 2;
export type RowTest = (row: number) => TestResult;

export type OpKind =
  | "eq"
  | "ne"
  | "contains"
  | "notContains"
  | "startsWith"
  | "endsWith"
  | "inList"
  | "notInList"
  | "matches"
  | "gt"
  | "ge"
  | "lt"
  | "le"
  | "between"
  | "blank"
  | "notBlank";

/** Canonical spellings, in the order the Operator dropdown shows them. */
export const OPERATORS: readonly string[] = [
  "=",
  "!=",
  "contains",
  "not contains",
  "starts with",
  "ends with",
  "in list",
  "not in list",
  "matches",
  ">",
  ">=",
  "<",
  "<=",
  "between",
  "is blank",
  "is not blank",
];

const ALIASES: Record<string, OpKind> = {
  "=": "eq",
  "==": "eq",
  is: "eq",
  equals: "eq",
  "!=": "ne",
  "<>": "ne",
  "≠": "ne",
  "is not": "ne",
  "not equals": "ne",
  contains: "contains",
  "not contains": "notContains",
  "does not contain": "notContains",
  "starts with": "startsWith",
  "ends with": "endsWith",
  "in list": "inList",
  "not in list": "notInList",
  matches: "matches",
  ">": "gt",
  ">=": "ge",
  "≥": "ge",
  "<": "lt",
  "<=": "le",
  "≤": "le",
  between: "between",
  "is blank": "blank",
  "is not blank": "notBlank",
};

export function parseOperator(text: string): OpKind | undefined {
  return ALIASES[normalizeHeader(text)];
}

export interface Condition {
  op: OpKind;
  /** Normalized Value text. */
  text: string;
  /** Value as a number (NaN when not numeric); the low end for between. */
  num: number;
  /** High end for between. */
  hi: number;
  items: Set<string>;
  numbers: Set<number>;
  regex: Pattern | null;
}

export interface ConditionError {
  message: string;
  fix: string;
}

const LIST_FIX = "List the values separated by commas (e.g. US, Canada) or name a Lists column with @Name.";

/** Check a Value against its operator and pre-parse it. `lists` are the Lists tab columns. */
export function prepareCondition(
  op: OpKind,
  value: CellValue,
  lists: ReadonlyMap<string, NamedList>,
): Condition | ConditionError {
  const shown = cellText(value);
  const c: Condition = {
    op,
    text: normText(value),
    num: parseNumber(value),
    hi: Number.NaN,
    items: new Set(),
    numbers: new Set(),
    regex: null,
  };
  if (op === "blank" || op === "notBlank") return c;
  if (isBlank(value)) {
    return {
      message: `Operator needs a Value, and Value is empty.`,
      fix:
        op === "eq" || op === "ne"
          ? "Enter the value to compare with; to test for an empty cell use is blank / is not blank."
          : "Enter the value to compare with.",
    };
  }
  switch (op) {
    case "gt":
    case "ge":
    case "lt":
    case "le":
      if (Number.isNaN(c.num)) {
        return {
          message: `"${shown}" is not a number, so it cannot be compared with >, >=, < or <=.`,
          fix: "Enter a number such as 50 or 1,200.",
        };
      }
      return c;
    case "between": {
      const parts = shown.split("..");
      const lo = parts.length === 2 ? parseNumber(parts[0]) : Number.NaN;
      const hi = parts.length === 2 ? parseNumber(parts[1]) : Number.NaN;
      if (Number.isNaN(lo) || Number.isNaN(hi) || lo > hi) {
        return {
          message: `"${shown}" is not a range for between.`,
          fix: "Write the range as low..high with low ≤ high, e.g. 50..500 (both ends included).",
        };
      }
      c.num = lo;
      c.hi = hi;
      return c;
    }
    case "matches": {
      const pattern = compilePattern(shown);
      if (isPatternError(pattern)) return pattern;
      c.regex = pattern;
      return c;
    }
    case "inList":
    case "notInList": {
      if (shown.startsWith("@")) {
        const list = lists.get(normalizeHeader(shown.slice(1)));
        if (list === undefined) {
          return {
            message: `No list named "${shown.slice(1).trim()}" in the Lists tab.`,
            fix: `Add a column headed ${shown.slice(1).trim()} to the Lists tab, or fix the name after @.`,
          };
        }
        c.items = list.items;
        c.numbers = list.numbers;
        return c;
      }
      for (const part of shown.split(",")) {
        const t = part.trim();
        if (t === "") continue;
        c.items.add(t.toLowerCase());
        const x = parseNumber(t);
        if (!Number.isNaN(x)) c.numbers.add(x);
      }
      if (c.items.size === 0) return { message: `"${shown}" lists no values.`, fix: LIST_FIX };
      return c;
    }
    default:
      return c;
  }
}

export function isConditionError(x: Condition | ConditionError): x is ConditionError {
  return (x as ConditionError).message !== undefined;
}

/**
 * Bind a condition to a column. A blank cell matches only `is blank`. On a column of few distinct
 * values the condition is tested once per value and a row's test is a table read.
 */
export function bindCondition(c: Condition, src: ColumnSource): RowTest {
  const table = bindTable(c, src);
  if (table === null) return bindRowTest(c, src);
  const { codes, results } = table;
  return (r) => results[codes[r]] as TestResult;
}

/** A condition on a dictionary-coded column as tables: row r's result is results[codes[r]]. */
export interface TestTable {
  codes: Int32Array;
  results: Uint8Array;
}

/** The tables behind bindCondition's test when the column is dictionary-coded, else null. */
export function bindTable(c: Condition, src: ColumnSource): TestTable | null {
  const dict = src.dictionary?.() ?? null;
  if (dict === null) return null;
  const test = bindRowTest(c, dict.values);
  const results = new Uint8Array(dict.size);
  for (let i = 0; i < dict.size; i++) results[i] = test(i);
  return { codes: dict.codes, results };
}

function bindRowTest(c: Condition, src: ColumnSource): RowTest {
  const v = c.text;
  const n = c.num;
  switch (c.op) {
    case "blank": {
      const t = src.text();
      return (r) => (t[r] === "" ? MATCH : NO_MATCH);
    }
    case "notBlank": {
      const t = src.text();
      return (r) => (t[r] !== "" ? MATCH : NO_MATCH);
    }
    case "eq":
    case "ne": {
      const t = src.text();
      const want = c.op === "eq" ? MATCH : NO_MATCH;
      const other = c.op === "eq" ? NO_MATCH : MATCH;
      if (Number.isNaN(n)) return (r) => (t[r] === "" ? NO_MATCH : t[r] === v ? want : other);
      const x = src.num();
      return (r) => {
        const xr = x[r];
        if (!Number.isNaN(xr)) return xr === n ? want : other;
        return t[r] === "" ? NO_MATCH : t[r] === v ? want : other;
      };
    }
    case "contains": {
      const t = src.text();
      return (r) => (t[r] !== "" && t[r].includes(v) ? MATCH : NO_MATCH);
    }
    case "notContains": {
      const t = src.text();
      return (r) => (t[r] !== "" && !t[r].includes(v) ? MATCH : NO_MATCH);
    }
    case "startsWith": {
      const t = src.text();
      return (r) => (t[r] !== "" && t[r].startsWith(v) ? MATCH : NO_MATCH);
    }
    case "endsWith": {
      const t = src.text();
      return (r) => (t[r] !== "" && t[r].endsWith(v) ? MATCH : NO_MATCH);
    }
    case "inList":
    case "notInList": {
      const t = src.text();
      const items = c.items;
      const nums = c.numbers;
      const want = c.op === "inList" ? MATCH : NO_MATCH;
      const other = c.op === "inList" ? NO_MATCH : MATCH;
      if (nums.size === 0) return (r) => (t[r] === "" ? NO_MATCH : items.has(t[r]) ? want : other);
      const x = src.num();
      return (r) => {
        if (t[r] === "") return NO_MATCH;
        if (items.has(t[r])) return want;
        const xr = x[r];
        return !Number.isNaN(xr) && nums.has(xr) ? want : other;
      };
    }
    case "matches": {
      const t = src.text();
      const re = c.regex as Pattern;
      return (r) => (t[r] !== "" && re.test(t[r]) ? MATCH : NO_MATCH);
    }
    default:
      return bindNumeric(c, src);
  }
}

function bindNumeric(c: Condition, src: ColumnSource): RowTest {
  const x = src.num();
  const n = c.num;
  const hi = c.hi;
  // NaN compares false, so the happy path is one comparison; the fallback separates blank from text.
  // The text form is built on the first cell that is not a number (a numeric column never needs it).
  let t: string[] | null = null;
  const miss = (r: number): TestResult => {
    if (src.numeric) return NO_MATCH;
    t ??= src.text();
    return t[r] === "" ? NO_MATCH : NOT_NUMBER;
  };
  switch (c.op) {
    case "gt":
      return (r) => (x[r] > n ? MATCH : !Number.isNaN(x[r]) ? NO_MATCH : miss(r));
    case "ge":
      return (r) => (x[r] >= n ? MATCH : !Number.isNaN(x[r]) ? NO_MATCH : miss(r));
    case "lt":
      return (r) => (x[r] < n ? MATCH : !Number.isNaN(x[r]) ? NO_MATCH : miss(r));
    case "le":
      return (r) => (x[r] <= n ? MATCH : !Number.isNaN(x[r]) ? NO_MATCH : miss(r));
    default:
      return (r) => (x[r] >= n && x[r] <= hi ? MATCH : !Number.isNaN(x[r]) ? NO_MATCH : miss(r));
  }
}

/** Generated rule label when Rule is blank, e.g. "Job Title contains vp". */
export function describeCondition(field: string, opText: string, value: CellValue): string {
  const op = opText.trim();
  const parseOp = parseOperator(op);
  if (parseOp === "blank" || parseOp === "notBlank") return `${field} ${op}`;
  return `${field} ${op} ${cellText(value)}`.trim();
}
