// `leadscore score <workbook>`: the Leads table with the add-on's output columns, computed by the same engine.
import { parseArgs } from "node:util";
import { outputRow, scoreWorkbook, type WorkbookInput } from "../../core";
import { withOutputs } from "../../core/output-columns";
import { toCsv, writeCsvTable } from "../../local/workbook";
import { type Command, UsageError } from "../command";
import { formatProblems } from "../problems";
import { parseAsOf, parseTimeZone } from "../time-options";
import { loadWorkbook } from "../workbook";

const usage = `Usage: leadscore score <workbook> [--as-of <ISO time>] [--tz <IANA zone>] [--out <file.csv>]
                       [--engine memory|duckdb]

Scores every lead of <workbook> (a folder of CSV files, one per tab, or an .xlsx file) and prints the
Leads table with the output columns (Score, Tier, Grade, <Group> Score, Top Reasons, Scored At) as CSV,
or writes it to --out. Problems found in the workbook are listed on stderr.

Options:
  --as-of <time>  score as of this ISO 8601 time (default: now)
  --tz <zone>     time zone for date-only values (default: UTC)
  --out <file>    write the CSV here instead of printing it
  --engine duckdb score with DuckDB over the CSV (or Parquet) files, for logs larger than memory`;

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
        engine: { type: "string" },
      },
    });
    if (positionals.length !== 1)
      throw new UsageError("give exactly one workbook (a CSV folder or an .xlsx file)");
    const asOf = parseAsOf(values["as-of"]);
    const timeZone = parseTimeZone(values.tz);
    if (values.engine !== undefined && values.engine !== "memory" && values.engine !== "duckdb")
      throw new UsageError(`--engine "${values.engine}" is not memory or duckdb`);
    const run =
      values.engine === "duckdb"
        ? await (await import("../duckdb-engine")).scoreWithDuckDb(positionals[0], { asOf, timeZone })
        : inMemory((await loadWorkbook(positionals[0])).input, asOf, timeZone);
    const table = withOutputs(run.leads, run.outputHeaders, run.rows);
    if (values.out) {
      await writeCsvTable(values.out, table);
      io.err(`Scored ${run.rows.size} leads → ${values.out}`);
    } else {
      io.out(toCsv(table));
    }
    if (run.problems.length) io.err(formatProblems(run.problems));
    return 0;
  },
};

function inMemory(input: WorkbookInput, asOf: Date, timeZone: string) {
  const run = scoreWorkbook(input, { asOf, timeZone });
  const rows = new Map(run.leads.map((lead) => [lead.sheetRow, outputRow(run, lead)]));
  return { leads: input.leads, outputHeaders: run.outputHeaders, rows, problems: run.problems };
}
