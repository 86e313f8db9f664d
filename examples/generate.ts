// Writes the demo workbook as a folder of CSV files (one per tab). The checked-in examples/demo is
// exactly what this prints with no options; test/demo checks that it stays so.
//
//   npx esbuild examples/generate.ts --bundle --platform=node --format=esm --outfile=/tmp/gen.mjs
//   node /tmp/gen.mjs [--out examples/demo] [--leads 2000] [--days 180] [--seed 1]
//                     [--end 2026-11-01T00:00:00Z] [--activities-per-lead 15] [--no-mess]
import { parseArgs } from "node:util";
import { type DemoOptions, demoWorkbook } from "../src/demo/index";
import { writeCsvFolder } from "../src/local/workbook/folder";

const { values } = parseArgs({
  options: {
    out: { type: "string", default: "examples/demo" },
    leads: { type: "string" },
    days: { type: "string" },
    seed: { type: "string" },
    end: { type: "string" },
    "activities-per-lead": { type: "string" },
    "no-mess": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  process.stdout.write(
    "usage: node gen.mjs [--out DIR] [--leads N] [--days N] [--seed N] [--end ISO] [--activities-per-lead N] [--no-mess]\n",
  );
  process.exit(0);
}

function number(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) {
    process.stderr.write(`--${name} must be a non-negative number, got "${text}"\n`);
    process.exit(2);
  }
  return n;
}

const options: DemoOptions = {
  leads: number("leads", values.leads),
  days: number("days", values.days),
  seed: number("seed", values.seed),
  activitiesPerLead: number("activities-per-lead", values["activities-per-lead"]),
  mess: !values["no-mess"],
};
if (values.end !== undefined) {
  const end = new Date(values.end);
  if (Number.isNaN(end.getTime())) {
    process.stderr.write(`--end must be an ISO date, got "${values.end}"\n`);
    process.exit(2);
  }
  options.end = end;
}
// Leave unset options to the generator's defaults.
for (const key of Object.keys(options) as (keyof DemoOptions)[])
  if (options[key] === undefined) delete options[key];

const started = performance.now();
const { tabs, demo } = demoWorkbook(options);
await writeCsvFolder(values.out, tabs);
const s = demo.stats;
process.stdout.write(
  `Wrote ${tabs.length} tabs to ${values.out}/ in ${Math.round(performance.now() - started)} ms: ` +
    `${s.leads} leads, ${s.activities} activities; ${s.converted} converted, ${s.notConverted} not, ` +
    `${s.open} open (conversion rate ${(100 * s.conversionRate).toFixed(1)}% of known outcomes).\n`,
);
