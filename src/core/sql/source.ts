// Where the query reads from: the BigQuery rows of Settings (project, dataset, tables, activities source)
// and its `Column | BigQuery column | Tab` table, which maps a Leads or Activity Log header to the source
// table's column of another name. Names are validated (known-settings.ts) and quoted by the dialect, so no
// cell can change the query; a name the query cannot use refuses the query, naming its Settings row.
import { findColumn, headerText, normalizeHeader } from "../headers";
import type { ActivitiesSource, SettingDef } from "../known-settings";
import { SETTING, settingValue } from "../known-settings";
import { problem } from "../problems";
import { findSettingsTable, parseSettings } from "../settings";
import type { CellValue, Grid, Problem } from "../types";
import { TAB } from "../types";
import { cellText, normText } from "../values";
import { GA4_COLUMNS, type Ga4User } from "./ga4";

/** A data tab's header and the source column the query reads it from. */
export interface ColumnSource {
  header: string;
  column: string;
}

/** What the query reads, for the add-on to show: names unquoted, as BigQuery spells them. */
export interface SqlSource {
  /** [project.][dataset.]table */
  leadsTable: string;
  activitiesTable: string;
  activitiesSource: ActivitiesSource;
  /** Each Leads header and its column (the header itself unless mapped). */
  leadColumns: ColumnSource[];
  /** Each Activity Log header and its column; for GA4, the export's field it comes from. */
  activityColumns: ColumnSource[];
}

export interface ResolvedSource {
  source: SqlSource;
  leadsPath: string[];
  activitiesPath: string[];
  /** The Activity Log headers the query has: the tab's, or GA4's fixed set. */
  activityHeaders: readonly CellValue[] | null;
  leadColumn(c: number): string;
  activityColumn(c: number): string;
  ga4User: Ga4User | null;
  warnings: Problem[];
  refusals: Problem[];
}

/** Tables named by the caller instead of Settings: "[project.][dataset.]table". */
export interface TableNames {
  leads?: string;
  activities?: string;
}

/**
 * The source of the query. `fromSettings` false: tables `leads` and `activities` (or `tables`) whose
 * columns are the tabs' own headers, as the CLI's DuckDB engine reads the workbook's files.
 */
export function resolveSource(
  grid: Grid | undefined,
  leadHeaders: readonly CellValue[],
  tabActivityHeaders: readonly CellValue[] | null,
  tables: TableNames | undefined,
  fromSettings: boolean,
): ResolvedSource {
  const { settings, cells } = parseSettings(grid);
  const warnings: Problem[] = [];
  const refusals: Problem[] = [];
  /** A setting's value; one the query cannot use refuses it, at the setting's row. */
  const read = <T>(def: SettingDef<T>): T => {
    if (!fromSettings) return settingValue({}, def);
    const r = def.read(settings.values[normalizeHeader(def.name)] ?? null, def.name);
    if ("value" in r) return r.value;
    const at = cells.values.get(normalizeHeader(def.name));
    refusals.push(problem(TAB.settings, at?.row ?? 0, at?.column ?? "Value", r.message, r.fix));
    return settingValue({}, def);
  };
  const ga4 = read(SETTING.bigQueryActivitiesSource) === "GA4";
  const project = read(SETTING.bigQueryProject);
  const dataset = read(SETTING.bigQueryDataset);
  const prefix = project ? [project, dataset] : dataset ? [dataset] : [];
  const noDataset = projectWithoutDataset(project, dataset);
  if (noDataset) {
    const at = cells.values.get(normalizeHeader(SETTING.bigQueryProject.name));
    refusals.push(
      problem(TAB.settings, at?.row ?? 0, at?.column ?? "Value", noDataset.message, noDataset.fix),
    );
  }
  const pathOf = (option: string | undefined, noun: string, def: SettingDef<string>, dflt: string) => {
    if (option !== undefined) return optionPath(option, noun, refusals);
    return [...prefix, read(def) || dflt];
  };
  const leadsPath = pathOf(tables?.leads, "leads", SETTING.bigQueryLeadsTable, "leads");
  const activitiesPath = pathOf(
    tables?.activities,
    "activities",
    SETTING.bigQueryActivitiesTable,
    ga4 ? "events_*" : "activities",
  );
  const ga4User = ga4 ? read(SETTING.bigQueryGa4User) : null;
  const activityHeaders = ga4User
    ? [GA4_COLUMNS.timestamp, settings.leadKey, GA4_COLUMNS.event, GA4_COLUMNS.detail]
    : tabActivityHeaders;

  const leadMap = new Map<number, string>();
  const actMap = new Map<number, string>();
  const t = fromSettings ? findSettingsTable(grid?.[0] ?? [], "column", ["bigquery column", "tab"]) : null;
  if (grid && t) {
    const bq = t.cols["bigquery column"];
    const tabCol = t.cols.tab;
    for (let r = 1; r < grid.length; r++) {
      const row = grid[r] ?? [];
      const header = cellText(row[t.col] ?? null).trim();
      const column = cellText(row[bq] ?? null).trim();
      if (header === "" || column === "") continue;
      const tab = tabCol >= 0 ? normText(row[tabCol] ?? null) : "";
      const at = (c: number, fallback: string) => t.spelt.get(c) ?? fallback;
      if (tab !== "" && tab !== "leads" && tab !== "activity log") {
        refusals.push(
          problem(
            TAB.settings,
            r + 1,
            at(tabCol, "Tab"),
            `Tab "${cellText(row[tabCol])}" is not Leads or Activity Log.`,
            "Enter Leads or Activity Log, or leave it blank for both tabs.",
          ),
        );
        continue;
      }
      let used = false;
      if (tab !== "activity log") {
        const c = findColumn(leadHeaders, header);
        if (c >= 0) {
          leadMap.set(c, column);
          used = true;
        }
      }
      if (tab !== "leads" && !ga4User && activityHeaders) {
        const c = findColumn(activityHeaders, header);
        if (c >= 0) {
          actMap.set(c, column);
          used = true;
        }
      }
      if (!used) {
        warnings.push(
          problem(
            TAB.settings,
            r + 1,
            at(t.col, "Column"),
            ga4User && tab === "activity log"
              ? `Column ${header}: GA4's activities have fixed columns; the row is not used.`
              : `Column ${header} is not a header of ${tab === "leads" ? "Leads" : tab === "activity log" ? "the Activity Log" : "Leads or the Activity Log"}; the row is not used.`,
            "Spell the header as in the tab's first row.",
            "warning",
          ),
        );
      }
    }
  }
  const leadColumn = (c: number) => leadMap.get(c) ?? headerText(leadHeaders, c);
  const ga4Fields = ga4User
    ? [GA4_COLUMNS.timestampField, ga4User, GA4_COLUMNS.eventField, GA4_COLUMNS.detailField]
    : [];
  const activityColumn = (c: number) => actMap.get(c) ?? headerText(activityHeaders ?? [], c);
  const columns = (headers: readonly CellValue[], f: (c: number) => string) =>
    headers.flatMap((h, c) =>
      cellText(h).trim() === "" ? [] : [{ header: headerText(headers, c), column: f(c) }],
    );
  return {
    source: {
      leadsTable: leadsPath.join("."),
      activitiesTable: activitiesPath.join("."),
      activitiesSource: ga4User ? "GA4" : "Activity Log",
      leadColumns: columns(leadHeaders, leadColumn),
      activityColumns: columns(activityHeaders ?? [], ga4User ? (c) => ga4Fields[c] : activityColumn),
    },
    leadsPath,
    activitiesPath,
    activityHeaders,
    leadColumn,
    activityColumn,
    ga4User,
    warnings,
    refusals,
  };
}

/** A project names where the dataset is, so it needs one: what is wrong and the fix, or null. */
export function projectWithoutDataset(
  project: string,
  dataset: string,
): { message: string; fix: string } | null {
  if (!project || dataset) return null;
  return {
    message: `BigQuery project "${project}" is set but BigQuery dataset is blank.`,
    fix: "Enter the dataset that holds the tables, or clear the project to use the query's default project.",
  };
}

/** A caller's "[project.][dataset.]table" as a path, each part checked as its setting is. */
function optionPath(name: string, noun: string, refusals: Problem[]): string[] {
  const parts = name.split(".");
  const table = parts.pop() ?? "";
  const dataset = parts.pop();
  // A project ID may hold dots (a domain prefix, example.com:project).
  const project = parts.length ? parts.join(".") : undefined;
  const checks: [SettingDef<string>, string | undefined][] = [
    [SETTING.bigQueryProject, project],
    [SETTING.bigQueryDataset, dataset],
    [SETTING.bigQueryLeadsTable, table],
  ];
  for (const [def, part] of checks) {
    if (part === undefined) continue;
    const r = def.read(part, def.name);
    if ("message" in r || part === "") {
      refusals.push(
        problem(
          TAB.settings,
          0,
          "",
          `The ${noun} table "${name}" is not a BigQuery table name.`,
          "message" in r ? r.fix : "Name the table as project.dataset.table, dataset.table or table.",
        ),
      );
      return [name];
    }
  }
  return [project, dataset, table].filter((p) => p !== undefined);
}
