// `leadscore score <workbook>`: the Leads table with the add-on's output columns, computed by the same engine.
import { parseArgs } from "node:util";
import { outputRow, scoreWorkbook } from "../../core";
import { withOutputs } from "../../core/output-columns";
import { type Grid, type ScoreRun, TAB, type WorkbookInput } from "../../core/types";
import { guardFormulas, toCsv, writeCsvTable, writeXlsx } from "../../local/workbook";
import { type CliIo, type Command, UsageError } from "../command";
import type { DuckDbRun } from "../duckdb-engine";
import { extraColumns } from "../extra-columns";
import { formatProblems } from "../problems";
import { parseAsOf, parseTimeZone } from "../time-options";
import { loadWorkbook } from "../workbook";

const usage = `Usage: leadscore score <workbook> [--as-of <ISO time>] [--tz <IANA zone>] [--out <file.csv|file.xlsx>] [--raw]
                        [--engine memory|duckdb]

Scores every lead of <workbook> (a folder of CSV files, one per tab, or an .xlsx file) and prints the
Leads table with the output columns (Score, Tier, Grade, <Group> Score, Top Reasons, Scored At) as CSV,
or writes it to --out. Every input cell is kept; the output columns go after the last used column.
Problems found in the workbook are listed on stderr. CSV files may be UTF-8, UTF-16 or Windows-1252,
with commas, semicolons or tabs: how a file was read is reported when it is not UTF-8 with commas.

Text cells starting with =, +, -, @, a tab or a carriage return are written with a leading ' so that
no spreadsheet runs them as a formula (numbers stay numbers; scoring the output again changes nothing).

Options:
  --as-of <time>  score as of this ISO 8601 time (default: now)
  --tz <zone>     time zone for date-only values (default: UTC)
  --out <file>    write the table here (.xlsx: a workbook with a Leads sheet; else CSV) instead of printing it
  --raw           write text cells exactly as read, formula characters included
  --engine duckdb score with DuckDB over the CSV (or Parquet) files, for logs larger than memory

Exit codes: 0 scored; 1 nothing could be scored (no output is written); 2 bad usage.`;

export const command: Command = {
  name: "score",
  summary: "score every lead and print or write the Leads table with the output columns",
  usage,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        "as-of": { type: "string" },
        tz: { type: "string" },
        out: { type: "string" },
        raw: { type: "boolean" },
        engine: { type: "string" },
      },
    });
    if (positionals.length !== 1)
      throw new UsageError("give exactly one workbook (a CSV folder or an .xlsx file)");
    const asOf = parseAsOf(values["as-of"]);
    const timeZone = parseTimeZone(values.tz);
    if (values.engine !== undefined && values.engine !== "memory" && values.engine !== "duckdb")
      throw new UsageError(`--engine "${values.engine}" is not memory or duckdb`);
    const run: ScoredTable =
      values.engine === "duckdb"
        ? await (await import("../duckdb-engine")).scoreWithDuckDb(positionals[0], { asOf, timeZone })
        : await inMemory(positionals[0], asOf, timeZone, io);
    if (run.problems.length) io.err(formatProblems(run.problems));
    if (run.nothing) throw new Error(`nothing was scored: ${run.nothing}. No output was written.`);
    if (!run.rows.size)
      throw new Error("nothing was scored: no lead could be scored. No output was written.");

    const scored = withOutputs(run.leads, run.outputHeaders, run.rows);
    const table: Grid = values.raw ? scored : guardFormulas(scored);
    if (values.out) {
      if (/\.xlsx$/i.test(values.out)) await writeXlsx(values.out, [{ name: TAB.leads, values: table }]);
      else await writeCsvTable(values.out, table);
      io.err(`Scored ${run.rows.size} leads → ${values.out}`);
    } else {
      io.out(toCsv(table));
    }
    return 0;
  },
};

/** What either engine gives the output step; `nothing` says why a run scored nothing worth writing. */
type ScoredTable = DuckDbRun & { nothing?: string };

/** The in-memory engine's run, with the file and extra-column warnings the loader and layout found. */
async function inMemory(path: string, asOf: Date, timeZone: string, io: CliIo): Promise<ScoredTable> {
  const { input, formats, problems: fileProblems } = await loadWorkbook(path);
  for (const line of formats) io.err(line);
  const run = scoreWorkbook(input, { asOf, timeZone });
  const rows = new Map(run.leads.map((lead) => [lead.sheetRow, outputRow(run, lead)]));
  const problems = [...fileProblems, ...extraColumns(input.leads).warnings, ...run.problems];
  return {
    leads: input.leads,
    outputHeaders: run.outputHeaders,
    rows,
    problems,
    nothing: nothingScored(input, run),
  };
}

/** Why the run scored nothing worth writing, or undefined when it scored. */
function nothingScored(input: WorkbookInput, run: ScoreRun): string | undefined {
  if (!input.leads.some((row, r) => r > 0 && row.some((v) => v !== "" && v !== null)))
    return `the ${TAB.leads} tab has no leads under its header row`;
  if (!run.leads.length) return `no lead could be scored (see the errors above)`;
  if (!input.matrix) return `there is no ${TAB.matrix} tab`;
  if (!run.groupNames.length)
    return `the ${TAB.matrix} has no active rule that can score (see the problems above)`;
  return undefined;
}
