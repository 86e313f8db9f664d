// Problems as the CLI prints them on stderr: one line each, where it is, what is wrong, and the fix.
import type { Problem } from "../core/types";

export function formatProblem(p: Problem): string {
  const where = [p.tab, p.row ? `row ${p.row}` : "", p.column ? `column "${p.column}"` : ""]
    .filter(Boolean)
    .join(", ");
  return `${p.severity === "error" ? "error" : "warning"}: ${where}: ${p.message} Fix: ${p.fix}`;
}

export function formatProblems(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === "error").length;
  const head = `${problems.length} problem${problems.length === 1 ? "" : "s"} (${errors} error${errors === 1 ? "" : "s"}, ${problems.length - errors} warning${problems.length - errors === 1 ? "" : "s"}):`;
  return [head, ...problems.map(formatProblem)].join("\n");
}
