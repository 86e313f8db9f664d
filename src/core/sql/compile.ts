// The workbook's model (matrix, Settings, Lists, as the engine parses them) compiled into one SQL query
// over two tables, leads and activities (named, and their columns mapped, by Settings: source.ts; GA4's
// export as the activities: ga4.ts). The query returns one row per scored lead: its row, the key column,
// Score, Tier, Grade, <Group> Score and Top Reasons, then each named model's columns (modelHeaders), with
// the engine's arithmetic (score.ts, bound-matrix.ts). Every model's rules are scored in the same pass
// over the same parsed columns, each model's groups, score and reasons in columns of its own. What SQL
// cannot do exactly as the engine does is returned as `unsupported`, naming the rule (or the Settings
// row), instead of a query that silently differs.
import { keySource } from "../accounts";
import { findColumn, headerText, normalizeHeader } from "../headers";
import { createdColumn } from "../import/crm-headers";
import { SETTING, settingNamed } from "../known-settings";
import type { Rule } from "../matrix";
import { outputHeaders } from "../output-headers";
import { problem } from "../problems";
import { reasonFor } from "../reasons";
import { DATE_FORMAT_NAMES, DAY_MS, isUtc } from "../time";
import type { CellValue, Grid, Problem, Settings, Tier } from "../types";
import { TAB } from "../types";
import { prepareWorkbook } from "../workbook";
import { JS_SPACE, numberForm, textForm, timestampColumn, trimmedColumn, trimmedText } from "./cells";
import type { SqlColumn } from "./conditions";
import { conditionSql } from "./conditions";
import type { DialectName } from "./dialect";
import { dialect } from "./dialect";
import { ga4Cte } from "./ga4";
import { ladderSql } from "./ladder";
import { Layers } from "./layers";
import { onlyIfSql } from "./only-if";
import type { Contribution } from "./reasons";
import { rankedReasonsSql } from "./reasons";
import { roundHalfSql, roundTenthSql } from "./rounding";
import type { SqlSource, TableNames } from "./source";
import { resolveSource } from "./source";
import { unsupportedPattern } from "./support";

/** The parts of a workbook the query is compiled from: the data tabs' headers only. */
export interface SqlWorkbook {
  leadHeaders: readonly CellValue[];
  /** null: no Activity Log (activity rules then match nothing). */
  activityHeaders: readonly CellValue[] | null;
  matrix?: Grid;
  settings?: Grid;
  lists?: Grid;
}

export interface SqlOptions {
  dialect: DialectName;
  asOf: Date;
  /** The spreadsheet's zone: date-only and offset-less times are wall-clock time there. */
  timeZone: string;
  /**
   * Where the tables are: "settings" (the default) reads Settings' BigQuery rows (project, dataset, table
   * names, activities source, column mapping); "workbook" reads tables `leads` and `activities` with the
   * tabs' own headers (the CLI's DuckDB engine over the workbook's files).
   */
  source?: "settings" | "workbook";
  /** Table names instead of Settings': "[project.][dataset.]table". */
  tables?: TableNames;
  /** Columns holding each table's row order, where the dialect has none (BigQuery). */
  rowColumns?: { leads?: string; activities?: string };
  /**
   * Output order. "rows" (the default where the leads table has a row order): the Leads rows' order.
   * "score", and always where it has none: Score descending, then the key, then the other columns.
   */
  order?: "rows" | "score";
  /** Also carry each lead's account name (Settings Account key, read as accounts.ts reads it; "" for none)
   * through `_scores` as `_account`, for the account roll-up (sql/accounts.ts). */
  account?: boolean;
  /** Score the named models too (the default); false: the default model only (the account roll-up). */
  models?: boolean;
}

export interface CompiledQuery {
  sql: string;
  /** The workbook's problems, as the engine reports them for the matrix and Settings. */
  problems: Problem[];
  /** Why the query must not run: rules it cannot score exactly as the engine does, BigQuery Settings it
   * cannot use (naming the Settings row). Run no query while there are any. */
  unsupported: Problem[];
  /** The key column as spelt in Leads ("" when missing), then the output columns in query order: the
   * default model's (outputHeaders but Scored At), then the named models' `modelHeaders`. */
  keyHeader: string;
  outputHeaders: string[];
  /** The named models' columns, the last of outputHeaders (the engine writes Scored At before them). */
  modelHeaders: string[];
  /** The tables and columns the query reads. */
  source: SqlSource;
  /** How the rows come: `_row` (the first column) is the row's place in the leads table (1 = first) under
   * "rows", its place in the output under "score". */
  order: "rows" | "score";
  /** The CTEs through `_scores`: one row per scored lead with `_row`, `_shown`, `_key`, each default-model
   * group's total `_g<i>` (after its limits), `_score`, and `_account` under options.account. */
  scoreCtes: string[];
  /** Settings and the default model's groups as the engine parses them. */
  settings: Settings;
  groupNames: string[];
}

/** One model as the query scores it: the default (tag "") or a named one, whose columns `tag` prefixes. */
interface ModelPart {
  tag: string;
  rules: Rule[];
  groupNames: string[];
  groupIndex: Map<string, number>;
  tiers: Tier[];
  /** Its output columns, in query order. */
  headers: string[];
}

export function compileSql(source: SqlWorkbook, options: SqlOptions): CompiledQuery {
  const d = dialect(options.dialect);
  const src = resolveSource(
    source.settings,
    source.leadHeaders,
    source.activityHeaders,
    options.tables,
    options.source !== "workbook",
  );
  const wb = prepareWorkbook(
    {
      leads: [[...source.leadHeaders]],
      activities: src.activityHeaders ? [[...src.activityHeaders]] : undefined,
      matrix: source.matrix,
      settings: source.settings,
      lists: source.lists,
    },
    options.timeZone,
  );
  const { settings, groupNames } = wb;
  const bands = settings.engagementBands;
  const indexOf = (names: readonly string[]) => new Map(names.map((g, i) => [normalizeHeader(g), i]));
  const modelParts: ModelPart[] = [
    {
      tag: "",
      rules: wb.rules,
      groupNames,
      groupIndex: indexOf(groupNames),
      tiers: settings.tiers,
      headers: outputHeaders(groupNames, bands.length > 0).filter((h) => h !== "Scored At"),
    },
    ...(options.models === false ? [] : wb.models).map((m, i) => ({
      tag: `_x${i + 1}`,
      rules: m.rules,
      groupNames: m.groupNames,
      groupIndex: indexOf(m.groupNames),
      tiers: m.tiers,
      headers: m.headers,
    })),
  ];
  // Every model's rules, in one list: a rule's columns (_m, _c, _w, _v, _k) are numbered by its place in it.
  const partOf = new Map(modelParts.flatMap((p) => p.rules.map((r) => [r, p] as const)));
  const rules = modelParts.flatMap((p) => p.rules);
  const unsupported: Problem[] = [...src.refusals];
  const refuse = (rule: Rule, column: string, message: string, fix: string) =>
    unsupported.push(problem(TAB.matrix, rule.row, column, `Rule "${rule.label}": ${message}`, fix));
  if (wb.clock.dateFormat !== "iso") {
    // The query reads ISO text only: slashed dates would be NULL there and dates for the engine.
    const at = (source.settings ?? []).findIndex((r) => settingNamed(r?.[0]) === SETTING.dateFormat);
    unsupported.push(
      problem(
        TAB.settings,
        at + 1,
        "Value",
        `Date format is ${DATE_FORMAT_NAMES[wb.clock.dateFormat]}: the SQL query reads only ISO text dates (2026-03-14) and date cells, so it would not read the dates this workbook's Date format reads.`,
        `Store the dates as ISO text or as dates and set Date format to ${DATE_FORMAT_NAMES.iso}, or score with leadscore score.`,
      ),
    );
  }
  const zone = isUtc(options.timeZone) ? null : options.timeZone;
  const asOf = d.double(options.asOf.getTime());
  const leadHeaders = source.leadHeaders;
  const actHeaders = src.activityHeaders ?? [];
  /** A column's raw text, by its index in the tab's headers. */
  type Raw = (c: number) => string;
  const rawLead: Raw = (c) => `CAST(${d.ident(src.leadColumn(c))} AS ${d.text})`;
  const rawAct: Raw = (c) => `CAST(${d.ident(src.activityColumn(c))} AS ${d.text})`;
  const keyCol = findColumn(leadHeaders, settings.leadKey);
  const keyHeader = keyCol >= 0 ? headerText(leadHeaders, keyCol) : "";
  const rowOf = (table: "leads" | "activities") => {
    const col = options.rowColumns?.[table];
    if (col !== undefined) return d.ident(col);
    if (table === "activities" && src.ga4User) return "_row";
    return d.rowOrder;
  };
  const leadRow = options.order === "score" ? null : rowOf("leads");
  const order = leadRow === null ? "score" : "rows";

  // Each table's parsed forms, in layers (layers.ts): every tested column trimmed once, and its text
  // and number forms computed once, however many rules test it.
  const leadLayers = new Layers();
  const actLayers = new Layers();
  const trimmedOf = (layers: Layers, raw: Raw, c: number) => trimmedColumn(layers, `_s${c}`, raw(c), d);
  const columnOf = (layers: Layers, raw: Raw, c: number): SqlColumn => {
    const s = trimmedOf(layers, raw, c);
    return { text: layers.col(1, `_t${c}`, textForm(s)), num: layers.col(1, `_n${c}`, numberForm(s, d)) };
  };

  // Leads: the row, the key as shown and as matched, and the tested columns (added with the rules).
  // Without a row order, a number per lead all the same: Top Reasons ranks each lead's contributions by it.
  leadLayers.col(0, "_row", leadRow ?? "ROW_NUMBER() OVER ()");
  leadLayers.col(1, "_shown", keyCol >= 0 ? trimmedOf(leadLayers, rawLead, keyCol) : "''");
  leadLayers.col(1, "_key", keyCol >= 0 ? textForm(trimmedOf(leadLayers, rawLead, keyCol)) : "''");
  const emailCol = findColumn(leadHeaders, "Email");
  /** derived.ts's emailDomain of column c: the text after the last @, trimmed (a column of its own first,
   * so that trimming reads it by name), lower case; "" for none. Layer 2. */
  const domainOf = (c: number) => {
    const at = leadLayers.col(
      1,
      `_at${c}`,
      d.regexExtract(trimmedOf(leadLayers, rawLead, c), d.string("@([^@]*)$")),
    );
    return textForm(trimmedText(at, d));
  };
  const createdCol = createdColumn(leadHeaders);
  const derivedUsed = new Set(rules.map((r) => r.derived).filter((x) => x !== null));
  if (derivedUsed.has("emailDomain")) {
    const domain = emailCol >= 0 ? domainOf(emailCol) : "''";
    leadLayers.col(3, "_ndomain", numberForm(leadLayers.col(2, "_domain", domain), d));
  }
  if (options.account) {
    const key = keySource({ leads: [[...leadHeaders]], lists: source.lists }, settings);
    let account = "''";
    if (key?.domain) {
      const domain = leadLayers.col(2, `_domain${key.column}`, domainOf(key.column));
      const free = [...key.freeMail].map(d.string);
      account = free.length
        ? `CASE WHEN ${domain} IN (${free.join(", ")}) THEN '' ELSE ${domain} END`
        : domain;
    } else if (key) account = `COALESCE(${trimmedOf(leadLayers, rawLead, key.column)}, '')`;
    leadLayers.col(3, "_account", account);
  }
  if (derivedUsed.has("daysSinceCreated")) {
    if (createdCol >= 0) {
      const r = rawLead(createdCol);
      timestampColumn(leadLayers, "_created", r, trimmedOf(leadLayers, rawLead, createdCol), zone, d);
    } else leadLayers.col(0, "_created", `CAST(NULL AS ${d.float})`);
  }

  // Activity Log: the counted rows (a valid timestamp at or before the as-of time, a known lead).
  const tsCol = findColumn(actHeaders, "Timestamp");
  const actKeyCol = findColumn(actHeaders, settings.leadKey);
  const evCol = findColumn(actHeaders, "Event");
  const hasActivities = src.activityHeaders !== null && tsCol >= 0 && actKeyCol >= 0;
  if (hasActivities) {
    actLayers.col(0, "_row", rowOf("activities") ?? "0");
    actLayers.col(1, "_key", textForm(trimmedOf(actLayers, rawAct, actKeyCol)));
    // GA4's Timestamp is epoch ms already (ga4.ts); a table's is a cell the engine's way.
    if (src.ga4User) actLayers.col(0, "_ts", d.ident(headerText(actHeaders, tsCol)));
    else timestampColumn(actLayers, "_ts", rawAct(tsCol), trimmedOf(actLayers, rawAct, tsCol), zone, d);
    const ev =
      evCol >= 0
        ? `COALESCE(${d.regexReplaceAll(`LOWER(${trimmedOf(actLayers, rawAct, evCol)})`, d.string(`${JS_SPACE}+`), "' '")}, '')`
        : "''";
    actLayers.col(1, "_ev", ev);
  }
  const actRules = rules.filter((r) => r.source === "activity");
  const partAt = (rule: Rule) => partOf.get(rule) as ModelPart;
  const groupOf = (rule: Rule) => partAt(rule).groupIndex.get(normalizeHeader(rule.group)) ?? 0;
  /** The column of the rule's group's reset time (a group of its model). */
  const cutOf = (rule: Rule) => `${partAt(rule).tag}_cut${groupOf(rule)}`;
  // Resets: in a group with a reset rule, a rule's matches strictly before the lead's newest reset match
  // (its event, condition and Within Days) are erased before Max Count, as bound-matrix.ts walks them.
  const resetCuts = [...new Set(actRules.filter((r) => r.reset).map(cutOf))];
  const matchCols: string[] = [];
  const keyAggs: string[] = [];
  // Rules with a Max Count: their matches ranked newest first, in one window over (activity, rule) hits.
  const capped: { j: number; max: number; weight: string }[] = [];
  // Each activity's decay weight, once per half-life.
  const weights = new Map<number, string>();
  const weightOf = (hl: number | null): string => {
    if (hl === null || hl <= 0) return d.double(1);
    let w = weights.get(hl);
    if (w === undefined) {
      w = `_dw${weights.size}`;
      weights.set(hl, w);
      matchCols.push(
        `CASE WHEN _age > 0 THEN POW(${d.double(0.5)}, _age / ${d.double(hl)}) ELSE ${d.double(1)} END AS ${w}`,
      );
    }
    return w;
  };
  const tieBreak = rowOf("activities") !== null ? ", _row" : "";
  if (!tieBreak && actRules.some((r) => r.maxCount !== Number.POSITIVE_INFINITY)) {
    wb.sink.add(
      problem(
        TAB.settings,
        0,
        "",
        "The activities table has no row order, so Max Count picks among activities with the same Timestamp in no set order.",
        "Give the activities table a column with each activity's row number and pass its name as rowColumns.activities.",
        "warning",
      ),
    );
  }
  actRules.forEach((rule, j) => {
    const parts: string[] = [];
    if (rule.event !== "") parts.push(`_ev = ${d.string(rule.event)}`);
    if (rule.condition !== null) {
      if (rule.column < 0) parts.push("FALSE");
      else {
        if (rule.condition.regex) {
          const why = unsupportedPattern(rule.condition.regex.pattern());
          if (why) refuse(rule, "Value", why.message, why.fix);
        }
        parts.push(conditionSql(rule.condition, columnOf(actLayers, rawAct, rule.column), d));
      }
    }
    if (rule.withinDays !== Number.POSITIVE_INFINITY) parts.push(`_age <= ${d.double(rule.withinDays)}`);
    const raw = resetCuts.includes(cutOf(rule)) ? "_r" : "_m";
    matchCols.push(`${parts.length ? parts.join(" AND ") : "TRUE"} AS ${raw}${j}`);
    const hl = rule.halfLifeDays === undefined ? settings.halfLifeDays : rule.halfLifeDays;
    const weight = weightOf(hl);
    if (rule.maxCount !== Number.POSITIVE_INFINITY) capped.push({ j, max: rule.maxCount, weight });
    else {
      keyAggs.push(
        `SUM(CASE WHEN _m${j} THEN 1 ELSE 0 END) AS _c${j}`,
        `SUM(CASE WHEN _m${j} THEN ${weight} ELSE 0 END) AS _w${j}`,
      );
    }
  });

  // Each rule's contribution per lead (NULL = none), in matrix order.
  const derivedColumn = (rule: Rule): SqlColumn => {
    const days = (expr: string): SqlColumn => {
      if (["contains", "notContains", "startsWith", "endsWith", "matches"].includes(rule.op ?? "")) {
        refuse(
          rule,
          "Operator",
          `${rule.field} is a fraction of days, whose text the query cannot write as the engine does.`,
          "Compare it as a number (>, <, between).",
        );
      }
      // A number's text never equals a Value that is not a number, nor one with a leading space.
      return { num: expr, text: `CASE WHEN ${expr} IS NULL THEN '' ELSE ' ' END` };
    };
    switch (rule.derived) {
      case "emailDomain":
        return { text: "_domain", num: "_ndomain" };
      case "activityCount":
        return { num: "_count", text: `CAST(CAST(_count AS ${d.integer}) AS ${d.text})` };
      case "daysSinceLastActivity":
        return days(`(${asOf} - _last) / ${DAY_MS}`);
      default:
        return days(`(${asOf} - _created) / ${DAY_MS}`);
    }
  };
  let slot = 0;
  const values = rules.map((rule) => {
    const part = partAt(rule);
    const group = groupOf(rule);
    const points = d.double(rule.points);
    if (rule.source === "activity") {
      const s = slot++;
      const label = d.string(rule.label);
      // Bands: the points of the band the counted activities fall in (bands start at 1), not decayed.
      const banded = (rule.bands ?? []).flatMap((b) =>
        b.points === 0
          ? []
          : [
              `WHEN _c${s} >= ${b.min}${b.max === Number.POSITIVE_INFINITY ? "" : ` AND _c${s} <= ${b.max}`} THEN ${d.double(b.points)}`,
            ],
      );
      const expr =
        rule.bands === null
          ? `CASE WHEN _c${s} > 0 AND ${points} * _w${s} <> 0 THEN ${points} * _w${s} END`
          : banded.length > 0
            ? `CASE ${banded.join(" ")} END`
            : `CAST(NULL AS ${d.float})`;
      return { part, group, expr, own: `COALESCE(_c${s}, 0) > 0`, reason: { label } };
    }
    const c = rule.condition;
    if (c?.regex) {
      const why = unsupportedPattern(c.regex.pattern());
      if (why) refuse(rule, "Value", why.message, why.fix);
    }
    const col = rule.column >= 0 ? columnOf(leadLayers, rawLead, rule.column) : derivedColumn(rule);
    const test = c === null ? "TRUE" : conditionSql(c, col, d);
    return {
      part,
      group,
      expr: rule.points === 0 ? `CAST(NULL AS ${d.float})` : `CASE WHEN ${test} THEN ${points} END`,
      own: `CASE WHEN ${test} THEN TRUE ELSE FALSE END`,
      reason: { text: d.string(reasonFor(rule.label, rule.points)) },
    };
  });

  const onlyIf = onlyIfSql(rules, values);

  // Per model: group totals (clamped to Settings' limits), score, tier, grade, priority, reasons.
  const list = (xs: readonly string[]) => xs.map((x) => `, ${x}`).join("");
  const ladder = (x: string, steps: readonly { name: string; min: number }[]) => ladderSql(x, steps, d);
  const groupCols: string[] = [];
  const groupAs: string[] = [];
  const scoreCols: string[] = [];
  const scored = modelParts.map((part) => {
    const { tag } = part;
    const g = (i: number) => `${tag}_g${i}`;
    for (const [i, name] of part.groupNames.entries()) {
      const terms = values.flatMap((v, j) =>
        v.part === part && v.group === i ? [`COALESCE(_v${j}, 0)`] : [],
      );
      let total = `(${d.double(0)} + ${terms.join(" + ")})`;
      const limit = settings.groupLimits.find((l) => normalizeHeader(l.group) === normalizeHeader(name));
      if (limit?.min != null) total = `GREATEST(${total}, ${d.double(limit.min)})`;
      if (limit?.max != null) total = `LEAST(${total}, ${d.double(limit.max)})`;
      groupCols.push(`${total} AS ${g(i)}`);
      groupAs.push(g(i));
    }
    let score = roundHalfSql(`(${d.double(0)}${part.groupNames.map((_, i) => ` + ${g(i)}`).join("")})`, d);
    if (settings.scoreFloor !== null) score = `GREATEST(${score}, ${d.double(settings.scoreFloor)})`;
    if (settings.scoreCeiling !== null) score = `LEAST(${score}, ${d.double(settings.scoreCeiling)})`;
    scoreCols.push(`${score} AS ${tag}_score`);
    const tier = ladder(
      `${tag}_score`,
      part.tiers.map((t) => ({ name: t.name, min: t.minScore })),
    );
    const gradeGroup = part.groupIndex.get(normalizeHeader(settings.gradeGroup)) ?? -1;
    const grade =
      gradeGroup >= 0
        ? ladder(
            g(gradeGroup),
            settings.grades.map((x) => ({ name: x.name, min: x.minPoints })),
          )
        : "''";
    // Priority: the grade, then the band of every other group's total (in group order, as the engine sums).
    const engagement = `(${d.double(0)}${part.groupNames.map((_, i) => (i === gradeGroup ? "" : ` + ${g(i)}`)).join("")})`;
    const priority =
      gradeGroup >= 0 && bands.length > 0
        ? `CONCAT(${grade}, ${ladder(
            engagement,
            bands.map((b) => ({ name: b.name, min: b.minPoints })),
          )})`
        : "''";
    const contributions = values.flatMap((v, j): Contribution[] =>
      v.part === part ? [{ value: `_v${j}`, ...v.reason }] : [],
    );
    return { part, g, tier, grade, priority, contributions };
  });

  /** `_match`: each activity's matches (`_m<j>`), after the resets' erasures where a group has one. */
  const matchCtes = (select: string): string[] => {
    if (resetCuts.length === 0) return [`_match AS (${select})`];
    const cut = (at: string) => {
      const resets = actRules.flatMap((r, j) => (r.reset && cutOf(r) === at ? [`_r${j}`] : []));
      return `MAX(CASE WHEN ${resets.join(" OR ")} THEN _ts END) OVER (PARTITION BY _key) AS ${at}`;
    };
    const kept = actRules.flatMap((r, j) => {
      const at = cutOf(r);
      return resetCuts.includes(at) ? [`_r${j} AND (${at} IS NULL OR _ts >= ${at}) AS _m${j}`] : [];
    });
    return [
      `_match0 AS (${select})`,
      `_cuts AS (SELECT *${list(resetCuts.map(cut))} FROM _match0)`,
      `_match AS (SELECT *${list(kept)} FROM _cuts)`,
    ];
  };
  const ctes: string[] = [
    ...leadLayers.ctes("_lead", d.table(src.leadsPath)),
    `_leads AS (SELECT * FROM _lead WHERE _key <> '')`,
  ];
  const keyCols = actRules.flatMap((_, j) => [`_c${j}`, `_w${j}`]);
  const isCapped = new Set(capped.map((c) => c.j));
  const joins: string[] = [];
  if (hasActivities) {
    const byRule = (f: (c: (typeof capped)[number]) => string) =>
      `CASE _j ${capped.map((c) => `WHEN ${c.j} THEN ${f(c)}`).join(" ")} END`;
    const activities = d.table(src.activitiesPath);
    if (src.ga4User) ctes.push(ga4Cte(activities, src.ga4User, headerText(actHeaders, actKeyCol), d));
    ctes.push(
      ...actLayers.ctes("_parsed", src.ga4User ? "_ga4" : activities),
      `_act AS (SELECT *, (${asOf} - _ts) / ${DAY_MS} AS _age FROM _parsed WHERE _ts <= ${asOf} AND _key IN (SELECT _key FROM _leads))`,
      ...matchCtes(`SELECT _key, _row, _ts, _age${list(matchCols)} FROM _act`),
      `_per_key AS (SELECT _key, COUNT(*) AS _count, MAX(_ts) AS _last${list(keyAggs)} FROM _match GROUP BY _key)`,
    );
    joins.push("LEFT JOIN _per_key AS k ON k._key = l._key");
    if (capped.length) {
      ctes.push(
        `_rules AS (${capped.map((c) => `SELECT ${c.j} AS _j`).join(" UNION ALL ")})`,
        `_hits AS (SELECT _key, _row, _ts, _j, ${byRule((c) => c.weight)} AS _hw FROM _match CROSS JOIN _rules WHERE ${byRule((c) => `_m${c.j}`)})`,
        `_ranked AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY _key, _j ORDER BY _ts DESC${tieBreak}) AS _rank FROM _hits)`,
        `_capped AS (SELECT _key${list(capped.flatMap((c) => [`SUM(CASE WHEN _j = ${c.j} THEN 1 ELSE 0 END) AS _c${c.j}`, `SUM(CASE WHEN _j = ${c.j} THEN _hw ELSE 0 END) AS _w${c.j}`]))} FROM _ranked WHERE _rank <= ${byRule((c) => String(c.max))} GROUP BY _key)`,
      );
      joins.push("LEFT JOIN _capped AS q ON q._key = l._key");
    }
  } else {
    const none = `CAST(NULL AS ${d.float})`;
    ctes.push(
      `_per_key AS (SELECT CAST(NULL AS ${d.text}) AS _key, 0 AS _count, ${none} AS _last${list(keyCols.map((c) => `${none} AS ${c}`))} FROM (SELECT 1 AS _one) WHERE FALSE)`,
    );
    joins.push("LEFT JOIN _per_key AS k ON k._key = l._key");
  }
  // Each activity rule's count and weight, from _capped for a rule with a Max Count.
  const keyFrom = actRules.flatMap((_, j) => {
    const from = hasActivities && isCapped.has(j) ? "q" : "k";
    return [`${from}._c${j}`, `${from}._w${j}`];
  });
  ctes.push(
    `_joined AS (SELECT l.*, COALESCE(k._count, 0) AS _count, k._last${list(keyFrom)} FROM _leads AS l ${joins.join(" ")})`,
    ...onlyIf.ctes,
    `_values AS (SELECT _row, _shown, _key${options.account ? ", _account" : ""}${list(values.map((v, j) => `${onlyIf.counts[j] === null ? v.expr : `CASE WHEN ${onlyIf.counts[j]} THEN ${v.expr} END`} AS _v${j}`))} FROM ${onlyIf.from})`,
    `_groups AS (SELECT *${list(groupCols)} FROM _values)`,
    `_scores AS (SELECT *${list(scoreCols)} FROM _groups)`,
  );
  const scoreCtes = [...ctes];
  // Each model's Top Reasons ranked over the previous model's (a chain: every CTE is read once, so that a
  // `_row` numbered in no set order stays one lead's).
  const keep = [
    "_row",
    "_shown",
    ...values.map((_, j) => `_v${j}`),
    ...groupAs,
    ...modelParts.map((p) => `${p.tag}_score`),
  ];
  let from = "_scores";
  for (const { part, contributions } of scored) {
    if (!contributions.length) continue;
    ctes.push(...rankedReasonsSql(contributions, from, keep, `${part.tag}_tr`, part.tag, 3, d));
    from = `_top${part.tag}`;
    keep.push(`${part.tag}_tr`);
  }
  const reasonsOf = (s: (typeof scored)[number]) => (s.contributions.length ? `${s.part.tag}_tr` : "''");
  const [main, ...named] = scored;
  const outputs = [
    `_score AS ${d.ident("Score")}`,
    `${main.tier} AS ${d.ident("Tier")}`,
    `${main.grade} AS ${d.ident("Grade")}`,
    ...(bands.length > 0 ? [`${main.priority} AS ${d.ident("Priority")}`] : []),
    ...groupNames.map((g, i) => `${roundTenthSql(main.g(i), d)} AS ${d.ident(`${g} Score`)}`),
    `${reasonsOf(main)} AS ${d.ident("Top Reasons")}`,
    ...named.flatMap((s) => {
      const [scoreH, tierH, ...rest] = s.part.headers.map(d.ident);
      const topH = rest.pop();
      const [gradeH, priorityH] = rest;
      return [
        `${s.part.tag}_score AS ${scoreH}`,
        `${s.tier} AS ${tierH}`,
        ...(gradeH ? [`${s.grade} AS ${gradeH}`] : []),
        ...(priorityH ? [`${s.priority} AS ${priorityH}`] : []),
        `${reasonsOf(s)} AS ${topH}`,
      ];
    }),
  ];
  const headers = modelParts.flatMap((p) => p.headers);
  const key = d.ident(keyHeader || settings.leadKey);
  let sql: string;
  if (order === "rows") {
    sql = `WITH\n${ctes.join(",\n")}\nSELECT _row, _shown AS ${key}, ${outputs.join(", ")}\nFROM ${from}\nORDER BY _row`;
  } else {
    // A total order: rows equal on all of these are equal on every output column.
    const by = [
      `${d.ident("Score")} DESC`,
      key,
      ...headers.filter((h) => h !== "Score" && h !== "Tier").map(d.ident),
    ];
    ctes.push(`_out AS (SELECT _shown AS ${key}, ${outputs.join(", ")} FROM ${from})`);
    sql = `WITH\n${ctes.join(",\n")}\nSELECT ROW_NUMBER() OVER (ORDER BY ${by.join(", ")}) AS _row, *\nFROM _out\nORDER BY ${by.join(", ")}`;
  }
  // The workbook was prepared from headers only: "no activities yet" speaks of rows the compiler never saw.
  const problems = [...wb.sink.finish().filter((p) => p.code !== "no-activities-yet"), ...src.warnings];
  return {
    sql,
    problems,
    unsupported,
    keyHeader,
    outputHeaders: headers,
    modelHeaders: modelParts.slice(1).flatMap((p) => p.headers),
    source: src.source,
    order,
    scoreCtes,
    settings,
    groupNames,
  };
}
