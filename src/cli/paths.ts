// The paths a command line names, checked before any work so that a typo gets a sentence, not ENOENT.
import { basename, dirname } from "node:path";
import { pathKind } from "../local/workbook/path-kind";

export { pathKind };

const isXlsx = (path: string) => /\.xlsx$/i.test(path);

/** A workbook to read: a folder of CSV files or an .xlsx file. Throws what to give instead. */
export async function checkWorkbook(path: string): Promise<void> {
  const found = await pathKind(path);
  if (!found)
    throw new Error(
      `"${path}" does not exist. Give a workbook: a folder of CSV files (Leads.csv, Scoring Matrix.csv…) or an .xlsx file.`,
    );
  if (found === "folder" && isXlsx(path))
    throw new Error(
      `"${path}" is a folder, not an .xlsx file. Give the .xlsx file, or a folder without .xlsx in its name.`,
    );
  if (found === "file" && !isXlsx(path)) {
    const folder = dirname(path);
    throw new Error(
      `"${path}" is a file, not a workbook folder. Give the folder that holds the tabs' CSV files${/\.csv$/i.test(path) ? ` ("${folder}")` : ""}, or an .xlsx file.` +
        (/\.csv$/i.test(path) && !/^leads\.csv$/i.test(basename(path))
          ? ` To start a workbook from an export, run leadscore init <folder> --from "${path}".`
          : ""),
    );
  }
}

/** An export to read (--from): a CSV or .xlsx file. */
export async function checkExport(path: string): Promise<void> {
  const found = await pathKind(path);
  if (!found)
    throw new Error(`--from "${path}" does not exist. Give the CRM or form export (.csv or .xlsx).`);
  if (found === "folder")
    throw new Error(
      `--from "${path}" is a folder. Give the export file itself (.csv or .xlsx), e.g. ${path}/contacts.csv.`,
    );
}

/** A file to write (--out): its folder must exist and it must not be a folder itself. */
export async function checkOutFile(path: string, option = "--out"): Promise<void> {
  if ((await pathKind(path)) === "folder")
    throw new Error(`${option} "${path}" is a folder. Give a file name, e.g. ${path}/scored.csv.`);
  const folder = dirname(path);
  const found = await pathKind(folder);
  if (found !== "folder")
    throw new Error(
      found
        ? `${option} "${path}": "${folder}" is a file, not a folder.`
        : `${option} "${path}": the folder "${folder}" does not exist. Create it first (mkdir -p "${folder}").`,
    );
}
