// A new workbook around a CRM or form export (or an empty one), as `leadscore init` and `npm start --
// --from` (and the page's "New workbook from an export…") create it: the export as the Leads tab, the
// starter matrix pointed at its columns, Settings, Lists and an empty Activity Log; and the report of
// what was mapped and what was not.
import { copyFile, mkdir, readdir } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { type ExportWorkbook, workbookAround } from "../../core/import/export-workbook";
import { LEADS_HEADERS } from "../../core/templates";
import { DATE_FORMAT_NAMES, type DateFormat } from "../../core/time";
import { type Grid, TAB } from "../../core/types";
import { readCsvTable, writeCsvTable } from "./csv";
import { tabFileName, tabNameOf } from "./folder";
import { pathKind } from "./path-kind";
import { readableDates } from "./readable-dates";
import { readXlsx, writeXlsx } from "./xlsx";

const TABS = [TAB.leads, TAB.matrix, TAB.settings, TAB.lists, TAB.activities];
const isXlsx = (path: string) => /\.xlsx$/i.test(path);

export interface InitOptions {
  /** The export (.csv or .xlsx); without it, Leads has the starter headers and no rows. */
  from?: string;
  /** The export's date format, when its dates cannot tell. */
  dateFormat?: DateFormat;
  /** Replace the tabs of a workbook already there. */
  force?: boolean;
  /** What to do instead when a workbook is already at the target (the CLI's default names --force). */
  instead?: string;
}

/** Creates the workbook at `target` (a folder, or an .xlsx file); returns the report, one line each. */
export async function initWorkbook(target: string, o: InitOptions = {}): Promise<string[]> {
  await checkTarget(
    target,
    o.force === true,
    o.instead ?? "Give a new folder, or --force to replace its tabs.",
  );
  const { from } = o;
  const leads = from === undefined ? [[...LEADS_HEADERS]] : await readExport(from);
  const wb = workbookAround(leads, o.dateFormat);
  if (wb.keyHeader === undefined) {
    const headers = (leads[0] ?? []).map(String).filter(Boolean);
    throw new Error(
      `${from} has no email column to identify leads by (its headers: ${headers.join(", ") || "none"}). ` +
        "Rename the column holding each lead's email address to Email, then run init again.",
    );
  }
  await write(target, leads, wb, from);
  return report(target, from, leads, wb);
}

/**
 * `npm start -- --from` and the page: checks the export, then creates the workbook at `target`, by
 * default a folder next to the export named after it (contacts.csv → contacts/).
 */
export async function initFromExport(
  from: string,
  target = join(dirname(resolve(from)), basename(from, extname(from))),
): Promise<{ target: string; report: string[] }> {
  await checkExportFile(from);
  const instead = `Open it with npm start -- --workbook "${target}", or give another folder with --workbook <new folder>.`;
  return { target, report: await initWorkbook(target, { from, instead }) };
}

/** An export named on the page or by --from: an existing .csv or .xlsx file. Throws what to give instead. */
async function checkExportFile(from: string): Promise<void> {
  const found = await pathKind(from);
  if (!found) throw new Error(`"${from}" does not exist. Give the CRM or form export (.csv or .xlsx).`);
  if (found === "folder")
    throw new Error(`"${from}" is a folder. Give the export file itself (.csv or .xlsx) inside it.`);
  if (!/\.(csv|xlsx)$/i.test(from))
    throw new Error(`"${from}" is not a .csv or .xlsx file. Export the contacts as CSV or Excel first.`);
}

/** Refuses a file where a folder is wanted, and a workbook already there unless `force`. */
async function checkTarget(target: string, force: boolean, instead: string): Promise<void> {
  const found = await pathKind(target);
  const xlsx = isXlsx(target);
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
      `"${target}" already holds a workbook (${existing.join(", ")}); init does not overwrite it. ${instead}`,
    );
}

async function readExport(file: string): Promise<Grid> {
  if (isXlsx(file)) {
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
  if (isXlsx(target)) {
    await writeXlsx(target, [{ name: TAB.leads, values: leads }, ...tabs]);
    return;
  }
  await mkdir(target, { recursive: true });
  const leadsFile = join(target, tabFileName(TAB.leads));
  // A CSV export is the Leads tab byte for byte (the reader sniffs its encoding and delimiter as it
  // would the export's); --force with the export already in place must not copy it onto itself.
  if (from !== undefined && !isXlsx(from)) {
    if (resolve(from) !== resolve(leadsFile)) await copyFile(from, leadsFile);
  } else await writeCsvTable(leadsFile, readableDates(leads));
  await Promise.all(tabs.map((t) => writeCsvTable(join(target, tabFileName(t.name)), t.values)));
}

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(", ");

function report(target: string, from: string | undefined, leads: Grid, wb: ExportWorkbook): string[] {
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
  );
  return lines;
}

/** The date format found, and where to change it (the page has no flags: Settings ▸ Date format). */
function dateLines({ dates }: ExportWorkbook): string[] {
  if (!dates.columns.length) return [];
  const cols = quoted(dates.columns);
  const either = `${DATE_FORMAT_NAMES.us} or ${DATE_FORMAT_NAMES.eu}`;
  if (dates.format === undefined) {
    const why = dates.conflicting
      ? "both US and European dates were found (a day above 12 in either place); check the export"
      : `US or European cannot be told (no day above 12, e.g. ${dates.example})`;
    return [
      `Dates in ${cols}: ${why}. Settings ▸ Date format is left at ${DATE_FORMAT_NAMES.iso}, so they are not read as dates until you set it to ${either}.`,
    ];
  }
  const name = DATE_FORMAT_NAMES[dates.format];
  const how = dates.forced ? "as --date-format says" : `e.g. ${dates.example}`;
  const sheets =
    dates.format === "iso"
      ? ""
      : ` In Google Sheets, import the export with a ${dates.format === "us" ? "US" : "European"} locale (File ▸ Settings ▸ Locale) or as plain text, so that Sheets does not read its dates the other way round.`;
  return [
    `Dates in ${cols}: ${name} (${how}). Settings ▸ Date format says ${name}, so scoring reads them; change it there if that is wrong.${sheets}`,
  ];
}
