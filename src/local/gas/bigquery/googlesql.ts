// GoogleSQL text, as the add-on sends it to BigQuery, rewritten for DuckDB. Not a GoogleSQL engine: the
// subset is what the SQL compiler writes (src/core/sql), and every difference it knows is taken from the
// compiler's own dialect table (src/core/sql/dialect.ts): each function of the bigquery dialect is
// rendered with placeholder arguments and, wherever its text appears in the query, replaced by the duckdb
// dialect's rendering of the same function. Besides that table: GoogleSQL string literals (backslash
// escapes, raw r'…') and backtick names are re-quoted, table paths (`project.dataset.table`) are resolved
// to the tables the runtime holds, and SAFE_CAST is TRY_CAST. Anything else passes through unchanged, so a
// construct outside the subset fails in DuckDB, with DuckDB's message, rather than running differently.
import { type Dialect, dialect } from "../../../core/sql/dialect";

type Kind = "word" | "ident" | "string" | "number" | "param" | "punct";

interface Token {
  kind: Kind;
  /** The source text (punctuation, words, numbers), or the decoded value (strings, backtick names). */
  text: string;
}

/** Resolves a table path (its parts, as written) to the DuckDB name of the table; throws BigQuery's error. */
export type TableResolver = (path: string[]) => string;

export class GoogleSqlError extends Error {}

const ESCAPES: Record<string, string> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  "?": "?",
  '"': '"',
  "'": "'",
  "`": "`",
};

/** GoogleSQL's escape sequences (reference: lexical structure, "Escape sequences"). */
function decodeEscapes(body: string): string {
  return body.replace(
    /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/gs,
    (all, e: string) => {
      if (e.length === 1) {
        const c = ESCAPES[e];
        if (c === undefined) throw new GoogleSqlError(`Illegal escape sequence: ${all}`);
        return c;
      }
      if (/^[0-7]{3}$/.test(e)) return String.fromCodePoint(Number.parseInt(e, 8));
      return String.fromCodePoint(Number.parseInt(e.slice(1), 16));
    },
  );
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const SPACE = /\s+|--[^\n]*|#[^\n]*|\/\*[\s\S]*?\*\//y;

function sticky(re: RegExp, s: string, at: number): string | null {
  re.lastIndex = at;
  const m = re.exec(s);
  return m ? m[0] : null;
}

/** Reads a quoted literal (string or backtick name) starting at `at`; returns its decoded value and end. */
function quoted(s: string, at: number, raw: boolean): { value: string; end: number } {
  const q = s[at];
  const triple = s.startsWith(q.repeat(3), at);
  if (triple) throw new GoogleSqlError("Triple-quoted strings are outside the local GoogleSQL subset.");
  let i = at + 1;
  while (i < s.length && s[i] !== q) {
    if (s[i] === "\n" && q !== "`") throw new GoogleSqlError("Unclosed string literal");
    i += s[i] === "\\" ? 2 : 1;
  }
  if (i >= s.length) throw new GoogleSqlError(`Unclosed ${q === "`" ? "identifier" : "string"} literal`);
  const body = s.slice(at + 1, i);
  return { value: raw ? body : decodeEscapes(body), end: i + 1 };
}

export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const space = sticky(SPACE, sql, i);
    if (space) {
      i += space.length;
      continue;
    }
    const c = sql[i];
    const raw = (c === "r" || c === "R") && (sql[i + 1] === "'" || sql[i + 1] === '"');
    if (raw || c === "'" || c === '"') {
      const { value, end } = quoted(sql, raw ? i + 1 : i, raw);
      out.push({ kind: "string", text: value });
      i = end;
    } else if ((c === "b" || c === "B") && (sql[i + 1] === "'" || sql[i + 1] === '"')) {
      throw new GoogleSqlError("Bytes literals are outside the local GoogleSQL subset.");
    } else if (c === "`") {
      const { value, end } = quoted(sql, i, false);
      out.push({ kind: "ident", text: value });
      i = end;
    } else if (c === "@" && sql[i + 1] !== "@") {
      const name = sticky(WORD, sql, i + 1);
      if (!name) throw new GoogleSqlError(`Syntax error: unexpected "@" at ${i}`);
      out.push({ kind: "param", text: name });
      i += 1 + name.length;
    } else {
      const num = /\d/.test(c) || (c === "." && /\d/.test(sql[i + 1] ?? "")) ? sticky(NUMBER, sql, i) : null;
      const word = num ? null : sticky(WORD, sql, i);
      if (num) out.push({ kind: "number", text: num });
      else if (word) out.push({ kind: "word", text: word });
      else {
        const two = sql.slice(i, i + 2);
        const p = ["<>", "<=", ">=", "!=", "||", "<<", ">>"].includes(two) ? two : c;
        out.push({ kind: "punct", text: p });
      }
      i += num?.length ?? word?.length ?? (out.at(-1) as Token).text.length;
    }
  }
  return out;
}

const same = (a: Token, b: Token) =>
  a.kind === b.kind &&
  (a.kind === "word" ? a.text.toUpperCase() === b.text.toUpperCase() : a.text === b.text);

/** A placeholder argument of a template: a word no query of the compiler contains. */
const arg = (i: number) => `__leadscore_arg${i}__`;
const ARG = /^__leadscore_arg(\d+)__$/;

interface Template {
  from: Token[];
  /** The duckdb rendering, with the same placeholders. */
  to: Token[];
}

/** Dialect members that are not SQL functions of expressions (quoting, literals, names). */
const NOT_FUNCTIONS = new Set(["string", "ident", "table", "double", "name"]);

/** The bigquery → duckdb rewrites, one per function of the dialect table; longest first. */
function templates(bq: Dialect, duck: Dialect): Template[] {
  const found: Template[] = [];
  for (const key of Object.keys(bq) as (keyof Dialect)[]) {
    const f = bq[key];
    const g = duck[key];
    if (NOT_FUNCTIONS.has(key) || typeof f !== "function" || typeof g !== "function") continue;
    const args = Array.from({ length: f.length }, (_, i) => arg(i));
    const call = (fn: (...a: string[]) => string) => tokenize(fn(...args));
    found.push({
      from: call(f as (...a: string[]) => string),
      to: call(g as (...a: string[]) => string),
    });
  }
  return found.sort((a, b) => b.from.length - a.from.length);
}

/** Type names, from the dialect table, plus SAFE_CAST (GoogleSQL's cast that yields NULL: TRY_CAST). */
function words(bq: Dialect, duck: Dialect): Map<string, string> {
  return new Map([
    [bq.text.toUpperCase(), duck.text],
    [bq.integer.toUpperCase(), duck.integer],
    [bq.float.toUpperCase(), duck.float],
    ["BOOL", "BOOLEAN"],
    ["SAFE_CAST", "TRY_CAST"],
  ]);
}

/** Whether ts[i..end) is balanced: no parenthesis closes before it opens, and all are closed. */
function balanced(ts: Token[], i: number, end: number): boolean {
  let depth = 0;
  for (let k = i; k < end; k++) {
    const t = ts[k].text;
    if (ts[k].kind !== "punct") continue;
    if (t === "(") depth++;
    else if (t === ")" && --depth < 0) return false;
  }
  return depth === 0;
}

/** Matches `tpl` at `ts[i]`: the placeholders' token ranges and the end of the match, or null. */
function match(
  tpl: Token[],
  ts: Token[],
  i: number,
): { args: Map<number, [number, number]>; end: number } | null {
  const args = new Map<number, [number, number]>();
  const go = (tj: number, at: number): number => {
    if (tj === tpl.length) return at;
    const slot = tpl[tj].kind === "word" ? ARG.exec(tpl[tj].text) : null;
    if (!slot) return at < ts.length && same(tpl[tj], ts[at]) ? go(tj + 1, at + 1) : -1;
    // A placeholder takes the shortest balanced, non-empty run after which the rest matches.
    let depth = 0;
    for (let k = at; k < ts.length; k++) {
      const t = ts[k];
      if (t.kind === "punct" && t.text === "(") depth++;
      if (t.kind === "punct" && t.text === ")") depth--;
      if (depth < 0) return -1;
      if (depth === 0 && (t.kind !== "punct" || t.text !== ",")) {
        const end = go(tj + 1, k + 1);
        if (end >= 0) {
          args.set(Number(slot[1]), [at, k + 1]);
          return end;
        }
      }
      if (depth === 0 && t.kind === "punct" && t.text === ",") return -1;
    }
    return -1;
  };
  const end = go(0, i);
  return end >= 0 && balanced(ts, i, end) ? { args, end } : null;
}

/** Names the WITH clauses define (they are not tables of a dataset). */
function cteNames(ts: Token[]): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i + 2 < ts.length; i++) {
    const t = ts[i];
    if ((t.kind === "word" || t.kind === "ident") && same(ts[i + 1], { kind: "word", text: "AS" })) {
      const prev = ts[i - 1];
      if (
        prev &&
        ts[i + 2].text === "(" &&
        (same(prev, { kind: "word", text: "WITH" }) || prev.text === ",")
      ) {
        names.add(t.text.toLowerCase());
      }
    }
  }
  return names;
}

const isName = (t: Token | undefined) => t !== undefined && (t.kind === "word" || t.kind === "ident");

export interface Translation {
  sql: string;
  /** Every table path the query reads, resolved. */
  tables: string[];
}

/**
 * The GoogleSQL query as DuckDB SQL. `params`: NAMED query parameters, already as DuckDB literals.
 * Throws GoogleSqlError for text outside the subset, and whatever `resolve` throws for a missing table.
 */
export function toDuckDb(
  sql: string,
  resolve: TableResolver,
  params: Map<string, string> = new Map(),
): Translation {
  const bq = dialect("bigquery");
  const duck = dialect("duckdb");
  // By first word (every template starts with its function's name or CAST), longest first.
  const rewrites = new Map<string, Template[]>();
  for (const tpl of templates(bq, duck)) {
    const first = tpl.from[0].text.toUpperCase();
    rewrites.set(first, [...(rewrites.get(first) ?? []), tpl]);
  }
  const typeWords = words(bq, duck);
  const ts = tokenize(sql);
  const ctes = cteNames(ts);
  const tables: string[] = [];

  const render = (t: Token): string => {
    if (t.kind === "string") return duck.string(t.text);
    if (t.kind === "ident") return duck.ident(t.text);
    if (t.kind === "word") return typeWords.get(t.text.toUpperCase()) ?? t.text;
    if (t.kind === "param") {
      const v = params.get(t.text.toLowerCase());
      if (v === undefined) throw new GoogleSqlError(`Query parameter '${t.text}' not found`);
      return v;
    }
    return t.text;
  };

  const translate = (from: number, to: number): string[] => {
    const out: string[] = [];
    for (let i = from; i < to; ) {
      const t = ts[i];
      const prev = ts[i - 1]?.kind === "word" ? ts[i - 1].text.toUpperCase() : "";
      // FROM also appears in EXTRACT(part FROM expr), where an expression, not a table, follows.
      const inExtract = ts[i - 3]?.text === "(" && ts[i - 4]?.text.toUpperCase() === "EXTRACT";
      const afterFrom = (prev === "FROM" && !inExtract) || prev === "JOIN";
      if (afterFrom && isName(t) && ts[i + 1]?.text !== "(") {
        // A table path: names joined by dots (a backtick name may hold the dots itself).
        const parts: string[] = [];
        let j = i;
        for (;;) {
          parts.push(...(ts[j].kind === "ident" ? ts[j].text.split(".") : [ts[j].text]));
          if (ts[j + 1]?.text === "." && isName(ts[j + 2])) j += 2;
          else break;
        }
        if (parts.length === 1 && ctes.has(parts[0].toLowerCase())) out.push(render(t));
        else {
          const name = resolve(parts);
          tables.push(name);
          out.push(duck.ident(name));
        }
        i = j + 1;
        continue;
      }
      const hit = (rewrites.get(t.kind === "word" ? t.text.toUpperCase() : "") ?? [])
        .map((tpl) => ({ tpl, m: match(tpl.from, ts, i) }))
        .find((x) => x.m !== null && x.m.end <= to);
      if (hit?.m) {
        const { args, end } = hit.m;
        for (const slot of hit.tpl.to) {
          const a = slot.kind === "word" ? ARG.exec(slot.text) : null;
          if (!a) out.push(render(slot));
          else {
            const [s, e] = args.get(Number(a[1])) ?? [0, 0];
            out.push(...translate(s, e));
          }
        }
        i = end;
        continue;
      }
      out.push(render(t));
      i++;
    }
    return out;
  };

  const parts = translate(0, ts.length);
  // Tokens joined by spaces, except around dots (l._key); no two tokens can fuse into another.
  let text = "";
  for (let k = 0; k < parts.length; k++) {
    const glue = k === 0 || parts[k] === "." || parts[k - 1] === "." ? "" : " ";
    text += glue + parts[k];
  }
  return { sql: text, tables };
}
