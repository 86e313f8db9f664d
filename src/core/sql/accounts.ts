// The account roll-up (accounts.ts) in SQL: the lead query's scores (compile.ts, through `_scores`) grouped
// by each lead's account, with rollUpAccounts's arithmetic. A lead key on several rows counts once (its
// first row); an account is named as first spelt and its Top Lead is the first of its highest-scoring
// leads, both in Leads order; accounts come highest Score first, then in order of first appearance.
import { ACCOUNT_HEADERS } from "../accounts";
import { normalizeHeader } from "../headers";
import { SETTING, settingValue } from "../known-settings";
import { problem } from "../problems";
import type { Problem } from "../types";
import { TAB } from "../types";
import type { SqlOptions, SqlWorkbook } from "./compile";
import { compileSql } from "./compile";
import { dialect } from "./dialect";
import { ladderSql } from "./ladder";
import { roundHalfSql, roundTenthSql } from "./rounding";

export interface CompiledAccounts {
  sql: string;
  problems: Problem[];
  /** As CompiledQuery's: run no query while there are any. */
  unsupported: Problem[];
  /** The Accounts tab's columns but Scored At, in query order. */
  outputHeaders: string[];
}

export function compileAccountsSql(source: SqlWorkbook, options: SqlOptions): CompiledAccounts {
  const d = dialect(options.dialect);
  const leads = compileSql(source, { ...options, order: undefined, account: true, models: false });
  const { settings, groupNames } = leads;
  const problems = [...leads.problems];
  if (leads.order === "score") {
    problems.push(
      problem(
        TAB.settings,
        0,
        "",
        "The leads table has no row order, so an account's name as first spelt, its Top Lead among equal scores, the row that speaks for a repeated lead key and the order of equal scores are picked in no set order.",
        "Give the leads table a column with each lead's row number and pass its name as rowColumns.leads.",
        "warning",
      ),
    );
  }
  const want = normalizeHeader(settings.gradeGroup);
  const grade = groupNames.findIndex((g) => normalizeHeader(g) === want);
  const fit = grade >= 0 ? `_g${grade}` : d.double(0);
  const engagement = `(${d.double(0)}${groupNames.map((_, g) => (g === grade ? "" : ` + _g${g}`)).join("")})`;
  const max = settingValue(settings.values, SETTING.accountEngagementMax);
  let score = roundHalfSql("(_fit + _engagement)", d);
  if (settings.scoreFloor !== null) score = `GREATEST(${score}, ${d.double(settings.scoreFloor)})`;
  if (settings.scoreCeiling !== null) score = `LEAST(${score}, ${d.double(settings.scoreCeiling)})`;
  const tier = ladderSql(
    "_score",
    settings.tiers.map((t) => ({ name: t.name, min: t.minScore })),
    d,
  );
  const ctes = [
    ...leads.scoreCtes,
    `_acc_firsts AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY _key ORDER BY _row) AS _nth FROM _scores)`,
    `_acc_members AS (SELECT _row, _shown, _account, LOWER(_account) AS _acc, _score, ${fit} AS _fit, ${engagement} AS _eng FROM _acc_firsts WHERE _nth = 1 AND _account <> '')`,
    `_acc_ranked AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY _acc ORDER BY _row) AS _first, ROW_NUMBER() OVER (PARTITION BY _acc ORDER BY _score DESC, _row) AS _top_rank FROM _acc_members)`,
    `_accounts AS (SELECT _acc, MIN(_row) AS _row, MAX(CASE WHEN _first = 1 THEN _account END) AS _name, MAX(CASE WHEN _top_rank = 1 THEN _shown END) AS _top_lead, COUNT(*) AS _leads, SUM(CASE WHEN _eng > 0 THEN 1 ELSE 0 END) AS _engaged, MAX(_fit) AS _fit, ${max === null ? "SUM(_eng)" : `LEAST(SUM(_eng), ${d.double(max)})`} AS _engagement FROM _acc_ranked GROUP BY _acc)`,
    `_account_scores AS (SELECT *, ${score} AS _score FROM _accounts)`,
  ];
  const [account, count, engaged, fitH, engagementH, scoreH, tierH, topH] = ACCOUNT_HEADERS.map(d.ident);
  const outputs = [
    `_name AS ${account}`,
    `_leads AS ${count}`,
    `_engaged AS ${engaged}`,
    `${roundTenthSql("_fit", d)} AS ${fitH}`,
    `${roundTenthSql("_engagement", d)} AS ${engagementH}`,
    `_score AS ${scoreH}`,
    `${tier} AS ${tierH}`,
    `_top_lead AS ${topH}`,
  ];
  const sql = `WITH\n${ctes.join(",\n")}\nSELECT ${outputs.join(", ")}\nFROM _account_scores\nORDER BY _score DESC, _row`;
  return {
    sql,
    problems,
    unsupported: leads.unsupported,
    outputHeaders: ACCOUNT_HEADERS.filter((h) => h !== "Scored At"),
  };
}
