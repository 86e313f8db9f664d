// Yes/no features that need not exclude one another, each the exact firing of one matrix rule:
//   - keywords of a free-text column (Job Title has "vp"): `matches \b(vp|chief)\b`; keywords of one column
//     can be merged into one alternation, which fires when any of them is present;
//   - the e-mail domain's kind (`Email Domain in list @Free email`, academic, `@Competitors`);
//   - blank / placeholder cells of a keyword column.
// A free-text column's whole values (names, companies, raw titles) never become features: few leads
// share one, so a rule on them fits noise (the `First Name = Patricia` problem).

import { findColumn } from "../headers";
import type { CellValue, Grid } from "../types";
import { cellText, normText } from "../values";
import { emailDomain, FREE_EMAIL_DOMAINS, parseLists } from "./engine";
import { isBlankLike } from "./placeholders";

export interface FlagItem {
  operator: string;
  value: string;
  label: string;
  /** Keyword items: the word (merged items become one `matches` alternation). */
  token?: string;
  /** Per data row: 1 when the rule fires. */
  on: Uint8Array;
}

export interface FlagColumn {
  /** Field of the rules: a Leads column or a derived field. */
  name: string;
  /** Keyword items may merge into one rule; others stand alone. */
  mergeable: boolean;
  items: FlagItem[];
}

// Words that say nothing on their own and would make odd rules ("Job Title has of").
const STOP = new Set(["of", "and", "the", "for", "in", "at", "to", "a", "an", "on", "with", "de", "und"]);

/** Words as the engine's `\b…\b` sees them: maximal runs of [a-z0-9_] in the lower-cased text. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\W+/)
    .filter((w) => w.length > 0);
}

/** The `matches` pattern of a set of keywords. */
export function keywordPattern(tokens: readonly string[]): string {
  return tokens.length === 1 ? `\\b${tokens[0]}\\b` : `\\b(${tokens.join("|")})\\b`;
}

export function keywordLabel(column: string, tokens: readonly string[]): string {
  const shown = tokens.length <= 4 ? tokens : [...tokens.slice(0, 3), `+${tokens.length - 3} more`];
  return `${column} has ${shown.join(", ")}`;
}

function support(on: Uint8Array, train: ArrayLike<number>): number {
  let n = 0;
  for (let t = 0; t < train.length; t++) n += on[train[t]];
  return n;
}

/**
 * Keyword features of a free-text column, or null when its words are no more shared than its values
 * (names, company names): frequent words must make up most of the words written.
 */
export function keywordColumn(
  name: string,
  rows: number,
  cell: (r: number) => CellValue,
  train: ArrayLike<number>,
  minSupport: number,
  minWordSupport = minSupport,
): FlagColumn | null {
  const tokensOf: string[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const k = normText(cell(r));
    tokensOf[r] = isBlankLike(k) ? [] : [...new Set(words(k))];
  }
  const leadsWith = new Map<string, number>();
  let written = 0;
  let nonBlank = 0;
  for (let t = 0; t < train.length; t++) {
    const ws = tokensOf[train[t]];
    if (ws.length) nonBlank++;
    written += ws.length;
    for (const w of ws) leadsWith.set(w, (leadsWith.get(w) ?? 0) + 1);
  }
  if (nonBlank === 0 || written / nonBlank > 8) return null; // prose, not a title
  // Shared words (on minSupport+ leads) must make up most of what is written: true of titles, not of
  // names or company names.
  let frequentWritten = 0;
  const keep: string[] = [];
  for (const [w, n] of leadsWith) {
    if (n >= minSupport) frequentWritten += n;
    // A word on nearly every lead ranks nobody; digits-only words are codes.
    if (n >= minWordSupport && !STOP.has(w) && n <= 0.95 * nonBlank && !/^\d+$/.test(w)) keep.push(w);
  }
  if (frequentWritten < 0.7 * written || keep.length < 2) return null;
  keep.sort((a, b) => (leadsWith.get(b) ?? 0) - (leadsWith.get(a) ?? 0) || (a < b ? -1 : 1));
  const items: FlagItem[] = keep.map((w) => {
    const on = new Uint8Array(rows);
    return { operator: "matches", value: keywordPattern([w]), label: keywordLabel(name, [w]), token: w, on };
  });
  // One pass over the rows' words (not one per keyword).
  const itemOf = new Map(items.map((it) => [it.token, it.on]));
  for (let r = 0; r < rows; r++) {
    for (const w of tokensOf[r]) {
      const on = itemOf.get(w);
      if (on) on[r] = 1;
    }
  }
  items.push(...missingItems(name, rows, cell, train, minSupport));
  return { name, mergeable: true, items };
}

/** `is blank` and placeholder (`in list n/a, unknown`) items, when enough leads have them. */
function missingItems(
  name: string,
  rows: number,
  cell: (r: number) => CellValue,
  train: ArrayLike<number>,
  minSupport: number,
): FlagItem[] {
  const blank = new Uint8Array(rows);
  const placeholder = new Uint8Array(rows);
  const spellings = new Map<string, string>();
  for (let r = 0; r < rows; r++) {
    const v = cell(r);
    const k = normText(v);
    if (k === "") blank[r] = 1;
    else if (isBlankLike(k)) placeholder[r] = 1;
  }
  for (let t = 0; t < train.length; t++) {
    const v = cell(train[t]);
    const k = normText(v);
    if (k !== "" && isBlankLike(k) && !spellings.has(k)) spellings.set(k, cellText(v));
  }
  // Placeholders never seen in training have no rule, so they are not on.
  for (let r = 0; r < rows; r++) if (placeholder[r] && !spellings.has(normText(cell(r)))) placeholder[r] = 0;
  const out: FlagItem[] = [];
  if (support(blank, train) >= minSupport)
    out.push({ operator: "is blank", value: "", label: `${name} blank`, on: blank });
  if (support(placeholder, train) >= minSupport) {
    const list = [...spellings.values()];
    out.push({
      operator: "in list",
      value: list.join(", "),
      label: `${name} unknown (${list.join(", ")})`,
      on: placeholder,
    });
  }
  return out;
}

const ACADEMIC = "(\\.edu|\\.edu\\.[a-z]{2}|\\.ac\\.[a-z]{2})$";

/**
 * The kind of each lead's e-mail domain, as the engine's derived `Email Domain` field: free mail (the
 * Lists tab's free-mail list, else the starter list inline), academic, a competitor (Lists `Competitors`).
 * User-curated lists count with fewer leads (10): a competitor is rare and telling.
 */
export function emailDomainColumn(
  leads: Grid,
  lists: Grid | undefined,
  train: ArrayLike<number>,
  minSupport: number,
): FlagColumn | null {
  const col = findColumn(leads[0] ?? [], "Email");
  if (col < 0) return null;
  const rows = leads.length - 1;
  const domain = Array.from({ length: rows }, (_, r) => emailDomain(cellText(leads[r + 1]?.[col])));
  const named = parseLists(lists);
  const items: FlagItem[] = [];
  const add = (operator: string, value: string, label: string, test: (d: string) => boolean, min: number) => {
    const on = new Uint8Array(rows);
    for (let r = 0; r < rows; r++) if (domain[r] !== "" && test(domain[r])) on[r] = 1;
    if (support(on, train) >= min) items.push({ operator, value, label, on });
  };
  const free = [...named.values()].find((l) => /free/i.test(l.name) && l.items.size > 0);
  if (free) add("in list", `@${free.name}`, "Free email address", (d) => free.items.has(d), minSupport);
  else {
    const known = new Set(FREE_EMAIL_DOMAINS.map((d) => d.toLowerCase()));
    const seen = [...new Set(Array.from(train, (r) => domain[r]).filter((d) => known.has(d)))].sort();
    if (seen.length) {
      const set = new Set(seen);
      add("in list", seen.join(", "), "Free email address", (d) => set.has(d), minSupport);
    }
  }
  const academic = new RegExp(ACADEMIC, "i");
  add("matches", ACADEMIC, "Academic email (.edu, .ac.…)", (d) => academic.test(d), minSupport);
  const rivals = named.get("competitors");
  if (rivals && rivals.items.size > 0)
    add("in list", `@${rivals.name}`, "Competitor", (d) => rivals.items.has(d), Math.min(minSupport, 10));
  return items.length ? { name: "Email Domain", mergeable: false, items } : null;
}
