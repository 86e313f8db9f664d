// Placeholder cells: text people and CRMs type for "we don't know", read as blank by the fitter. Cells
// themselves are read with the engine's readers (core/values.ts, core/time.ts).

// Values people and CRMs type for "we don't know". "0" is deliberately absent: in a numeric column it is
// a real value, and in a categorical one it is a code like any other.
const PLACEHOLDERS = new Set([
  "-",
  "--",
  "---",
  ".",
  "?",
  "??",
  "n/a",
  "n.a.",
  "na",
  "#n/a",
  "none",
  "null",
  "nil",
  "nan",
  "undefined",
  "unknown",
  "not set",
  "(not set)",
  "not informed",
  "not available",
  "not specified",
  "unspecified",
  "select",
  "select...",
  "select one",
  "--select--",
  "other/unknown",
  "blank",
  "(blank)",
  "(none)",
  "empty",
]);

/** True for a cell key (normText: "" or a placeholder such as "n/a", "unknown", "(not set)") that means blank. */
export function isBlankLike(key: string): boolean {
  return key === "" || PLACEHOLDERS.has(key);
}
