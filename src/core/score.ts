// Scoring: bind the matrix to the workbook (bound-matrix.ts), then one pass over the leads, each walking
// only its own activities (newest first) from the index; group totals, score, tier, grade and reasons.
import type { BoundRule } from "./bound-matrix";
import { BoundMatrix } from "./bound-matrix";
import { engagementBandFor, gradeFor } from "./grades";
import { headerText, normalizeHeader } from "./headers";
import { leadFrame } from "./lead-frame";
import { hasGradeGroup } from "./models";
import { outputHeaders } from "./output-headers";
import { problem } from "./problems";
import { reasonFor } from "./reasons";
import { roundHalfAwayFromZero, roundTo } from "./rounding";
import { nextTierFor, tierFor } from "./tiers";
import type {
  CellValue,
  GroupTotal,
  LeadScore,
  ScoreOptions,
  ScoreRun,
  Settings,
  WorkbookInput,
} from "./types";
import { TAB } from "./types";
import { cellText } from "./values";
import type { PreparedWorkbook } from "./workbook";
import { modelWorkbook, prepareWorkbook } from "./workbook";

/** Parses the workbook once, then scores the default model and each named model with the same engine. */
export function scoreWorkbook(input: WorkbookInput, options: ScoreOptions): ScoreRun {
  const wb = prepareWorkbook(input, options.timeZone);
  const run = scoreModel(
    wb,
    options,
    "",
    outputHeaders(wb.groupNames, wb.settings.engagementBands.length > 0),
  );
  for (const m of wb.models) run.models.push(scoreModel(modelWorkbook(wb, m), options, m.name, m.headers));
  for (const m of run.models) run.outputHeaders.push(...m.outputHeaders);
  run.problems = wb.sink.finish();
  return run;
}

/** One model's run (problems are gathered by the caller, from the shared sink). */
function scoreModel(wb: PreparedWorkbook, options: ScoreOptions, model: string, headers: string[]): ScoreRun {
  const { leads, matrix } = scoreLeads(wb, options);
  return {
    model,
    models: [],
    settings: wb.settings,
    groupNames: wb.groupNames,
    outputHeaders: headers,
    leads,
    problems: [],
    asOf: options.asOf,
    contributions: (lead) => matrix.contributionsOf(lead.sheetRow - 1),
    conditions: (lead) => matrix.conditionsOf(lead.sheetRow - 1),
  };
}

/** What outputRow reads of a run: no closures, so a caller may keep it and let the activity index go. */
export interface OutputSource {
  model: string;
  settings: Settings;
  asOf: Date;
  groupNames: readonly string[];
  leads: readonly LeadScore[];
  models: readonly OutputSource[];
}

/**
 * The lead's output cells, aligned with run.outputHeaders: on the default run its own cells then each named
 * model's (modelHeaders); on a named model's run that model's cells only.
 */
export function outputRow(run: OutputSource, lead: LeadScore): CellValue[] {
  const bands = run.settings.engagementBands.length > 0;
  if (run.model !== "") return modelCells(run, lead, bands);
  const row: CellValue[] = [lead.score, lead.tier, lead.grade];
  if (bands) row.push(lead.priority);
  for (const g of lead.groups) row.push(roundTo(g.total, 1));
  row.push(lead.reasons, run.asOf);
  for (const m of run.models) row.push(...modelCells(m, alignedLead(m, lead), bands));
  return row;
}

function modelCells(run: OutputSource, lead: LeadScore, bands: boolean): CellValue[] {
  const row: CellValue[] = [lead.score, lead.tier];
  if (hasGradeGroup(run.groupNames, run.settings.gradeGroup)) {
    row.push(lead.grade);
    if (bands) row.push(lead.priority);
  }
  row.push(lead.reasons);
  return row;
}

/** The lead of `run` for the same Leads row as `lead` (a model's leads align with the default run's). */
export function alignedLead(run: Pick<OutputSource, "leads">, lead: LeadScore): LeadScore {
  const { leads } = run;
  let lo = 0;
  let hi = leads.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (leads[mid].sheetRow < lead.sheetRow) lo = mid + 1;
    else hi = mid;
  }
  return leads[lo];
}

function scoreLeads(
  wb: PreparedWorkbook,
  options: ScoreOptions,
): { leads: LeadScore[]; matrix: BoundMatrix } {
  const { settings, leads, activities: act, groupNames, sink } = wb;
  const grid = leads.grid;
  const frame = leadFrame(wb, options);
  const { rows, asOfDate } = frame;

  const groupIndex = new Map<string, number>();
  for (let i = 0; i < groupNames.length; i++) groupIndex.set(normalizeHeader(groupNames[i]), i);
  const nGroups = groupNames.length;
  const limMin = new Float64Array(nGroups).fill(Number.NEGATIVE_INFINITY);
  const limMax = new Float64Array(nGroups).fill(Number.POSITIVE_INFINITY);
  for (const l of settings.groupLimits) {
    const i = groupIndex.get(normalizeHeader(l.group));
    if (i === undefined) continue;
    if (l.min !== null) limMin[i] = l.min;
    if (l.max !== null) limMax[i] = l.max;
  }
  const gradeGroup = groupIndex.get(normalizeHeader(settings.gradeGroup)) ?? -1;
  const bands = settings.engagementBands;
  const matrix = new BoundMatrix(wb, frame, groupIndex);
  const { bound, actRules, raw, contribRule, contribValue } = matrix;

  const floor = settings.scoreFloor ?? Number.NEGATIVE_INFINITY;
  const ceiling = settings.scoreCeiling ?? Number.POSITIVE_INFINITY;
  const tiers = settings.tiers;
  const keyCol = leads.keyCol;
  const out: LeadScore[] = new Array(rows.length);
  const nextTiers = new Map<number, LeadScore["nextTier"]>();
  // A group of lead rules only takes few distinct totals: leads with the same one share a frozen object.
  // A group with activity rules gets new ones (decayed totals rarely repeat: a lookup would cost more).
  const sharedTotals = groupNames.map((_, g) =>
    actRules.some((b) => b.group === g) ? null : new Map<number, GroupTotal>(),
  );
  /** Reason texts of activity rules by slot, keyed by the shown value (see reasonOf). */
  const reasonTexts = actRules.map(() => new Map<number, string>());

  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    matrix.evaluate(r);
    const nc = matrix.collect(r);
    const groups: GroupTotal[] = new Array(nGroups);
    let sum = 0;
    let engagement = 0;
    for (let g = 0; g < nGroups; g++) {
      const x = raw[g];
      const memo = sharedTotals[g];
      let gt = memo?.get(x);
      if (gt === undefined) {
        gt = {
          group: groupNames[g],
          raw: x,
          total: Math.min(Math.max(x, limMin[g]), limMax[g]),
          capped: x < limMin[g] ? "min" : x > limMax[g] ? "max" : null,
        };
        memo?.set(x, Object.freeze(gt));
      }
      groups[g] = gt;
      sum += gt.total;
      if (g !== gradeGroup) engagement += gt.total;
    }
    const rounded = roundHalfAwayFromZero(sum);
    const score = Math.min(Math.max(rounded, floor), ceiling);
    const tier = tierFor(score, tiers);
    const grade = gradeGroup >= 0 ? gradeFor(groups[gradeGroup].total, settings.grades).name : "";
    let nextTier = nextTiers.get(score);
    if (nextTier === undefined) {
      nextTier = nextTierFor(score, tiers);
      if (nextTier) Object.freeze(nextTier);
      nextTiers.set(score, nextTier);
    }
    out[i] = {
      sheetRow: r + 1,
      key: cellText(grid[r][keyCol]),
      score,
      tier: tier.name,
      grade,
      priority: bands.length > 0 && grade !== "" ? grade + engagementBandFor(engagement, bands).name : "",
      groups,
      reasons: reasonsFor(contribRule, contribValue, nc, bound, reasonTexts),
      nextTier,
      rawScore: sum,
      clamped: rounded < floor ? "floor" : rounded > ceiling ? "ceiling" : null,
      asOf: asOfDate[r],
    };
  }

  for (const b of bound) {
    if (b.badRow < 0) continue;
    const isLead = b.rule.source === "lead";
    const column = isLead
      ? b.rule.column >= 0
        ? headerText(leads.headers, b.rule.column)
        : b.rule.field
      : headerText(act.headers, b.rule.column);
    sink.add(
      problem(
        isLead ? TAB.leads : TAB.activities,
        b.badRow + 1,
        column,
        `Rule "${b.rule.label}" (Scoring Matrix row ${b.rule.row}) needs numbers in ${column}, but cells such as this one hold text ("${cellText((isLead ? grid[b.badRow]?.[b.rule.column] : act.table.cell(b.badRow, b.rule.column)) ?? null)}"); they do not match.`,
        `Enter a number (1,200 is fine) or leave the cell blank.`,
        "warning",
        "rule-needs-numbers",
      ),
    );
  }
  return { leads: out, matrix };
}

/** Top reasons (see reasons.ts) without re-formatting the shared lead-rule texts for every lead. */
export function reasonsFor(
  ruleOf: Int32Array,
  values: Float64Array,
  n: number,
  bound: readonly BoundRule[],
  texts: readonly Map<number, string>[],
): string {
  let i0 = -1;
  let i1 = -1;
  let i2 = -1;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(values[i]);
    // Strictly larger moves ahead, so among equals the earlier rule stays first.
    if (i0 < 0 || a > a0) {
      i2 = i1;
      a2 = a1;
      i1 = i0;
      a1 = a0;
      i0 = i;
      a0 = a;
    } else if (i1 < 0 || a > a1) {
      i2 = i1;
      a2 = a1;
      i1 = i;
      a1 = a;
    } else if (i2 < 0 || a > a2) {
      i2 = i;
      a2 = a;
    }
  }
  if (i0 < 0) return "";
  const t0 = reasonOf(i0, ruleOf, values, bound, texts);
  if (i1 < 0) return t0;
  const t1 = reasonOf(i1, ruleOf, values, bound, texts);
  // Joined, not added: a sum is a tree of cons strings, larger than the text and kept with the lead, which
  // writing the cell flattens into a copy made in the old generation (where the lead lives by then).
  if (i2 < 0) return [t0, t1].join("; ");
  return [t0, t1, reasonOf(i2, ruleOf, values, bound, texts)].join("; ");
}

function reasonOf(
  i: number,
  ruleOf: Int32Array,
  values: Float64Array,
  bound: readonly BoundRule[],
  texts: readonly Map<number, string>[],
): string {
  const b = bound[ruleOf[i]];
  if (b.slot < 0) return b.reason;
  // The text shows the value to one decimal, so leads whose values round alike share it: keyed by the
  // sign and tenths (an integer). A value that rounds to 0.0 is shown to one significant digit instead.
  const x = values[i];
  const tenths = Math.round(Math.abs(x) * 10);
  if (tenths === 0 || tenths > 0x3fffffff) return reasonFor(b.rule.label, x);
  const key = x < 0 ? -tenths : tenths;
  const memo = texts[b.slot];
  let text = memo.get(key);
  if (text === undefined) {
    text = reasonFor(b.rule.label, x);
    memo.set(key, text);
  }
  return text;
}
