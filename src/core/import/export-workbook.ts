// A workbook around a CRM or form export: the export is the Leads tab as it is, and the starter matrix's
// rules point at the export's own headers (Number of Employees, Country/Region…). A rule whose column the
// export lacks is switched off (Active FALSE) rather than left to fail on every run.
import { normalizeHeader } from "../headers";
import { SETTING } from "../known-settings";
import { MATRIX_COLUMNS } from "../matrix";
import { defaultListsGrid, defaultSettingsGrid, starterMatrix } from "../templates";
import type { Grid } from "../types";
import { cellText } from "../values";
import { FIELD_HEADERS, findHeader, KEY_HEADERS } from "./crm-headers";
import { type DateColumns, type DateFormat, detectDateFormat } from "./dates";

export interface FieldMapping {
  /** The starter matrix's field name (Job Title, Employees…). */
  field: string;
  /** The export's header the rules now test; undefined when the export has none (the rules are off). */
  header: string | undefined;
  /** Names of the starter rules that test the field. */
  rules: string[];
}

export interface ExportWorkbook {
  /** The export's key column as spelt; undefined when no header looks like an email column. */
  keyHeader: string | undefined;
  matrix: Grid;
  settings: Grid;
  lists: Grid;
  /** Headers only: Timestamp, the key column, Event, Detail. */
  activities: Grid;
  fields: FieldMapping[];
  /** Export headers no rule tests (kept in Leads all the same). */
  untested: string[];
  dates: DateColumns & { forced: boolean };
}

const col = (name: (typeof MATRIX_COLUMNS)[number]) => MATRIX_COLUMNS.indexOf(name);

/** `dateFormat` forces the format instead of detecting it. */
export function workbookAround(leads: Grid, dateFormat?: DateFormat): ExportWorkbook {
  const headers = leads[0] ?? [];
  const keyCol = findHeader(headers, KEY_HEADERS);
  const keyHeader = keyCol < 0 ? undefined : cellText(headers[keyCol]).trim();
  const used = new Set<number>(keyCol < 0 ? [] : [keyCol]);

  const matrix = starterMatrix();
  const fields: FieldMapping[] = [];
  for (const [field, wanted] of Object.entries(FIELD_HEADERS)) {
    const c = findHeader(headers, wanted);
    if (c >= 0) used.add(c);
    const header = c < 0 ? undefined : cellText(headers[c]).trim();
    const rules: string[] = [];
    for (const row of matrix.slice(1)) {
      if (normalizeHeader(row[col("Field")]) !== normalizeHeader(field)) continue;
      rules.push(cellText(row[col("Rule")]));
      if (header === undefined) row[col("Active")] = false;
      else row[col("Field")] = header;
    }
    fields.push({ field, header, rules });
  }

  const settings = defaultSettingsGrid();
  if (keyHeader !== undefined && normalizeHeader(keyHeader) !== normalizeHeader(SETTING.leadKey.starter)) {
    const row = settings.find((r) => normalizeHeader(r[0]) === normalizeHeader(SETTING.leadKey.name));
    if (row) row[1] = keyHeader;
  }

  const detected = detectDateFormat(leads);
  return {
    keyHeader,
    matrix,
    settings,
    lists: defaultListsGrid(),
    activities: [["Timestamp", keyHeader ?? SETTING.leadKey.name, "Event", "Detail"]],
    fields,
    untested: headers.flatMap((h, c) =>
      used.has(c) || cellText(h).trim() === "" ? [] : [cellText(h).trim()],
    ),
    dates: dateFormat ? { ...detected, format: dateFormat, forced: true } : { ...detected, forced: false },
  };
}
