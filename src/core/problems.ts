// Problem collection. Row-level data problems are capped per kind so a bad million-row paste yields a
// readable list (the first examples plus one summary line), not a million entries.
import type { Problem, ProblemCode, Severity } from "./types";

export const MAX_PER_KIND = 100;

export interface ProblemSink {
  readonly list: Problem[];
  /** Add a problem. `kind` groups repetitive row problems for capping; omit it for one-off problems. */
  add(p: Problem, kind?: string): void;
  /** Append "…and N more" summaries for capped kinds. Call once at the end. */
  finish(): Problem[];
}

export function problem(
  tab: string,
  row: number,
  column: string,
  message: string,
  fix: string,
  severity: Severity = "error",
  code?: ProblemCode,
): Problem {
  return code === undefined
    ? { tab, row, column, message, fix, severity }
    : { tab, row, column, message, fix, severity, code };
}

export function createProblemSink(): ProblemSink {
  const list: Problem[] = [];
  const counts = new Map<string, { n: number; sample: Problem }>();
  return {
    list,
    add(p, kind) {
      if (kind === undefined) {
        list.push(p);
        return;
      }
      const c = counts.get(kind);
      if (c === undefined) counts.set(kind, { n: 1, sample: p });
      else c.n++;
      if ((c?.n ?? 1) <= MAX_PER_KIND) list.push(p);
    },
    finish() {
      for (const { n, sample } of counts.values()) {
        if (n > MAX_PER_KIND) {
          list.push({
            ...sample,
            row: 0,
            message: `…and ${n - MAX_PER_KIND} more rows with the same problem (${n} in all).`,
          });
        }
      }
      return list;
    },
  };
}

/**
 * `sink` for a second pass over the same data (a named model's run): a problem about the data itself, met
 * again (a Leads cell every model's rule reads), is not listed twice.
 */
export function onceSink(sink: ProblemSink): ProblemSink {
  const same = (a: Problem, b: Problem) =>
    a.tab === b.tab && a.row === b.row && a.column === b.column && a.message === b.message;
  return {
    list: sink.list,
    add: (p, kind) => {
      if (!sink.list.some((q) => same(q, p))) sink.add(p, kind);
    },
    finish: () => sink.finish(),
  };
}
