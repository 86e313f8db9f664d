// What a cell holds after a script writes a value, and how it reads back. Sheets parses strings written by
// setValue/setValues/appendRow as if the user typed them, under the spreadsheet's locale: "=…" is a
// formula, "'…" is literal text without the apostrophe, "123" a number, "TRUE" a boolean, "1-10" a date
// (typed-input.ts). The add-on must therefore escape untrusted text (form answers) before writing it.
import type { CellValue } from "../../../core/types";
import { formatDate } from "../format-date";
import { parseTyped, type Typing } from "./typed-input";

export interface Written {
  value: CellValue;
  formula?: string;
}

/**
 * The cell a script's value becomes. `text` is true when the cell's number format is "@" (plain text):
 * then strings are kept as written. `at` holds the spreadsheet's locale, time zone and clock.
 * `evaluate` computes a formula's value.
 */
export function coerceInput(
  input: unknown,
  text: boolean,
  at: Typing,
  evaluate: (f: string) => CellValue,
): Written {
  if (input === null || input === undefined) return { value: "" };
  if (typeof input === "number") return { value: Number.isNaN(input) ? "#NUM!" : input === 0 ? 0 : input };
  if (typeof input === "boolean") return { value: input };
  if (isDate(input)) return { value: new Date(input.getTime()) };
  const s = typeof input === "string" ? input : String(input);
  if (s === "" || text) return { value: s };
  const c = s[0];
  if (c === "'") return { value: s.slice(1) };
  if (c === "=" && s.length > 1) return { formula: s, value: evaluate(s) };
  const typed = parseTyped(s.trim(), at);
  if (typed !== undefined) return { value: typed };
  // "+x" / "-x" that is not a number is typed as a formula in Sheets ("+1 555 0100" shows #ERROR!).
  if ((c === "+" || c === "-") && s.length > 1) {
    const formula = "=" + s;
    return { formula, value: evaluate(formula) };
  }
  return { value: s };
}

// --- A tiny evaluator for formulas whose value does not depend on other cells. ---

class Unsupported extends Error {}
class BadSyntax extends Error {}

type Tok =
  | { t: "num"; v: number }
  | { t: "str"; v: string }
  | { t: "op"; v: string }
  | { t: "id"; v: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === " ") {
      i++;
      continue;
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ t: "num", v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let s = "";
      for (;;) {
        if (j >= src.length) throw new BadSyntax();
        if (src[j] === '"') {
          if (src[j + 1] === '"') {
            s += '"';
            j += 2;
            continue;
          }
          break;
        }
        s += src[j++];
      }
      out.push({ t: "str", v: s });
      i = j + 1;
      continue;
    }
    if ("+-*/^()&,".includes(ch)) {
      out.push({ t: "op", v: ch });
      i++;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i));
    if (id) {
      out.push({ t: "id", v: id[0].toUpperCase() });
      i += id[0].length;
      continue;
    }
    // References, comparisons, arrays…: a real formula this evaluator does not handle.
    throw new Unsupported();
  }
  return out;
}

/** Evaluates arithmetic, string literals and &, TRUE/FALSE, HYPERLINK(url, label); else throws Unsupported. */
function evalFormula(src: string): CellValue {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const isOp = (v: string) => peek()?.t === "op" && peek()!.v === v;
  const num = (v: CellValue) => {
    if (typeof v === "number") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    if (v === "") return 0;
    throw new Unsupported();
  };
  const str = (v: CellValue) => (typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v));
  function concat(): CellValue {
    let v = additive();
    while (isOp("&")) {
      p++;
      v = str(v) + str(additive());
    }
    return v;
  }
  function additive(): CellValue {
    let v = term();
    while (isOp("+") || isOp("-")) {
      const op = toks[p++].v;
      const r = term();
      v = op === "+" ? num(v) + num(r) : num(v) - num(r);
    }
    return v;
  }
  function term(): CellValue {
    let v = power();
    while (isOp("*") || isOp("/")) {
      const op = toks[p++].v;
      const r = num(power());
      if (op === "/" && r === 0) return "#DIV/0!";
      v = op === "*" ? num(v) * r : num(v) / r;
    }
    return v;
  }
  function power(): CellValue {
    const v = unary();
    if (isOp("^")) {
      p++;
      return num(v) ** num(power());
    }
    return v;
  }
  function unary(): CellValue {
    if (isOp("-")) {
      p++;
      return -num(unary());
    }
    if (isOp("+")) {
      p++;
      return unary();
    }
    return primary();
  }
  function primary(): CellValue {
    const tok = toks[p++];
    if (!tok) throw new BadSyntax();
    if (tok.t === "num" || tok.t === "str") return tok.v;
    if (tok.t === "op" && tok.v === "(") {
      const v = concat();
      if (!isOp(")")) throw new BadSyntax();
      p++;
      return v;
    }
    if (tok.t === "id") {
      if (isOp("(")) {
        p++;
        const args: CellValue[] = [];
        if (!isOp(")")) {
          for (;;) {
            args.push(concat());
            if (isOp(",")) {
              p++;
              continue;
            }
            break;
          }
        }
        if (!isOp(")")) throw new BadSyntax();
        p++;
        if (tok.v === "HYPERLINK" && args.length >= 1) return str(args[args.length === 1 ? 0 : 1]);
        if (tok.v === "TRUE" && args.length === 0) return true;
        if (tok.v === "FALSE" && args.length === 0) return false;
        throw new Unsupported();
      }
      if (tok.v === "TRUE") return true;
      if (tok.v === "FALSE") return false;
      throw new Unsupported();
    }
    throw new BadSyntax();
  }
  const v = concat();
  if (p !== toks.length) throw new BadSyntax();
  return typeof v === "number" && !Number.isFinite(v) ? "#NUM!" : v;
}

/**
 * The value of a formula ("=1+1" → 2), "#ERROR!" when it does not parse (like Sheets), or undefined when it
 * depends on cells or functions this evaluator lacks.
 */
export function evaluateFormula(formula: string): CellValue | undefined {
  try {
    return evalFormula(formula.slice(1));
  } catch (e) {
    if (e instanceof BadSyntax) return "#ERROR!";
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

/** A stored value as getValues returns it: a fresh Date per read, so callers cannot mutate the sheet. */
export function readValue(v: CellValue | undefined): CellValue {
  if (v === undefined || v === null) return "";
  if (typeof v === "object") return new Date(v.getTime());
  return v;
}

function groupThousands(s: string): string {
  const [int, frac] = s.split(".");
  const neg = int.startsWith("-");
  const digits = neg ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (neg ? "-" : "") + grouped + (frac !== undefined ? "." + frac : "");
}

// Sheets date formats use "mm" for both months and minutes (minutes after h or before s).
function sheetsDatePattern(format: string): string {
  let out = "";
  const tokens = format.match(/(y+|m+|d+|h+|s+|am\/pm|[^ymdhs]+)/gi) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const l = t.toLowerCase();
    if (l[0] === "m" && /^m+$/.test(l)) {
      const prev = tokens
        .slice(0, i)
        .reverse()
        .find((x) => /^[ymdhs]/i.test(x) && !/^[^ymdhs]/i.test(x));
      const next = tokens.slice(i + 1).find((x) => /^[ymdhs]/i.test(x));
      const minutes = prev?.[0].toLowerCase() === "h" || next?.[0].toLowerCase() === "s";
      out += minutes ? "mm" : l.length >= 3 ? "M".repeat(l.length) : "M".repeat(l.length);
    } else if (/^y+$/.test(l)) out += l.length <= 2 ? "yy" : "yyyy";
    else if (/^d+$/.test(l)) out += l.length >= 4 ? "EEEE" : l.length === 3 ? "EEE" : "d".repeat(l.length);
    else if (/^h+$/.test(l)) out += format.toLowerCase().includes("am/pm") ? "h" : "H".repeat(l.length);
    else if (/^s+$/.test(l)) out += "s".repeat(l.length);
    else if (l === "am/pm") out += "a";
    else out += `'${t.replace(/"/g, "").replace(/'/g, "''")}'`;
  }
  return out;
}

/** The text Sheets shows for a value under a number format (the common formats only). */
export function displayValue(v: CellValue | undefined, format: string | undefined, tz: string): string {
  if (v === undefined || v === null || v === "") return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return v;
  if (v instanceof Date) {
    if (format && /[ymdhs]/i.test(format) && format !== "@")
      return formatDate(v, tz, sheetsDatePattern(format));
    const midnight = formatDate(v, tz, "H:mm:ss") === "0:00:00";
    return formatDate(v, tz, midnight ? "M/d/yyyy" : "M/d/yyyy H:mm:ss");
  }
  if (!format || format === "@" || format === "General" || format.startsWith("0.###")) return String(v);
  const percent = format.endsWith("%");
  const core = percent ? format.slice(0, -1) : format;
  const m = /^(#,##)?0(?:\.(0+))?$/.exec(core);
  if (!m) return String(v);
  const n = percent ? v * 100 : v;
  let s = n.toFixed(m[2]?.length ?? 0);
  if (m[1]) s = groupThousands(s);
  return percent ? s + "%" : s;
}

/** A Date from any realm (the vm context may hand us dates made by its own intrinsic Date). */
export function isDate(v: unknown): v is Date {
  return v instanceof Date || Object.prototype.toString.call(v) === "[object Date]";
}
