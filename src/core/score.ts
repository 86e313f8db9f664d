// Scoring: bind the parsed rules to column views, then one pass over the leads, each walking only its
// own activities (newest first) from the index. Per-lead scratch arrays are reused across leads.
import { gridColumn, numberColumn, textColumn } from "./columns";
import { emailDomain } from "./derived";
import { gradeFor } from "./grades";
import { findColumn, headerText, normalizeHeader } from "./headers";
import type { Rule } from "./matrix";
import type { RowTest, TestTable } from "./operators";
import { bindCondition, bindTable, MATCH, NOT_NUMBER } from "./operators";
import { problem } from "./problems";
import { reasonText } from "./reasons";
import { roundHalfAwayFromZero, roundTo } from "./rounding";
import { nextTierFor, tierFor } from "./tiers";
import { DAY_MS, timestampInto } from "./time";
import type {
  CellValue,
  GroupTotal,
  LeadScore,
  RuleContribution,
  ScoreOptions,
  ScoreRun,
  WorkbookInput,
} from "./types";
import { TAB } from "./types";
import { cellText } from "./values";
import type { PreparedWorkbook } from "./workbook";
import { prepareWorkbook } from "./workbook";

interface BoundRule {
  rule: Rule;
  group: number;
  test: RowTest | null;
  /** Activity rules on a dictionary-coded column: the test as tables (see bindTable), else null. */
  table: TestTable | null;
  /** Half-life in days after the Settings default; 0 = no decay. */
  halfLife: number;
  /** First cell that was text where the operator needs a number (grid row), -1 if none. */
  badRow: number;
  /** Lead rules: the contribution every matching lead shares (read-only), and its reason text. */
  shared: RuleContribution | null;
  reason: string;
  /** Activity rules: index into the per-lead count/weight arrays; -1 for lead rules. */
  slot: number;
}

export function scoreWorkbook(input: WorkbookInput, options: ScoreOptions): ScoreRun {
  const wb = prepareWorkbook(input, options.timeZone);
  const leads = scoreLeads(wb, options);
  const groupNames = wb.groupNames;
  return {
    settings: wb.settings,
    groupNames,
    outputHeaders: outputHeaders(groupNames),
    leads,
    problems: wb.sink.finish(),
    asOf: options.asOf,
  };
}

export function outputHeaders(groupNames: readonly string[]): string[] {
  return ["Score", "Tier", "Grade", ...groupNames.map((g) => `${g} Score`), "Top Reasons", "Scored At"];
}

/** The lead's output cells, aligned with run.outputHeaders. */
export function outputRow(run: ScoreRun, lead: LeadScore): CellValue[] {
  const row: CellValue[] = [lead.score, lead.tier, lead.grade];
  for (const g of lead.groups) row.push(roundTo(g.total, 1));
  row.push(lead.reasons, run.asOf);
  return row;
}

function scoreLeads(wb: PreparedWorkbook, options: ScoreOptions): LeadScore[] {
  const { settings, leads, activities: act, rules, groupNames, sink } = wb;
  const grid = leads.grid;
  const nRows = grid.length;
  const baseAsOf = options.asOf.getTime();

  // Rows to score, their as-of times and the first activity at or before it.
  const rows: number[] = [];
  for (let r = 1; r < nRows; r++) {
    if (leads.groupOf[r] >= 0 && (!options.onlyRows || options.onlyRows.has(r + 1))) rows.push(r);
  }
  const asOfMs = new Float64Array(nRows);
  const asOfDate: Date[] = new Array(nRows);
  const firstK = new Int32Array(nRows);
  const { order, start, eventId, orderTs, orderEvent } = act;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const d = options.asOfForLead?.(r + 1) ?? options.asOf;
    asOfDate[r] = d;
    const t = d === options.asOf ? baseAsOf : d.getTime();
    asOfMs[r] = t;
    const g = leads.groupOf[r];
    let k = start[g];
    const end = start[g + 1];
    while (k < end && orderTs[k] > t) k++; // newest first: future activities lead the slice
    firstK[r] = k;
  }

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

  // Bind rules to columns (each column converted once, however many rules test it).
  const leadCols = new Map<number, ReturnType<typeof gridColumn>>();
  const actCols = new Map<number, ReturnType<typeof gridColumn>>();
  const derivedCols = new Map<string, ReturnType<typeof gridColumn>>();
  const derivedSource = (name: NonNullable<Rule["derived"]>) => {
    let src = derivedCols.get(name);
    if (src === undefined) {
      src = computeDerived(name, wb, rows, asOfMs, firstK);
      derivedCols.set(name, src);
    }
    return src;
  };
  // Activity columns are converted only on rows whose event some rule testing that column wants.
  const wanted = new Map<number, Uint8Array | null>();
  for (const rule of rules) {
    if (rule.source !== "activity" || rule.column < 0 || rule.condition === null) continue;
    let w = wanted.get(rule.column);
    if (w === null) continue;
    if (rule.event === "") {
      wanted.set(rule.column, null);
      continue;
    }
    if (w === undefined) {
      w = new Uint8Array(act.events.size);
      wanted.set(rule.column, w);
    }
    const e = act.events.get(rule.event);
    if (e !== undefined) w[e] = 1;
  }
  const bound: BoundRule[] = rules.map((rule) => {
    let test: RowTest | null = null;
    let table: TestTable | null = null;
    if (rule.condition !== null) {
      let src: ReturnType<typeof gridColumn> | undefined;
      if (rule.source === "lead") {
        if (rule.column >= 0) {
          src = leadCols.get(rule.column) ?? gridColumn(grid, rule.column);
          leadCols.set(rule.column, src);
        } else if (rule.derived) src = derivedSource(rule.derived);
      } else if (rule.column >= 0) {
        const w = wanted.get(rule.column);
        src =
          actCols.get(rule.column) ??
          gridColumn(act.grid, rule.column, w ? (r) => eventId[r] >= 0 && w[eventId[r]] === 1 : undefined);
        actCols.set(rule.column, src);
      }
      if (src && rule.source === "activity") table = bindTable(rule.condition, src);
      test = src ? bindCondition(rule.condition, src) : () => 0;
    }
    const hl = rule.halfLifeDays === undefined ? settings.halfLifeDays : rule.halfLifeDays;
    return {
      rule,
      group: groupIndex.get(normalizeHeader(rule.group)) ?? 0,
      test,
      table,
      halfLife: hl ?? 0,
      badRow: -1,
      shared: null,
      reason: "",
      slot: -1,
    };
  });
  for (const b of bound) {
    if (b.rule.source !== "lead") continue;
    const r = b.rule;
    // A lead rule contributes the same to every lead it matches: one frozen object serves them all.
    b.shared = Object.freeze({
      ruleRow: r.row,
      label: r.label,
      group: groupNames[b.group],
      points: r.points,
      value: r.points,
      count: 1,
      weight: 1,
    });
    b.reason = reasonText(b.shared);
  }
  const actRules = bound.filter((b) => b.rule.source === "activity");
  // Activity rules per event id (wildcards in every list); rules for an absent event are never tried.
  const nEvents = act.events.size;
  const byEvent: BoundRule[][] = [];
  for (let e = 0; e < nEvents; e++) byEvent.push([]);
  const anyEvent: BoundRule[] = [];
  for (const b of actRules) {
    if (b.rule.event === "") {
      anyEvent.push(b);
      for (const list of byEvent) list.push(b);
    } else {
      const e = act.events.get(b.rule.event);
      if (e !== undefined) byEvent[e].push(b);
    }
  }
  for (let i = 0; i < actRules.length; i++) actRules[i].slot = i;
  const byEventSlots = byEvent.map((list) => Int32Array.from(list, (b) => b.slot));
  const anySlots = Int32Array.from(anyEvent, (b) => b.slot);
  const nAct = actRules.length;
  const aMax = Float64Array.from(actRules, (b) => b.rule.maxCount);
  const aWithin = Float64Array.from(actRules, (b) => b.rule.withinDays);
  const aHalf = Float64Array.from(actRules, (b) => b.halfLife);
  const aTest = actRules.map((b) => b.test);
  // Dictionary codes of the activities in index order (gathered once per codes array, shared by the
  // rules on that column), so that the loop below reads them in a line instead of all over the log.
  const gathered = new Map<Int32Array, Int32Array>();
  const aCodes = actRules.map((b) => {
    const codes = b.table?.codes;
    if (codes === undefined) return null;
    let inOrder = gathered.get(codes);
    if (inOrder === undefined) {
      inOrder = new Int32Array(order.length);
      for (let k = 0; k < order.length; k++) inOrder[k] = codes[order[k]];
      gathered.set(codes, inOrder);
    }
    return inOrder;
  });
  const aResults = actRules.map((b) => b.table?.results ?? null);
  const aCount = new Int32Array(nAct);
  const aWeight = new Float64Array(nAct);
  const raw = new Float64Array(nGroups);
  const leadMatch = new Uint8Array(bound.length);

  const floor = settings.scoreFloor ?? Number.NEGATIVE_INFINITY;
  const ceiling = settings.scoreCeiling ?? Number.POSITIVE_INFINITY;
  const tiers = settings.tiers;
  const keyCol = leads.keyCol;
  const out: LeadScore[] = new Array(rows.length);
  const nextTiers = new Map<number, LeadScore["nextTier"]>();
  const contribRule = new Int32Array(bound.length);
  // A group of lead rules only takes few distinct totals: leads with the same one share a frozen object.
  // Groups with activity rules too, up to the memo's size limit (decayed totals rarely repeat).
  const sharedTotals = groupNames.map(() => new Map<number, GroupTotal>());
  const plainContribs: (RuleContribution | undefined)[][] = actRules.map(() => []);
  /** Reason texts of the shared activity contributions, formatted once. */
  const sharedReasons = new Map<RuleContribution, string>();
  const leadIdx = Int32Array.from(bound.flatMap((b, j) => (b.rule.source === "lead" ? [j] : [])));
  const contribValue = new Float64Array(bound.length);

  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const T = asOfMs[r];
    // Lead rules.
    for (let li = 0; li < leadIdx.length; li++) {
      const j = leadIdx[li];
      const b = bound[j];
      const res = b.test === null ? MATCH : b.test(r);
      leadMatch[j] = res === MATCH ? 1 : 0;
      if (res === NOT_NUMBER && b.badRow < 0) b.badRow = r;
    }
    // Activity rules: walk this lead's activities newest first.
    if (nAct > 0) {
      aCount.fill(0);
      aWeight.fill(0);
      const g = leads.groupOf[r];
      const end = start[g + 1];
      // Several rules with the same half-life often count one activity (a page view by "Recent site
      // visits", a Detail rule and "Any touch"): its decay factor is computed once for them.
      let wHl = 0;
      let w = 1;
      for (let k = firstK[r]; k < end; k++) {
        const age = (T - orderTs[k]) / DAY_MS;
        wHl = 0;
        const e = orderEvent[k];
        const slots = e >= 0 ? byEventSlots[e] : anySlots;
        for (let s = 0; s < slots.length; s++) {
          const j = slots[s];
          if (aCount[j] >= aMax[j] || age > aWithin[j]) continue;
          const test = aTest[j];
          if (test !== null) {
            const codes = aCodes[j];
            const res = codes !== null ? (aResults[j] as Uint8Array)[codes[k]] : test(order[k]);
            if (res !== MATCH) {
              if (res === NOT_NUMBER && actRules[j].badRow < 0) actRules[j].badRow = order[k];
              continue;
            }
          }
          aCount[j]++;
          const hl = aHalf[j];
          if (hl > 0 && age > 0) {
            if (hl !== wHl) {
              w = 0.5 ** (age / hl);
              wHl = hl;
            }
            aWeight[j] += w;
          } else aWeight[j] += 1;
        }
      }
    }
    // Contributions in matrix order (rule index and value first; objects once their number is known),
    // group totals, score.
    raw.fill(0);
    let nc = 0;
    let ai = 0;
    for (let j = 0; j < bound.length; j++) {
      const b = bound[j];
      const rule = b.rule;
      let value: number;
      if (rule.source === "lead") {
        if (leadMatch[j] !== 1 || rule.points === 0) continue;
        value = rule.points;
      } else {
        const count = aCount[ai++];
        value = rule.points * aWeight[ai - 1];
        if (count === 0 || value === 0) continue;
      }
      raw[b.group] += value;
      contribRule[nc] = j;
      contribValue[nc] = value;
      nc++;
    }
    const contributions: RuleContribution[] = new Array(nc);
    for (let c = 0; c < nc; c++) {
      const j = contribRule[c];
      const b = bound[j];
      if (b.shared !== null) {
        contributions[c] = b.shared;
        continue;
      }
      const count = aCount[b.slot];
      // Every activity counted at full weight (no decay, or none aged): the contribution depends on
      // the rule and the count alone, so leads with the same count share one frozen object.
      const plain = aWeight[b.slot] === count && count < 64;
      const memo = plain ? plainContribs[b.slot] : undefined;
      const hit = memo?.[count];
      if (hit !== undefined) {
        contributions[c] = hit;
        continue;
      }
      const made: RuleContribution = {
        ruleRow: b.rule.row,
        label: b.rule.label,
        group: groupNames[b.group],
        points: b.rule.points,
        value: contribValue[c],
        count,
        weight: aWeight[b.slot] / count,
      };
      if (memo !== undefined) {
        memo[count] = Object.freeze(made);
        sharedReasons.set(made, reasonText(made));
      }
      contributions[c] = made;
    }
    const groups: GroupTotal[] = new Array(nGroups);
    let sum = 0;
    for (let g = 0; g < nGroups; g++) {
      const x = raw[g];
      const memo = sharedTotals[g];
      let gt = memo.get(x);
      if (gt === undefined) {
        gt = {
          group: groupNames[g],
          raw: x,
          total: Math.min(Math.max(x, limMin[g]), limMax[g]),
          capped: x < limMin[g] ? "min" : x > limMax[g] ? "max" : null,
        };
        if (memo.size < 4096) memo.set(x, Object.freeze(gt));
      }
      groups[g] = gt;
      sum += gt.total;
    }
    const rounded = roundHalfAwayFromZero(sum);
    const score = Math.min(Math.max(rounded, floor), ceiling);
    const tier = tierFor(score, tiers);
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
      grade: gradeGroup >= 0 ? gradeFor(groups[gradeGroup].total, settings.grades).name : "",
      groups,
      contributions,
      reasons: reasonsFor(contributions, contribRule, contribValue, nc, bound, sharedReasons),
      nextTier,
      rawScore: sum,
      clamped: rounded < floor ? "floor" : rounded > ceiling ? "ceiling" : null,
      asOf: asOfDate[r],
    };
  }

  for (const b of bound) {
    if (b.badRow < 0) continue;
    const isLead = b.rule.source === "lead";
    const g = isLead ? grid : act.grid;
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
        `Rule "${b.rule.label}" (Scoring Matrix row ${b.rule.row}) needs numbers in ${column}, but cells such as this one hold text ("${cellText(g[b.badRow]?.[b.rule.column] ?? null)}"); they do not match.`,
        `Enter a number (1,200 is fine) or leave the cell blank.`,
        "warning",
      ),
    );
  }
  return out;
}

/** Top reasons (see reasons.ts) without re-formatting the shared lead-rule texts for every lead. */
function reasonsFor(
  contributions: readonly RuleContribution[],
  ruleOf: Int32Array,
  values: Float64Array,
  n: number,
  bound: readonly BoundRule[],
  shared: ReadonlyMap<RuleContribution, string>,
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
  const t0 = reasonOf(i0, contributions, ruleOf, bound, shared);
  if (i1 < 0) return t0;
  const t1 = reasonOf(i1, contributions, ruleOf, bound, shared);
  if (i2 < 0) return t0 + "; " + t1;
  return t0 + "; " + t1 + "; " + reasonOf(i2, contributions, ruleOf, bound, shared);
}

function reasonOf(
  i: number,
  contributions: readonly RuleContribution[],
  ruleOf: Int32Array,
  bound: readonly BoundRule[],
  shared: ReadonlyMap<RuleContribution, string>,
): string {
  const c = contributions[i];
  return bound[ruleOf[i]].reason || shared.get(c) || reasonText(c);
}

/** Derived lead fields for the scored rows (other rows stay blank). */
function computeDerived(
  name: NonNullable<Rule["derived"]>,
  wb: PreparedWorkbook,
  rows: readonly number[],
  asOfMs: Float64Array,
  firstK: Int32Array,
) {
  const { leads, activities: act } = wb;
  const grid = leads.grid;
  const n = grid.length;
  if (name === "emailDomain") {
    const col = findColumn(leads.headers, "Email");
    const text = new Array<string>(n).fill("");
    if (col >= 0) {
      for (let i = 0; i < rows.length; i++) text[rows[i]] = emailDomain(cellText(grid[rows[i]][col]));
    }
    return textColumn(text);
  }
  const values = new Float64Array(n).fill(Number.NaN);
  if (name === "activityCount") {
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      values[r] = act.start[leads.groupOf[r] + 1] - firstK[r];
    }
  } else if (name === "daysSinceLastActivity") {
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const g = leads.groupOf[r];
      if (firstK[r] < act.start[g + 1]) values[r] = (asOfMs[r] - act.orderTs[firstK[r]]) / DAY_MS;
    }
  } else {
    const col = findColumn(leads.headers, "Created");
    let bad = -1;
    if (col >= 0) {
      // Loops by index and parses into `values` (then converts in place): no iterator result or heap
      // number per lead.
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i];
        const v = grid[r][col];
        timestampInto(v, wb.clock, values, r);
        const t = values[r];
        if (!Number.isNaN(t)) values[r] = (asOfMs[r] - t) / DAY_MS;
        else if (bad < 0 && cellText(v) !== "") bad = r;
      }
    }
    if (col < 0) {
      wb.sink.add(
        problem(
          TAB.leads,
          1,
          "Created",
          "Days Since Created is used by a rule, but Leads has no Created column; it is blank for every lead.",
          "Add a Created column with the date each lead was created.",
          "warning",
        ),
      );
    } else if (bad >= 0) {
      wb.sink.add(
        problem(
          TAB.leads,
          bad + 1,
          headerText(leads.headers, col),
          `"${cellText(grid[bad][col])}" is not a date, so Days Since Created is blank for this lead (and any like it).`,
          "Enter a date, or ISO text such as 2024-05-01.",
          "warning",
        ),
      );
    }
  }
  return numberColumn(values);
}
