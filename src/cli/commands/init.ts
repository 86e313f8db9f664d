// `leadscore init <folder> [--from <export>]`: a new workbook around a CRM or form export (or an empty
// one): the export as the Leads tab, the starter matrix pointed at its columns, Settings, Lists and an
// empty Activity Log. What was mapped and what was not goes to stderr.
import { copyFile, mkdir, readdir } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DATE_FORMAT_NAMES, type DateFormat } from "../../core/import/dates";
import { type ExportWorkbook, workbookAround } from "../../core/import/export-workbook";
import { LEADS_HEADERS } from "../../core/templates";
import { type Grid, TAB } from "../../core/types";
import {
  readCsvTable,
  readXlsx,
  tabFileName,
  tabNameOf,
  writeCsvTable,
  writeXlsx,
} from "../../local/workbook";
import { type CliIo, type Command, UsageError } from "../command";
import { checkExport, pathKind } from "../paths";
import { readableDates } from "../readable-dates";

const usage = `Usage: leadscore init <folder|file.xlsx> [--from <export.csv|export.xlsx>] [--date-format us|eu|iso] [--force]

Creates a workbook: a folder of CSV files (Leads, Scoring Matrix, Settings, Lists, Activity Log), or an
.xlsx file with those sheets. With --from, Leads is the export as it is (a CSV export is copied byte for
byte; every column is kept) and the starter matrix's rules test the export's own columns: the key column
is found under its usual names (Email, Email Address, E-mail, Work Email…; Settings names it when it is
not Email), and the usual headers of HubSpot, Salesforce, Pipedrive, Zoho and Mailchimp exports are
recognised (Job Title/Title, Industry, Number of Employees/No. of Employees, Country/Region…). A rule
whose column the export lacks is switched off (Active FALSE). What was mapped and what was not is
reported on stderr, with the date format of the export's date columns (US or European, told apart by a
day above 12). Without --from, Leads has the starter headers and no rows.

Options:
  --from <file>         the CRM or form export (.csv in any encoding Excel saves, or .xlsx: its first sheet)
  --date-format <f>     us, eu or iso: the export's date format, when its dates cannot tell (03/04/2026)
  --force               replace the tabs of a workbook already there (other files in the folder are kept)

Exit codes: 0 created; 1 nothing was created (a workbook is already there, the export cannot be read or
has no email column); 2 bad usage.`;

const DATE_FORMATS = Object.keys(DATE_FORMAT_NAMES) as DateFormat[];
const TABS = [TAB.leads, TAB.matrix, TAB.settings, TAB.lists, TAB.activities];

export const command: Command = {
  name: "init",
  summary: "create a workbook around a CRM or form export (the starter matrix pointed at its columns)",
  usage,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        from: { type: "string" },
        "date-format": { type: "string" },
        force: { type: "boolean" },
      },
    });
    if (positionals.length !== 1)
      throw new UsageError("give exactly one folder (or .xlsx file) for the new workbook");
    const [target] = positionals;
    const format = values["date-format"]?.toLowerCase();
    if (format !== undefined && !DATE_FORMATS.includes(format as DateFormat))
      throw new UsageError(
        `--date-format "${values["date-format"]}" is not one of ${DATE_FORMATS.join(", ")}`,
      );
    await checkTarget(target, values.force === true);

    const from = values.from;
    if (from !== undefined) await checkExport(from);
    const leads = from === undefined ? [[...LEADS_HEADERS]] : await readExport(from);
    const wb = workbookAround(leads, format as DateFormat | undefined);
    if (wb.keyHeader === undefined) {
      const headers = (leads[0] ?? []).map(String).filter(Boolean);
      throw new Error(
        `${from} has no email column to identify leads by (its headers: ${headers.join(", ") || "none"}). ` +
          "Rename the column holding each lead's email address to Email, then run init again.",
      );
    }
    await write(target, leads, wb, from);
    report(io, target, from, leads, wb);
    return 0;
  },
};

/** Refuses a file where a folder is wanted, and a workbook already there unless --force. */
async function checkTarget(target: string, force: boolean): Promise<void> {
  const found = await pathKind(target);
  const xlsx = /\.xlsx$/i.test(target);
  if (found === "file" && !xlsx)
    throw new Error(
      `"${target}" is a file. Give a folder name for the new workbook (or a name ending in .xlsx).`,
    );
  if (found === "folder" && xlsx) throw new Error(`"${target}" is a folder, not an .xlsx file.`);
  if (force || !found) return;
  const existing = xlsx
    ? [basename(target)]
    : (await readdir(target)).filter((f) => /\.csv$/i.test(f) && TABS.includes(tabNameOf(f) as never));
  if (existing.length)
    throw new Error(
      `"${target}" already holds a workbook (${existing.join(", ")}); init does not overwrite it. ` +
        "Give a new folder, or --force to replace its tabs.",
    );
}

async function readExport(file: string): Promise<Grid> {
  if (/\.xlsx$/i.test(file)) {
    const sheets = await readXlsx(file);
    const sheet = sheets.find((s) => s.values.length > 0);
    if (!sheet) throw new Error(`${file} has no sheet with any cell in it.`);
    return sheet.values;
  }
  return (await readCsvTable(file)).values;
}

async function write(
  target: string,
  leads: Grid,
  wb: ExportWorkbook,
  from: string | undefined,
): Promise<void> {
  const tabs = [
    { name: TAB.matrix, values: wb.matrix },
    { name: TAB.settings, values: wb.settings },
    { name: TAB.lists, values: wb.lists },
    { name: TAB.activities, values: wb.activities },
  ];
  if (/\.xlsx$/i.test(target)) {
    await writeXlsx(target, [{ name: TAB.leads, values: leads }, ...tabs]);
    return;
  }
  await mkdir(target, { recursive: true });
  const leadsFile = join(target, tabFileName(TAB.leads));
  // A CSV export is the Leads tab byte for byte (the reader sniffs its encoding and delimiter as it
  // would the export's); --force with the export already in place must not copy it onto itself.
  if (from !== undefined && !/\.xlsx$/i.test(from)) {
    if (resolve(from) !== resolve(leadsFile)) await copyFile(from, leadsFile);
  } else await writeCsvTable(leadsFile, readableDates(leads));
  await Promise.all(tabs.map((t) => writeCsvTable(join(target, tabFileName(t.name)), t.values)));
}

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(", ");

function report(io: CliIo, target: string, from: string | undefined, leads: Grid, wb: ExportWorkbook): void {
  const rows = leads.slice(1).filter((r) => r.some((v) => v !== "" && v !== null)).length;
  const lines = [
    from === undefined
      ? `Created the workbook ${target} with the starter matrix and an empty Leads tab.`
      : `Created the workbook ${target} around ${from}: ${rows.toLocaleString("en-US")} lead${rows === 1 ? "" : "s"}, key column "${wb.keyHeader}".`,
  ];
  if (from !== undefined) {
    const mapped = wb.fields.filter((f) => f.header !== undefined);
    const missing = wb.fields.filter((f) => f.header === undefined);
    if (mapped.length) {
      lines.push("Rules pointed at the export's columns:");
      for (const f of mapped) lines.push(`  ${f.field} → "${f.header}" (${f.rules.join(", ")})`);
    }
    if (missing.length) {
      lines.push(
        "Not mapped: no such column in the export, so these rules are off (Active FALSE in the Scoring Matrix):",
      );
      for (const f of missing) lines.push(`  ${f.field} (${f.rules.join(", ")})`);
    }
    if (wb.untested.length) lines.push(`Kept in Leads, tested by no rule: ${quoted(wb.untested)}`);
    lines.push(...dateLines(wb));
  }
  lines.push(
    `The ${TAB.activities} is empty (Timestamp, ${wb.keyHeader}, Event, Detail): the Engagement rules score once it has activities.`,
    `Next: leadscore score ${target}`,
  );
  io.err(lines.join("\n"));
}

function dateLines({ dates }: ExportWorkbook): string[] {
  if (!dates.columns.length) return [];
  const cols = quoted(dates.columns);
  if (dates.forced) return [`Dates in ${cols}: ${DATE_FORMAT_NAMES[dates.format!]} (as --date-format says).`];
  if (dates.conflicting)
    return [
      `Dates in ${cols}: both US and European dates were found (a day above 12 in either place). Check the export; --date-format us|eu says which it is.`,
    ];
  if (!dates.format)
    return [
      `Dates in ${cols}: US or European cannot be told (no day above 12, e.g. ${dates.example}). Say which with --date-format us|eu.`,
    ];
  const hint =
    dates.format === "iso"
      ? ""
      : ` Leadscore reads ISO dates (2026-03-14) and spreadsheet dates: in Google Sheets, import with a ${dates.format === "us" ? "US" : "European"} locale (File ▸ Settings ▸ Locale) so that they become dates.`;
  return [`Dates in ${cols}: ${DATE_FORMAT_NAMES[dates.format]}, e.g. ${dates.example}.${hint}`];
}
