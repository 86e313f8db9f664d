// Leakage guard: a column filled in after contact ("lead quality", "lost reason", seller details only
// known for won deals) makes a model look perfect and fail in use. A value converting at >= 95% or <= 2%
// over 50+ training leads is flagged. Near-certain conversion is the hallmark of a field filled in after
// the outcome, so such a column is left out unless the user allows it; near-zero conversion is common in
// honest data too (an old campaign, a dead landing page), so its column is only left out when the
// near-zero values cover a quarter of the leads (a "Lost reason" pattern), and is otherwise kept, flagged.
import type { ColumnSpec } from "./features";

export interface LeakageFlag {
  column: string;
  value: string;
  leads: number;
  rate: number;
  side: "high" | "low";
  /** Whether the column is left out because of it (unless allowed). */
  excludes: boolean;
}

function atomLabel(col: ColumnSpec, a: number): string {
  const atom = col.atoms[a];
  if (atom.kind === "value") return atom.text;
  if (atom.kind === "missing") return "(blank)";
  const fmt = (x: number) => String(x);
  if (atom.lo === Number.NEGATIVE_INFINITY) return `<= ${fmt(atom.hi)}`;
  if (atom.hi === Number.POSITIVE_INFINITY) return `> ${fmt(atom.lo)}`;
  return `${fmt(atom.lo)}..${fmt(atom.hi)}`;
}

export function leakageFlags(
  columns: ColumnSpec[],
  y: Uint8Array,
  train: ArrayLike<number>,
  minLeads = 50,
  high = 0.95,
  low = 0.02,
): LeakageFlag[] {
  let pos = 0;
  for (let t = 0; t < train.length; t++) pos += y[train[t]];
  const base = train.length ? pos / train.length : 0;
  const flags: LeakageFlag[] = [];
  for (const col of columns) {
    const n = new Int32Array(col.atoms.length);
    const p = new Int32Array(col.atoms.length);
    for (let t = 0; t < train.length; t++) {
      const a = col.atomOf[train[t]];
      if (a < 0) continue;
      n[a]++;
      p[a] += y[train[t]];
    }
    const found: LeakageFlag[] = [];
    let lowLeads = 0;
    for (let a = 0; a < col.atoms.length; a++) {
      if (n[a] < minLeads) continue;
      const rate = p[a] / n[a];
      // Only extreme *relative to the base rate*: with a 1% base rate, 2% conversion is ordinary.
      if (rate >= high && base < 0.6) {
        found.push({
          column: col.name,
          value: atomLabel(col, a),
          leads: n[a],
          rate,
          side: "high",
          excludes: true,
        });
      } else if (rate <= low && base >= 0.1) {
        found.push({
          column: col.name,
          value: atomLabel(col, a),
          leads: n[a],
          rate,
          side: "low",
          excludes: false,
        });
        lowLeads += n[a];
      }
    }
    const excludes = found.some((f) => f.side === "high") || lowLeads >= 0.25 * train.length;
    for (const f of found) flags.push({ ...f, excludes });
  }
  return flags;
}

/**
 * Column names that say the column is filled in with or after the outcome: the conversion's date or time
 * (Converted At, Closed Won Date, Conversion Date), its reason or its stage. Values cannot show this when
 * every open lead is blank and the column is left out of the statistics, so the name decides.
 */
const OUTCOME_WORDS = /\b(convert(ed)?|conversion|won|lost|closed?|churn(ed)?|signed|purchased?)\b/;

export function leaksOutcomeByName(header: string): boolean {
  return OUTCOME_WORDS.test(header.toLowerCase().replace(/[_-]+/g, " "));
}
