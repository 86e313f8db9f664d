// A workbook around a CRM or form export: the export is the Leads tab as it is, and the starter matrix's
// rules point at the export's own headers (Number of Employees, Country/Region…). A rule whose column the
// export lacks is switched off (Active FALSE) rather than left to fail on every run.
import { normalizeHeader } from "../headers";
import { SETTING } from "../known-settings";
import { MATRIX_COLUMNS } from "../matrix";
import { defaultListsGrid, defaultSettingsGrid, starterMatrix } from "../templates";
import { DATE_FORMAT_NAMES, type DateFormat } from "../time";
import type { Grid } from "../types";
import { cellText } from "../values";
import { FIELD_HEADERS, findHeader, KEY_HEADERS } from "./crm-headers";
import { type DateColumns, detectDateFormat } from "./dates";

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

/**
 * `dateFormat` forces the format instead of detecting it. Settings' Date format is the format found (or
 * forced), so that scoring reads the export's text dates; ISO when the dates cannot tell.
 */
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
  const setValue = (name: string, value: string) => {
    const row = settings.find((r) => normalizeHeader(r[0]) === normalizeHeader(name));
    if (row) row[1] = value;
  };
  if (keyHeader !== undefined && normalizeHeader(keyHeader) !== normalizeHeader(SETTING.leadKey.starter))
    setValue(SETTING.leadKey.name, keyHeader);

  const detected = detectDateFormat(leads);
  const format = dateFormat ?? detected.format;
  if (format) setValue(SETTING.dateFormat.name, DATE_FORMAT_NAMES[format]);
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
    dates: { ...detected, format, forced: dateFormat !== undefined },
  };
}
