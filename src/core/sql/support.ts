// What the engine's patterns can do that the RE2 of DuckDB and BigQuery cannot: the compiler refuses
// such a rule rather than run a query that matches differently.

/** Why an RE2-syntax pattern (Pattern.pattern()) cannot run in SQL, or null when it can. */
export function unsupportedPattern(re2: string): { message: string; fix: string } | null {
  // re2js runs lookbehinds (its LOOKBEHINDS flag); RE2 proper has none.
  if (/\(\?<[=!]/.test(re2)) {
    return {
      message: `the pattern "${re2}" has a lookbehind, which BigQuery's and DuckDB's RE2 do not run.`,
      fix: "Match the preceding text itself (e.g. (?<=vp )sales → vp sales).",
    };
  }
  return null;
}
