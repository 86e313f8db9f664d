// Every row of the Settings tab's `Setting | Value` table that Leadscore reads: its name, the other
// spellings read as it, the value Set up workbook writes, and how its Value cell is read. parseSettings,
// the default Settings tab, the sidebar's writes and the notification settings all come from this table.
import { normalizeHeader } from "./headers";
import type { NotifySettings } from "./notify/types";
import { DATE_FORMAT_NAMES, type DateFormat } from "./time";
import type { CellValue } from "./types";
import { cellText, isBlank, normText, parseNumber } from "./values";

export const DEFAULT_LEAD_KEY = "Email";
export const DEFAULT_GRADE_GROUP = "Fit";
export const DEFAULT_SCORE_FLOOR = 0;
export const DEFAULT_SCORE_CEILING = 100;
const DEFAULT_REARM_MARGIN = 5;
export const DEFAULT_TRIGGER_MINUTES = 90;

/** A Value cell read: its value, or what is wrong with it and the fix (the setting then takes its blank value). */
export type SettingRead<T> = { value: T } | { message: string; fix: string };

export interface SettingDef<T> {
  /** The name Set up workbook and the sidebar write. */
  readonly name: string;
  /** Other spellings read as this setting. */
  readonly aliases: readonly string[];
  /** The Value Set up workbook writes; undefined: Set up workbook writes no row for it. */
  readonly starter?: string | number;
  /** Reads a Value cell; blank (or no row at all) always gives a value, the default. `spelt`: the name as written. */
  read(v: CellValue, spelt: string): SettingRead<T>;
}

const NONE_WORDS = new Set(["none", "off", "no limit", "no"]);

/** A word that means "no value" (none, off, no limit, no) where a number is optional. */
export function saysNone(v: CellValue): boolean {
  return NONE_WORDS.has(normText(v));
}

function text(name: string, dflt: string, starter?: string): SettingDef<string> {
  return { name, aliases: [], starter, read: (v) => ({ value: isBlank(v) ? dflt : cellText(v) }) };
}

/** Score floor or ceiling: a number, none (no bound), or blank for the default. */
function bound(name: string, dflt: number, noun: string): SettingDef<number | null> {
  return {
    name,
    aliases: [],
    starter: dflt,
    read(v, spelt) {
      if (isBlank(v)) return { value: dflt };
      if (saysNone(v)) return { value: null };
      const x = parseNumber(v);
      if (!Number.isNaN(x)) return { value: x };
      return {
        message: `${spelt} "${cellText(v)}" is not a number.`,
        fix: `Enter a number, or none for no ${noun}; blank means ${dflt}.`,
      };
    },
  };
}

const halfLifeDays: SettingDef<number | null> = {
  name: "Half-life days",
  aliases: ["Half life days", "Half-life"],
  starter: 30,
  read(v) {
    if (isBlank(v) || saysNone(v)) return { value: null };
    const x = parseNumber(v);
    if (Number.isNaN(x) || x < 0) {
      return {
        message: `Half-life days "${cellText(v)}" is not a number of days.`,
        fix: "Enter a positive number of days, or leave it blank (or none) for no decay.",
      };
    }
    return { value: x > 0 ? x : null };
  },
};

// The notification settings read leniently: a value that cannot be used falls back to the default.
const notifyEmails: SettingDef<string[]> = {
  name: "Notify emails",
  aliases: [],
  read: (v) => ({
    value: cellText(v)
      .split(/[,;\s]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  }),
};

const notifyMode: SettingDef<NotifySettings["mode"]> = {
  name: "Notify mode",
  aliases: [],
  read: (v) => ({ value: normText(v) === "each" ? "each" : "digest" }),
};

const rearmMargin: SettingDef<number> = {
  name: "Re-arm margin",
  aliases: [],
  read(v) {
    const x = parseNumber(v);
    return { value: Number.isNaN(x) || x < 0 ? DEFAULT_REARM_MARGIN : x };
  },
};

const DATE_FORMAT_WORDS: Readonly<Record<string, DateFormat>> = {
  iso: "iso",
  "yyyy-mm-dd": "iso",
  us: "us",
  usa: "us",
  american: "us",
  "mm/dd/yyyy": "us",
  eu: "eu",
  european: "eu",
  europe: "eu",
  uk: "eu",
  "dd/mm/yyyy": "eu",
  "dd.mm.yyyy": "eu",
};

/**
 * How dates written as text read (see DateFormat): ISO (the default), US or European. Read by its first
 * word or its pattern, so "US (MM/DD/YYYY)", "US" and "mm/dd/yyyy" all say US.
 */
const dateFormat: SettingDef<DateFormat> = {
  name: "Date format",
  aliases: ["Date order"],
  starter: DATE_FORMAT_NAMES.iso,
  read(v, spelt) {
    if (isBlank(v)) return { value: "iso" };
    const t = normText(v);
    const found = DATE_FORMAT_WORDS[t] ?? DATE_FORMAT_WORDS[t.split(/[\s(]/)[0]];
    if (found) return { value: found };
    return {
      message: `${spelt} "${cellText(v)}" is not a date format Leadscore knows; dates written as text are read as ISO (2026-03-14).`,
      fix: `Enter ${Object.values(DATE_FORMAT_NAMES).join(", ")}; blank means ISO.`,
    };
  },
};

/** Stamped by every scoring run; custom functions score as of it. Raw: its reader knows the time zone. */
const scoredAt: SettingDef<CellValue> = {
  name: "Scored at",
  aliases: [],
  starter: "",
  read: (v) => ({ value: v }),
};

/**
 * The daily trigger runtime quota of the users running Leadscore's triggers, in minutes: 90 for consumer
 * accounts (the default, as the add-on cannot tell the account type), 360 for Google Workspace
 * (developers.google.com/apps-script/guides/services/quotas, "Triggers total runtime").
 */
const triggerMinutes: SettingDef<number> = {
  name: "Trigger minutes per day",
  aliases: ["Trigger quota minutes"],
  read(v, spelt) {
    if (isBlank(v)) return { value: DEFAULT_TRIGGER_MINUTES };
    const x = parseNumber(v);
    if (!Number.isNaN(x) && x > 0) return { value: x };
    return {
      message: `${spelt} "${cellText(v)}" is not a number of minutes.`,
      fix: "Enter 90 for a gmail.com account or 360 for Google Workspace; blank means 90.",
    };
  },
};

/**
 * Account scoring (accounts.ts): a Leads column (e.g. Company) or Email Domain; blank → none. Set up
 * workbook writes no row: a user who wants accounts adds it.
 */
const accountKey: SettingDef<string> = text("Account key", "");

/** The cap on an account's summed Engagement: a number, or blank/none for no cap. */
const accountEngagementMax: SettingDef<number | null> = {
  name: "Account engagement max",
  aliases: ["Account engagement cap"],
  read(v, spelt) {
    if (isBlank(v) || saysNone(v)) return { value: null };
    const x = parseNumber(v);
    if (!Number.isNaN(x)) return { value: x };
    return {
      message: `${spelt} "${cellText(v)}" is not a number; account engagement is not capped.`,
      fix: "Enter the most engagement points an account can add (e.g. 60), or none for no cap.",
    };
  },
};

/**
 * A BigQuery name: blank for the default, else text matching `pattern` (BigQuery's own naming rules, so no
 * cell can change the query: the compiler quotes the name besides). Project IDs may carry a domain prefix.
 */
function bigQueryName(name: string, pattern: RegExp, rule: string): SettingDef<string> {
  return {
    name,
    aliases: [],
    read(v, spelt) {
      const t = cellText(v).trim();
      if (t === "" || pattern.test(t)) return { value: t };
      return {
        message: `${spelt} "${cellText(v)}" is not a BigQuery name.`,
        fix: `${rule} Blank means the default.`,
      };
    },
  };
}

/** Where the query reads activities: a table with the Activity Log's columns, or GA4's BigQuery export. */
export type ActivitiesSource = "Activity Log" | "GA4";

const bigQueryActivitiesSource: SettingDef<ActivitiesSource> = {
  name: "BigQuery activities source",
  aliases: [],
  read(v, spelt) {
    const t = normText(v);
    if (t === "" || t === "activity log") return { value: "Activity Log" };
    if (t === "ga4") return { value: "GA4" };
    return {
      message: `${spelt} "${cellText(v)}" is not Activity Log or GA4.`,
      fix: "Enter GA4 to read GA4's BigQuery export (events_*), or Activity Log (the default) for a table with the Activity Log's columns.",
    };
  },
};

/** The GA4 export's field that holds a lead's key. */
const bigQueryGa4User: SettingDef<"user_id" | "user_pseudo_id"> = {
  name: "BigQuery GA4 user field",
  aliases: [],
  read(v, spelt) {
    const t = normText(v);
    if (t === "" || t === "user_id") return { value: "user_id" };
    if (t === "user_pseudo_id") return { value: "user_pseudo_id" };
    return {
      message: `${spelt} "${cellText(v)}" is not user_id or user_pseudo_id.`,
      fix: "Enter user_id (the ID your site sets, the default) or user_pseudo_id (GA4's device ID).",
    };
  },
};

// BigQuery's naming rules: cloud.google.com/resource-manager/docs/creating-managing-projects (project IDs),
// cloud.google.com/bigquery/docs/datasets#dataset-naming, cloud.google.com/bigquery/docs/tables#table_naming;
// a table may end in * (a wildcard table, as GA4's events_*).
const PROJECT = /^(?:[a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const DATASET = /^[A-Za-z0-9_]{1,1024}$/;
const TABLE = /^[\p{L}\p{M}\p{N}\p{Pc}\p{Pd} ]{1,1024}\*?$/u;
const TABLE_RULE =
  "Use letters, numbers, underscores, dashes and spaces (and a final * for a wildcard table such as events_*).";

/** Every known setting, in the order Set up workbook writes them. */
export const SETTING = {
  leadKey: text("Lead key", DEFAULT_LEAD_KEY, DEFAULT_LEAD_KEY),
  scoreFloor: bound("Score floor", DEFAULT_SCORE_FLOOR, "floor"),
  scoreCeiling: bound("Score ceiling", DEFAULT_SCORE_CEILING, "ceiling"),
  halfLifeDays,
  gradeGroup: text("Grade group", DEFAULT_GRADE_GROUP, DEFAULT_GRADE_GROUP),
  dateFormat,
  scoredAt,
  notifyEmails,
  ownerColumn: text("Owner column", "Owner"),
  notifyMode,
  rearmMargin,
  triggerMinutes,
  bigQueryProject: bigQueryName(
    "BigQuery project",
    PROJECT,
    "Enter the project ID (6 to 30 lower-case letters, digits and dashes, e.g. my-project).",
  ),
  bigQueryDataset: bigQueryName(
    "BigQuery dataset",
    DATASET,
    "Use letters, numbers and underscores (e.g. crm).",
  ),
  bigQueryLeadsTable: bigQueryName("BigQuery leads table", TABLE, TABLE_RULE),
  bigQueryActivitiesTable: bigQueryName("BigQuery activities table", TABLE, TABLE_RULE),
  bigQueryActivitiesSource,
  bigQueryGa4User,
  accountKey,
  accountEngagementMax,
} as const;

const ALL: readonly SettingDef<unknown>[] = Object.values(SETTING);

/** Normalized name or alias → setting. */
const BY_NAME = new Map<string, SettingDef<unknown>>(
  ALL.flatMap((d) => [d.name, ...d.aliases].map((n) => [normalizeHeader(n), d] as const)),
);

/** The setting a name cell spells (any alias, any case or spacing); undefined when Leadscore reads no such setting. */
export function settingNamed(spelt: CellValue): SettingDef<unknown> | undefined {
  return BY_NAME.get(normalizeHeader(spelt));
}

/** Key of Settings.values for a name cell: a known setting's normalized name, whatever alias was written. */
export function settingKey(spelt: CellValue): string {
  const def = settingNamed(spelt);
  return normalizeHeader(def ? def.name : spelt);
}

/** A setting's value in Settings.values; a missing row or an unusable value gives the default. */
export function settingValue<T>(values: Readonly<Record<string, CellValue>>, def: SettingDef<T>): T {
  const read = def.read(values[normalizeHeader(def.name)] ?? null, def.name);
  if ("value" in read) return read.value;
  return (def.read(null, def.name) as { value: T }).value;
}

/** The `Setting | Value` rows Set up workbook writes. */
export function starterSettingRows(): [string, string | number][] {
  return ALL.flatMap((d) =>
    d.starter === undefined ? [] : [[d.name, d.starter] as [string, string | number]],
  );
}
