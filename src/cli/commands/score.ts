// `leadscore score <workbook>`: the Leads table with the add-on's output columns, computed by the same engine.
import { parseArgs } from "node:util";
import type { OutputSource } from "../../core";
import { findColumn, outputRow, scoreWorkbook } from "../../core";
import { ACCOUNT_HEADERS, ACCOUNTS_TAB, accountGrid, rollUpAccounts } from "../../core/accounts";
import { withOutputsRow } from "../../core/output-columns";
import {
  type CellValue,
  type Grid,
  type LeadScore,
  type ScoreRun,
  TAB,
  type WorkbookInput,
} from "../../core/types";
import { guardFormulaRow, toCsv, writeCsvRows, writeCsvTable, writeXlsx } from "../../local/workbook";
import { readableDateRow, readableDates } from "../../local/workbook/readable-dates";
import { type CliIo, type Command, UsageError } from "../command";
import type { DuckDbRun } from "../duckdb-engine";
import { extraColumns } from "../extra-columns";
import { checkOutFile } from "../paths";
import { formatProblems } from "../problems";
import { progress } from "../progress";
import { tierCountSummary, tierSummary } from "../tier-summary";
import { parseAsOf, parseTimeZone } from "../time-options";
import { loadWorkbook } from "../workbook";

/** Rows from which a terminal shows progress without --progress. */
const LARGE = 50_000;

const usage = `Usage: leadscore score <workbook> [--as-of <ISO time>] [--tz <IANA zone>] [--out <file.csv|file.xlsx>] [--raw] [--bom] [--progress]
                        [--engine memory|duckdb] [--accounts <file.csv|file.xlsx>]

Scores every lead of <workbook> (a folder of CSV files, one per tab, or an .xlsx file) and prints the
Leads table with the output columns (Score, Tier, Grade, <Group> Score, Top Reasons, Scored At) as CSV,
or writes it to --out. Every input cell is kept; the output columns go after the last used column.
Problems found in the workbook are listed on stderr, then the count of leads per tier. CSV files may be
UTF-8, UTF-16 or Windows-1252, with commas, semicolons or tabs: how a file was read is reported when it
is not UTF-8 with commas. In CSV output, Scored At and other dates are ISO 8601 to the second
(2026-11-01T09:30:00Z); a date without a time of day stays a date (2026-11-01).

Text cells starting with =, +, -, @, a tab or a carriage return are written with a leading ' so that
no spreadsheet runs them as a formula (numbers stay numbers; scoring the output again changes nothing).

Options:
  --as-of <time>  score as of this ISO 8601 time (default: now)
  --tz <zone>     time zone for date-only values (default: UTC)
  --out <file>    write the table here (.xlsx: a workbook with a Leads sheet; else CSV) instead of printing it
  --raw           write text cells exactly as read, formula characters included
  --bom           start CSV output with a UTF-8 byte order mark, so that Excel shows – and − right
  --progress      report each step on stderr (shown anyway on a terminal for ${LARGE.toLocaleString("en-US")}+ leads)
  --engine duckdb score with DuckDB over the CSV (or Parquet) files, for logs larger than memory
  --accounts <file>  also write the account scores (Settings Account key) as the Accounts tab has them:
                  Account, Leads, Engaged Leads, Fit, Engagement, Score, Tier, Top Lead, Scored At

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
        bom: { type: "boolean" },
        progress: { type: "boolean" },
        engine: { type: "string" },
        accounts: { type: "string" },
      },
    });
    if (positionals.length !== 1)
      throw new UsageError("give exactly one workbook (a CSV folder or an .xlsx file)");
    const asOf = parseAsOf(values["as-of"]);
    const timeZone = parseTimeZone(values.tz);
    const xlsx = values.out !== undefined && /\.xlsx$/i.test(values.out);
    if (xlsx && values.bom) throw new UsageError("--bom is for CSV output (an .xlsx file needs none)");
    if (values.out) await checkOutFile(values.out);
    if (values.accounts !== undefined) {
      if (values.out === values.accounts) throw new UsageError("--accounts needs a file other than --out");
      await checkOutFile(values.accounts, "--accounts");
    }
    if (values.engine !== undefined && values.engine !== "memory" && values.engine !== "duckdb")
      throw new UsageError(`--engine "${values.engine}" is not memory or duckdb`);
    const run: ScoredTable =
      values.engine === "duckdb"
        ? await duckDb(positionals[0], asOf, timeZone, values.accounts !== undefined)
        : await inMemory(positionals[0], asOf, timeZone, io, values.progress, values.accounts !== undefined);
    if (run.problems.length) io.err(formatProblems(run.problems));
    if (run.nothing) throw new Error(`nothing was scored: ${run.nothing}. No output was written.`);
    if (!run.scored) throw new Error("nothing was scored: no lead could be scored. No output was written.");

    // The output table is made a row at a time as it is written, never held as a whole (it would be a
    // second copy of the Leads grid, and a third with its dates as text).
    const scored = withOutputsRow(run.leads, run.outputHeaders, run.outputs);
    const guarded = values.raw ? scored : (r: number) => guardFormulaRow(scored(r));
    const count = run.leads.length;
    const all = (row: (r: number) => CellValue[]): Grid => Array.from({ length: count }, (_, r) => row(r));
    run.step(`Writing ${values.out ?? "the table"}…`);
    if (xlsx) await writeXlsx(values.out!, [{ name: TAB.leads, values: all(guarded) }]);
    else {
      const readable = readableDateRow(findColumn(guarded(0), "Scored At"));
      const row = (r: number) => readable(guarded(r));
      if (values.out) await writeCsvRows(values.out, count, row, values.bom);
      else io.out(`${values.bom ? "\uFEFF" : ""}${toCsv(all(row))}`);
    }
    io.err(`${run.summary}${values.out ? ` → ${values.out}` : ""}`);
    if (values.accounts !== undefined && run.accounts) {
      const file = values.accounts;
      const grid = values.raw ? run.accounts : run.accounts.map(guardFormulaRow);
      if (/\.xlsx$/i.test(file)) await writeXlsx(file, [{ name: ACCOUNTS_TAB, values: grid }]);
      else await writeCsvTable(file, readableDates(grid, ACCOUNT_HEADERS.indexOf("Scored At")), values.bom);
      const n = grid.length - 1;
      io.err(
        n > 0
          ? `${n.toLocaleString("en-US")} account${n === 1 ? "" : "s"} → ${file}`
          : `No accounts (set Account key in Settings to a Leads column such as Company, or Email Domain) → ${file}`,
      );
    }
    return 0;
  },
};

/**
 * What either engine gives the output step: the Leads grid, each scored row's output cells (by sheet row),
 * the problems, why nothing worth writing was scored (if so), the tier summary line and the progress
 * reporter. Nothing in it holds the Activity Log or its index, so that they can be collected while the
 * table is written.
 */
type ScoredTable = Omit<DuckDbRun, "rows"> & {
  outputs: (sheetRow: number) => readonly CellValue[] | undefined;
  /** How many rows have outputs. */
  scored: number;
  nothing?: string;
  summary: string;
  step: (what: string) => void;
};

/** The in-memory engine's run, with the file and extra-column warnings the loader and layout found. */
async function inMemory(
  path: string,
  asOf: Date,
  timeZone: string,
  io: CliIo,
  verbose: boolean | undefined,
  accounts: boolean,
): Promise<ScoredTable> {
  const { input, formats, problems: fileProblems } = await loadWorkbook(path);
  for (const line of formats) io.err(line);
  // Progress only for large runs on a terminal (a small one is done before a line could help).
  const step = progress(io, verbose, input.leads.length > LARGE);
  step(`Scoring ${(input.leads.length - 1).toLocaleString("en-US")} leads…`);
  const run = scoreWorkbook(input, { asOf, timeZone });
  const problems = [...fileProblems, ...extraColumns(input.leads).warnings, ...run.problems];
  return {
    leads: input.leads,
    outputHeaders: run.outputHeaders,
    ...outputsOf(run, input.leads.length),
    problems,
    nothing: nothingScored(input, run),
    summary: tierSummary(run),
    step,
    accounts: accounts ? accountGrid(rollUpAccounts(input, run), asOf) : undefined,
  };
}

/**
 * Output cells by sheet row, made when the row is written. Holds the leads' scores and not the run (whose
 * explanations keep the prepared workbook, Activity Log included, alive).
 */
function outputsOf(run: ScoreRun, rows: number): Pick<ScoredTable, "outputs" | "scored"> {
  const source = outputSource(run);
  const bySheetRow: (LeadScore | undefined)[] = new Array(rows + 1);
  for (const lead of run.leads) bySheetRow[lead.sheetRow] = lead;
  return {
    outputs: (sheetRow) => {
      const lead = bySheetRow[sheetRow];
      return lead && outputRow(source, lead);
    },
    scored: run.leads.length,
  };
}

/** The run without its closures: the fields outputRow reads, models included. */
function outputSource(run: OutputSource): OutputSource {
  const { model, settings, asOf, groupNames, leads, models } = run;
  return { model, settings, asOf, groupNames, leads, models: models.map(outputSource) };
}

async function duckDb(path: string, asOf: Date, timeZone: string, accounts: boolean): Promise<ScoredTable> {
  const { rows, ...run } = await (await import("../duckdb-engine")).scoreWithDuckDb(path, {
    asOf,
    timeZone,
    accounts,
  });
  const tier = run.outputHeaders.indexOf("Tier");
  const tiers = [...rows.values()].map((row) => String(row[tier] ?? ""));
  return {
    ...run,
    outputs: (sheetRow) => rows.get(sheetRow),
    scored: rows.size,
    summary: tierCountSummary(tiers, []),
    step: () => {},
  };
}

/** Why the run scored nothing worth writing, or undefined when it scored. */
function nothingScored(input: WorkbookInput, run: ScoreRun): string | undefined {
  if (!input.leads.some((row, r) => r > 0 && row.some((v) => v !== "" && v !== null)))
    return `the ${TAB.leads} tab has no leads under its header row`;
  if (!run.leads.length) return `no lead could be scored (see the errors above)`;
  if (!input.matrix)
    return `there is no ${TAB.matrix} tab (on the command line, leadscore init <new folder> --from <your Leads.csv> makes a workbook around these leads with the starter matrix)`;
  if (!run.groupNames.length)
    return `the ${TAB.matrix} has no active rule that can score (see the problems above)`;
  return undefined;
}
