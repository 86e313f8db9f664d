// A rule's condition (operators.ts) as a SQL predicate over a column's text and number forms, with the
// engine's rules: a blank cell matches only `is blank`, a number compares as a number, anything else as
// trimmed lower-case text. Values are literals made by the dialect, so a cell can never be SQL.
import type { Condition } from "../operators";
import type { Dialect } from "./dialect";

/** A column as conditions read it: `text` is never NULL ("" = blank), `num` is NULL where not a number. */
export interface SqlColumn {
  text: string;
  num: string;
}

function inSet(expr: string, items: readonly string[]): string {
  return `COALESCE(${expr} IN (${items.join(", ")}), FALSE)`;
}

/** A predicate that is TRUE or FALSE, never NULL. */
export function conditionSql(c: Condition, col: SqlColumn, d: Dialect): string {
  const { text: t, num: x } = col;
  const v = d.string(c.text);
  const filled = `${t} <> ''`;
  const cmp = (op: string, n: number) => `COALESCE(${x} ${op} ${d.double(n)}, FALSE)`;
  switch (c.op) {
    case "blank":
      return `${t} = ''`;
    case "notBlank":
      return filled;
    case "eq":
    case "ne": {
      const op = c.op === "eq" ? "=" : "<>";
      const asText = `(${filled} AND ${t} ${op} ${v})`;
      if (Number.isNaN(c.num)) return asText;
      return `CASE WHEN ${x} IS NOT NULL THEN ${x} ${op} ${d.double(c.num)} ELSE ${asText} END`;
    }
    case "contains":
      return `(${filled} AND STRPOS(${t}, ${v}) > 0)`;
    case "notContains":
      return `(${filled} AND STRPOS(${t}, ${v}) = 0)`;
    case "startsWith":
      return `(${filled} AND STARTS_WITH(${t}, ${v}))`;
    case "endsWith":
      return `(${filled} AND ENDS_WITH(${t}, ${v}))`;
    case "inList":
    case "notInList": {
      const items = inSet(t, [...c.items].map(d.string));
      const hit = c.numbers.size === 0 ? items : `(${items} OR ${inSet(x, [...c.numbers].map(d.double))})`;
      return `(${filled} AND ${c.op === "inList" ? hit : `NOT ${hit}`})`;
    }
    case "matches":
      // Case-insensitive like the engine's; RE2 in both engines (the compiler refused what RE2 lacks).
      return `(${filled} AND COALESCE(${d.regexMatch(t, d.string(`(?i)${c.regex?.pattern() ?? ""}`))}, FALSE))`;
    case "gt":
      return cmp(">", c.num);
    case "ge":
      return cmp(">=", c.num);
    case "lt":
      return cmp("<", c.num);
    case "le":
      return cmp("<=", c.num);
    case "between":
      return `COALESCE(${x} BETWEEN ${d.double(c.num)} AND ${d.double(c.hi)}, FALSE)`;
  }
}
