// Small builders for engine tests: workbooks are written as plain grids, rules as objects.
import type { CellValue, Grid, ScoreOptions, WorkbookInput } from "../../src/core/index";
import { MATRIX_COLUMNS, scoreWorkbook } from "../../src/core/index";

export interface RuleSpec {
  active?: CellValue;
  group?: string;
  rule?: string;
  source?: string;
  event?: string;
  field?: string;
  op?: string;
  value?: CellValue;
  points: CellValue;
  max?: CellValue;
  within?: CellValue;
  half?: CellValue;
  onlyIf?: CellValue;
  model?: CellValue;
}

/** The matrix grid of `rules`; an Only If or Model column is added only when a rule has one. */
/** The two fit rules the rule-feature and model examples start from (a title pattern, an industry list). */
export const FIT_RULES: readonly RuleSpec[] = [
  {
    group: "Fit",
    rule: "Decision maker",
    field: "Job Title",
    op: "matches",
    value: "\\b(vp|chief)\\b",
    points: 15,
  },
  {
    group: "Fit",
    rule: "Target industry",
    field: "Industry",
    op: "in list",
    value: "Software, SaaS",
    points: 10,
  },
];

export function matrix(...rules: RuleSpec[]): Grid {
  const onlyIf = rules.some((r) => r.onlyIf !== undefined);
  const model = rules.some((r) => r.model !== undefined);
  return [
    [...MATRIX_COLUMNS, ...(onlyIf ? ["Only If"] : []), ...(model ? ["Model"] : [])],
    ...rules.map((r) => [
      r.active ?? "",
      r.group ?? "",
      r.rule ?? "",
      r.source ?? "",
      r.event ?? "",
      r.field ?? "",
      r.op ?? "",
      r.value ?? "",
      r.points,
      r.max ?? "",
      r.within ?? "",
      r.half ?? "",
      ...(onlyIf ? [r.onlyIf ?? ""] : []),
      ...(model ? [r.model ?? ""] : []),
    ]),
  ];
}

export const AS_OF = new Date("2024-06-01T00:00:00Z");
export const DAY = 86_400_000;

/** ISO text `days` before AS_OF. */
export function daysAgo(days: number): string {
  return new Date(AS_OF.getTime() - days * DAY).toISOString();
}

/** Settings grid with only a Setting|Value table. */
export function settingsKV(pairs: Record<string, CellValue>): Grid {
  return [["Setting", "Value"], ...Object.entries(pairs).map(([k, v]) => [k, v])];
}

/** No floor/ceiling, so raw arithmetic shows through. */
export const OPEN_SETTINGS = settingsKV({ "Score floor": "none", "Score ceiling": "none" });

export function score(input: WorkbookInput, options: Partial<ScoreOptions> = {}) {
  return scoreWorkbook(input, { asOf: AS_OF, timeZone: "UTC", ...options });
}

/** Score one lead (given as header → value) against rules; returns the lead's result and the run. */
export function scoreOne(
  lead: Record<string, CellValue>,
  rules: RuleSpec[],
  extra: Partial<WorkbookInput> & { options?: Partial<ScoreOptions> } = {},
) {
  const headers = Object.keys(lead);
  const leads: Grid = [headers, headers.map((h) => lead[h])];
  const run = score({ leads, matrix: matrix(...rules), settings: OPEN_SETTINGS, ...extra }, extra.options);
  return { run, lead: run.leads[0] };
}

/** Does a lead rule with this operator/value match this cell? */
export function matches(cell: CellValue, op: string, value: CellValue): boolean {
  const { lead } = scoreOne({ Email: "a@x.com", F: cell }, [{ field: "F", op, value, points: 1 }]);
  return lead.score === 1;
}
