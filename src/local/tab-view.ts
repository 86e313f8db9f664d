// One tab as the workbook page shows it: values, formulas, the protections the add-on set and the cell
// styles its conditional format rules produce (the first matching rule wins, as in Sheets:
// https://support.google.com/docs/answer/78413 — "rules are applied in order").
import type { CellValue } from "../core/types";
import type { LocalRuntime } from "./gas";
import type { CellStyle, TabView } from "./server/page-api";

const text = (v: CellValue) => (v === null || v === undefined ? "" : String(v));
const num = (v: unknown) => (typeof v === "number" ? v : Number(v));

/** Whether a cell meets a rule's boolean criteria; criteria the page does not know never match. */
function meets(criteria: string, args: unknown[], v: CellValue): boolean {
  const s = text(v);
  const a = text(args[0] as CellValue);
  const n = typeof v === "number" ? v : Number.NaN;
  switch (criteria) {
    case "TEXT_EQUAL_TO":
      return s === a;
    case "TEXT_CONTAINS":
      return s.toLowerCase().includes(a.toLowerCase());
    case "TEXT_DOES_NOT_CONTAIN":
      return !s.toLowerCase().includes(a.toLowerCase());
    case "TEXT_STARTS_WITH":
      return s.toLowerCase().startsWith(a.toLowerCase());
    case "TEXT_ENDS_WITH":
      return s.toLowerCase().endsWith(a.toLowerCase());
    case "CELL_EMPTY":
      return s === "";
    case "CELL_NOT_EMPTY":
      return s !== "";
    case "NUMBER_GREATER_THAN":
      return n > num(args[0]);
    case "NUMBER_GREATER_THAN_OR_EQUAL_TO":
      return n >= num(args[0]);
    case "NUMBER_LESS_THAN":
      return n < num(args[0]);
    case "NUMBER_LESS_THAN_OR_EQUAL_TO":
      return n <= num(args[0]);
    case "NUMBER_EQUAL_TO":
      return n === num(args[0]);
    case "NUMBER_NOT_EQUAL_TO":
      return !Number.isNaN(n) && n !== num(args[0]);
    case "NUMBER_BETWEEN":
      return n >= num(args[0]) && n <= num(args[1]);
    case "NUMBER_NOT_BETWEEN":
      return !Number.isNaN(n) && (n < num(args[0]) || n > num(args[1]));
    default:
      return false;
  }
}

export function tabView(runtime: LocalRuntime, name: string): TabView {
  const sheet = runtime.sheet(name);
  const values = runtime.values(name);
  const formulas: Record<string, string> = {};
  sheet._store.formulas.rows.forEach((row, r) => {
    row?.forEach((f, c) => {
      if (f) formulas[`${r + 1},${c + 1}`] = f;
    });
  });
  const styles: Record<string, CellStyle> = {};
  for (const rule of sheet._rules) {
    const style: CellStyle = {};
    if (rule.background) style.background = rule.background;
    if (rule.fontColor) style.color = rule.fontColor;
    if (rule.bold) style.bold = true;
    for (const b of rule.ranges) {
      for (let r = b.row; r < Math.min(b.row + b.numRows, values.length + 1); r++)
        for (let c = b.column; c < b.column + b.numColumns; c++) {
          const key = `${r},${c}`;
          if (!(key in styles) && meets(rule.criteria, rule.args, values[r - 1]?.[c - 1]))
            styles[key] = style;
        }
    }
  }
  const protections = runtime.protectionsOn(name).map((p) => ({
    row: p.row,
    column: p.column,
    lastRow: p.row + p.numRows - 1,
    lastColumn: p.column + p.numColumns - 1,
    description: p.description,
    warningOnly: p.warningOnly,
  }));
  return { name, values, formulas, styles, protections };
}
