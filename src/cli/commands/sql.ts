// `leadscore sql <workbook>`: the workbook's matrix compiled to one SQL query (src/core/sql) over the tables
// Settings name (default `leads` and `activities`, with the Leads and Activity Log headers), for BigQuery
// or DuckDB.

import { parseArgs } from "node:util";
import { activityTable } from "../../core/cell-table";
import { compileAccountsSql, compileSql, DIALECTS, type DialectName } from "../../core/sql";
import { type Command, UsageError } from "../command";
import { formatProblems } from "../problems";
import { parseAsOf, parseTimeZone } from "../time-options";
import { loadWorkbook } from "../workbook";

const usage = `Usage: leadscore sql <workbook> [--dialect bigquery|duckdb] [--as-of <ISO time>] [--tz <IANA zone>]
                     [--leads-table <name>] [--activities-table <name>] [--accounts]

Prints one SQL query that scores every lead as the engine does, over a table of leads and a table of
activities whose columns are the Leads and Activity Log headers (typed, or all text as a CSV loads).
Settings name them: BigQuery project, BigQuery dataset, BigQuery leads table, BigQuery activities table,
a Column | BigQuery column | Tab table for columns named otherwise, and BigQuery activities source GA4
to read GA4's export (events_*). It returns one row per lead: _row, the key column, Score, Tier, Grade,
<Group> Score and Top Reasons, ordered by Score (highest first), then the key (DuckDB: in the Leads
table's order, _row its place there). With --accounts, the account roll-up instead (Settings Account
key): Account, Leads, Engaged Leads, Fit, Engagement, Score, Tier and Top Lead, as the Accounts tab.

Options:
  --dialect <name>         bigquery (GoogleSQL, the default) or duckdb
  --as-of <time>           score as of this ISO 8601 time (default: now)
  --tz <zone>              time zone for date-only values (default: UTC)
  --leads-table <name>     the leads table instead of Settings' (e.g. project.dataset.leads)
  --activities-table <n>   the activities table instead of Settings'
  --accounts               the accounts' scores instead of the leads'`;

export const command: Command = {
  name: "sql",
  summary: "print the SQL query (BigQuery or DuckDB) that scores the workbook's leads",
  usage,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        dialect: { type: "string" },
        "as-of": { type: "string" },
        tz: { type: "string" },
        "leads-table": { type: "string" },
        "activities-table": { type: "string" },
        accounts: { type: "boolean" },
      },
    });
    if (positionals.length !== 1)
      throw new UsageError("give exactly one workbook (a CSV folder or an .xlsx file)");
    const name = values.dialect ?? "bigquery";
    if (!DIALECTS.includes(name as DialectName))
      throw new UsageError(`--dialect "${name}" is not one of ${DIALECTS.join(", ")}`);
    const { input } = await loadWorkbook(positionals[0]);
    const log = activityTable(input); // its header row, without making a grid of the whole log
    const compile = values.accounts ? compileAccountsSql : compileSql;
    const compiled = compile(
      {
        leadHeaders: input.leads[0] ?? [],
        activityHeaders: log ? (log.length > 0 ? log.row(0) : []) : null,
        matrix: input.matrix,
        settings: input.settings,
        lists: input.lists,
      },
      {
        dialect: name as DialectName,
        asOf: parseAsOf(values["as-of"]),
        timeZone: parseTimeZone(values.tz),
        tables: { leads: values["leads-table"], activities: values["activities-table"] },
      },
    );
    if (compiled.problems.length) io.err(formatProblems(compiled.problems));
    if (compiled.unsupported.length) {
      io.err(formatProblems(compiled.unsupported));
      return 1;
    }
    io.out(compiled.sql);
    return 0;
  },
};
