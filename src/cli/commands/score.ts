// `leadscore score <workbook>`: the Leads table with the add-on's output columns, computed by the same engine.
import { parseArgs } from "node:util";
import { outputRow, scoreWorkbook } from "../../core";
import { withOutputs } from "../../core/output-columns";
import { toCsv, writeCsvTable } from "../../local/workbook";
import { type Command, UsageError } from "../command";
import { formatProblems } from "../problems";
import { parseAsOf, parseTimeZone } from "../time-options";
import { loadWorkbook } from "../workbook";

const usage = `Usage: leadscore score <workbook> [--as-of <ISO time>] [--tz <IANA zone>] [--out <file.csv>]

Scores every lead of <workbook> (a folder of CSV files, one per tab, or an .xlsx file) and prints the
Leads table with the output columns (Score, Tier, Grade, <Group> Score, Top Reasons, Scored At) as CSV,
or writes it to --out. Problems found in the workbook are listed on stderr.

Options:
  --as-of <time>  score as of this ISO 8601 time (default: now)
  --tz <zone>     time zone for date-only values (default: UTC)
  --out <file>    write the CSV here instead of printing it`;

export const command: Command = {
  name: "score",
  summary: "score every lead and print or write the Leads table with the output columns",
  usage,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { "as-of": { type: "string" }, tz: { type: "string" }, out: { type: "string" } },
    });
    if (positionals.length !== 1)
      throw new UsageError("give exactly one workbook (a CSV folder or an .xlsx file)");
    const asOf = parseAsOf(values["as-of"]);
    const timeZone = parseTimeZone(values.tz);
    const { input } = await loadWorkbook(positionals[0]);
    const run = scoreWorkbook(input, { asOf, timeZone });
    const rows = new Map(run.leads.map((lead) => [lead.sheetRow, outputRow(run, lead)]));
    const table = withOutputs(input.leads, run.outputHeaders, rows);
    if (values.out) {
      await writeCsvTable(values.out, table);
      io.err(`Scored ${run.leads.length} leads → ${values.out}`);
    } else {
      io.out(toCsv(table));
    }
    if (run.problems.length) io.err(formatProblems(run.problems));
    return 0;
  },
};
