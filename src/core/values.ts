// Cell coercion shared by every parser: blank, text, numbers ("1,200"), yes/no words.
import type { CellValue } from "./types";

/** Blank = null/undefined, or text that is empty after trimming. */
export function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** The cell as trimmed display text, for messages and labels. */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim();
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return Number.isNaN(v.getTime()) ? "" : v.toISOString();
}

/** Trimmed, lower-cased text: the form every text comparison uses. */
export function normText(v: CellValue | undefined): string {
  if (typeof v === "string") return v.trim().toLowerCase();
  return cellText(v).toLowerCase();
}

/** Plain decimal, optionally signed, with an optional exponent. Thousands commas are handled apart. */
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/**
 * Numeric value of a number or numeric text ("1,200", " -3.5 "); NaN for anything else (incl. blank), and
 * for text beyond a double's range such as 1e999 (a spreadsheet keeps that as text too, not Infinity).
 */
export function parseNumber(v: CellValue | undefined): number {
  if (typeof v === "number") return Number.isFinite(v) ? v : Number.NaN;
  if (typeof v !== "string") return Number.NaN;
  const s = v.trim();
  if (s === "") return Number.NaN;
  const x = PLAIN_NUMBER.test(s)
    ? Number(s)
    : GROUPED_NUMBER.test(s)
      ? Number(s.replace(/,/g, ""))
      : Number.NaN;
  return Number.isFinite(x) ? x : Number.NaN;
}

const TRUE_WORDS = new Set(["true", "yes", "y", "1", "on", "x", "✓", "✔"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0", "off"]);

/** Yes/no cell: true/false, or undefined when the text is neither (blank → `blankAs`). */
export function parseYesNo(v: CellValue | undefined, blankAs: boolean): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (isBlank(v)) return blankAs;
  if (typeof v === "number") return v === 1 ? true : v === 0 ? false : undefined;
  const t = normText(v);
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return undefined;
}

/** Short display of a point value: 25, -10, 2.5; tiny non-zero values keep one significant digit. */
export function formatPoints(x: number): string {
  const r = Math.round(x * 10) / 10;
  if (r === 0 && x !== 0) return String(Number(x.toPrecision(1)));
  return String(r === 0 ? 0 : r);
}
