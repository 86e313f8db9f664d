// Regex benchmark: `matches` patterns that backtrack exponentially in JavaScript's RegExp, against a
// 50,000-character cell, on the matcher the engine uses (RE2, src/core/regex.ts), beside a simple
// pattern on the same cell: linear-time matching keeps the ratio small whatever the pattern. For scale,
// the first line times JavaScript's RegExp on the same kind of pattern and a cell of 21 characters.
// Figures only. Run: npm run build && node build/bench/regex.js (BENCH_RUNS overrides the repeats).
import { compilePattern, isPatternError, type Pattern } from "../src/core/regex";
import { fmtS, machineState, timed } from "./lib/measure";

const fmtMs = (ms: number): string => `${ms.toFixed(2)} ms`;

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LENGTH = 50_000;

function compiled(source: string): Pattern {
  const p = compilePattern(source);
  if (isPatternError(p)) throw new Error(p.message);
  return p;
}

/** Best wall time of RUNS tests of `pattern` on `cell`, and the (same every time) result. */
function best(pattern: Pattern, cell: string): { ms: number; match: boolean } {
  let ms = Number.POSITIVE_INFINITY;
  let match = false;
  for (let i = 0; i < RUNS; i++) {
    const t = timed(() => pattern.test(cell));
    ms = Math.min(ms, t.wallMs);
    match = t.value;
  }
  return { ms, match };
}

console.log(`regex bench — ${machineState()}`);
const short = `${"a".repeat(20)}!`;
const js = timed(() => /^(a+)+$/i.test(short));
console.log(
  `JavaScript RegExp, ^(a+)+$ on ${short.length} characters: ${fmtS(js.wallMs)} (each character more doubles it)`,
);

const a = "a".repeat(LENGTH);
const x = "x".repeat(LENGTH);
const cases: [string, string][] = [
  ["^(a+)+$", `${a}!`],
  ["(a|aa)+$", `${a}b`],
  ["(x+x+)+y", x],
];
const SIMPLE = "\\bvp\\b";
for (const [source, cell] of cases) {
  const c = timed(() => compiled(source));
  const hard = best(c.value, cell);
  const simple = best(compiled(SIMPLE), cell);
  console.log(
    `${source.padEnd(10)} on ${cell.length.toLocaleString("en-US")} characters: ${fmtMs(hard.ms)} (match ${hard.match}; compiled in ${fmtMs(c.wallMs)}); ${SIMPLE} on the same cell ${fmtMs(simple.ms)}; ratio ${(hard.ms / simple.ms).toFixed(1)}×`,
  );
}
