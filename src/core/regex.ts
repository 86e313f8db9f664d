// Patterns of `matches` rules. They run on RE2 (the re2js port), whose matching time is linear in the
// cell's length whatever the pattern: a backtracking engine such as JavaScript's RegExp takes seconds on
// ^(a+)+$ against 25 a's and twice as long per character more, so one such rule would end every Apps
// Script run at the 6-minute limit.
// The syntax stays JavaScript's; the few constructs that need backtracking are refused with a fix.
import { RE2JS } from "re2js";

/** A compiled pattern: case-insensitive, matching anywhere in the text. */
export interface Pattern {
  test(text: string): boolean;
  /** The pattern in RE2 syntax (what the SQL compiler hands to BigQuery's and DuckDB's RE2). */
  pattern(): string;
}

export interface PatternError {
  message: string;
  fix: string;
}

// Lookbehinds without captures run in linear time too (re2js's LOOKBEHINDS flag), so they are kept.
const FLAGS = RE2JS.CASE_INSENSITIVE | RE2JS.LOOKBEHINDS;

/** Compile a rule's Value once per run; the error says what to change, for the rule's Value cell. */
export function compilePattern(source: string): Pattern | PatternError {
  try {
    // Only parsed, never run: the syntax check the pattern was always held to.
    new RegExp(source, "i");
  } catch (e) {
    return {
      message: `"${source}" is not a valid regular expression (${(e as Error).message}).`,
      fix: "Fix the pattern (JavaScript syntax), or use contains / starts with for plain text.",
    };
  }
  const refused = backtrackingConstruct(source);
  if (refused !== null) return refused;
  try {
    return RE2JS.compile(RE2JS.translateRegExp(source), FLAGS);
  } catch (e) {
    return fromRe2Error(source, (e as Error).message);
  }
}

export function isPatternError(x: Pattern | PatternError): x is PatternError {
  return (x as PatternError).message !== undefined;
}

function unsupported(source: string, what: string, fix: string): PatternError {
  return {
    message: `"${source}" uses ${what}, which Leadscore does not run: it needs backtracking, which can take minutes on one cell.`,
    fix,
  };
}

/**
 * Backreferences and lookaheads, found by scanning outside character classes. RE2 rejects them too,
 * but translateRegExp turns \k<name> into the letters k<name>, and its messages do not say why.
 */
function backtrackingConstruct(source: string): PatternError | null {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === "\\") {
      const next = source[i + 1] ?? "";
      if (!inClass && ((next >= "1" && next <= "9") || (next === "k" && source[i + 2] === "<"))) {
        const end = source.indexOf(">", i);
        const ref = next !== "k" ? `\\${next}` : end < 0 ? "\\k<" : source.slice(i, end + 1);
        return unsupported(
          source,
          `the backreference ${ref}`,
          `Write out what the group matches instead of ${ref} (e.g. (a|b)\\1 → (aa|bb)).`,
        );
      }
      i++;
    } else if (inClass) {
      if (ch === "]") inClass = false;
    } else if (ch === "[") {
      inClass = true;
    } else if (ch === "(" && source[i + 1] === "?" && (source[i + 2] === "=" || source[i + 2] === "!")) {
      return unsupported(
        source,
        `the lookahead ${source.slice(i, i + 3)}…)`,
        "Match the following text itself (vp(?=\\s) → vp\\s), or give what must not follow its own rule (not contains, or negative points).",
      );
    }
  }
  return null;
}

/** What RE2 refuses in a pattern JavaScript accepts, said in the rule's terms. */
function fromRe2Error(source: string, error: string): PatternError {
  const detail = error.replace(/^error parsing regexp: /, "");
  if (detail.startsWith("invalid capture in lookbehind")) {
    return {
      message: `"${source}" has a capturing group inside a lookbehind, which Leadscore cannot run in linear time.`,
      fix: "Write the group inside the lookbehind as (?:…) instead of (…).",
    };
  }
  if (detail.startsWith("invalid repeat count")) {
    return {
      message: `"${source}" repeats something more than 1000 times, above the limit of Leadscore's linear-time matcher.`,
      fix: "Use a count of at most 1000 in {…}, or + / * for any number.",
    };
  }
  return {
    message: `"${source}" uses syntax Leadscore's linear-time matcher does not support (${detail}).`,
    fix: "Rewrite the pattern without it, or use contains / starts with for plain text.",
  };
}
