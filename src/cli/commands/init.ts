// `leadscore init <folder> [--from <export>]`: a new workbook around a CRM or form export (or an empty
// one), made by init-workbook.ts. What was mapped and what was not goes to stderr.
import { parseArgs } from "node:util";
import { DATE_FORMAT_NAMES, type DateFormat } from "../../core/time";
import { initWorkbook } from "../../local/workbook/init-workbook";
import { type Command, UsageError } from "../command";
import { checkExport } from "../paths";

const usage = `Usage: leadscore init <folder|file.xlsx> [--from <export.csv|export.xlsx>] [--date-format us|eu|iso] [--force]

Creates a workbook: a folder of CSV files (Leads, Scoring Matrix, Settings, Lists, Activity Log), or an
.xlsx file with those sheets. With --from, Leads is the export as it is (a CSV export is copied byte for
byte; every column is kept) and the starter matrix's rules test the export's own columns: the key column
is found under its usual names (Email, Email Address, E-mail, Work Email…; Settings names it when it is
not Email), and the usual headers of HubSpot, Salesforce, Pipedrive, Zoho and Mailchimp exports are
recognised (Job Title/Title, Industry, Number of Employees/No. of Employees, Country/Region…). A rule
whose column the export lacks is switched off (Active FALSE). What was mapped and what was not is
reported on stderr, with the date format of the export's date columns (US or European, told apart by a
day above 12), which Settings' Date format then holds so that scoring reads those dates. Without --from,
Leads has the starter headers and no rows.

Options:
  --from <file>         the CRM or form export (.csv in any encoding Excel saves, or .xlsx: its first sheet)
  --date-format <f>     us, eu or iso: the export's date format, when its dates cannot tell (03/04/2026)
  --force               replace the tabs of a workbook already there (other files in the folder are kept)

Exit codes: 0 created; 1 nothing was created (a workbook is already there, the export cannot be read or
has no email column); 2 bad usage.`;

const DATE_FORMATS = Object.keys(DATE_FORMAT_NAMES) as DateFormat[];

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
    const from = values.from;
    if (from !== undefined) await checkExport(from);
    const lines = await initWorkbook(target, {
      from,
      dateFormat: format as DateFormat | undefined,
      force: values.force === true,
    });
    io.err([...lines, `Next: leadscore score ${target}`].join("\n"));
    return 0;
  },
};
