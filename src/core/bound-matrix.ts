// The Scoring Matrix bound to one workbook's columns, and the evaluation of one lead at a time into
// reusable scratch arrays. The full rescore and a lead's contributions asked for later (explanations,
// alerts, calibration) go through the same evaluate + collect, so both count exactly alike, and a
// rescore allocates nothing per contribution.

import { gridTable } from "./cell-table";
import type { ColumnSource } from "./columns";
import { tableColumn } from "./columns";
import { derivedColumn } from "./derived-columns";
import { normalizeHeader } from "./headers";
import type { LeadFrame } from "./lead-frame";
import type { Rule } from "./matrix";
import { dependencyOrder } from "./only-if";
import type { RowTest, TestTable } from "./operators";
import { bindCondition, bindTable, MATCH, NOT_NUMBER } from "./operators";
import { reasonText } from "./reasons";
import { bandPoints } from "./rule-points";
import { DAY_MS } from "./time";
import type { AppliedReset, LeadConditions, OnlyIfOutcome, RuleContribution } from "./types";
import type { PreparedWorkbook } from "./workbook";

export interface BoundRule {
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
  /** Activity rules: index into aCount/aWeight; -1 for lead rules. */
  slot: number;
  /** Only If terms as indexes into the bound rules (any of `rules` matching makes the term match). */
  terms: { negate: boolean; rules: number[] }[];
}

/** Each rule's test on its column; every column is converted once, however many rules test it. */
function bindRules(wb: PreparedWorkbook, frame: LeadFrame, groupIndex: Map<string, number>): BoundRule[] {
  const { settings, leads, activities: act, rules, groupNames } = wb;
  const leadTable = gridTable(leads.grid);
  const leadCols = new Map<number, ColumnSource>();
  const actCols = new Map<number, ColumnSource>();
  const derivedCols = new Map<string, ColumnSource>();
  const { eventId } = act;
  const sourceOf = (rule: Rule): ColumnSource | undefined => {
    if (rule.source === "lead") {
      if (rule.column >= 0) {
        const src = leadCols.get(rule.column) ?? tableColumn(leadTable, rule.column);
        leadCols.set(rule.column, src);
        return src;
      }
      if (!rule.derived) return undefined;
      const src = derivedCols.get(rule.derived) ?? derivedColumn(rule.derived, wb, frame);
      derivedCols.set(rule.derived, src);
      return src;
    }
    if (rule.column < 0) return undefined;
    // Coded while the log was indexed; converted to text or numbers only on the rows its rules test.
    const tested = act.tested.get(rule.column);
    const w = tested?.wanted;
    const src =
      actCols.get(rule.column) ??
      tableColumn(
        act.table,
        rule.column,
        w ? (r) => eventId[r] >= 0 && w[eventId[r]] === 1 : undefined,
        tested?.dictionary,
      );
    actCols.set(rule.column, src);
    return src;
  };
  const indexesOfRow = new Map<number, number[]>();
  rules.forEach((r, i) => {
    indexesOfRow.set(r.row, [...(indexesOfRow.get(r.row) ?? []), i]);
  });
  return rules.map((rule) => {
    let test: RowTest | null = null;
    let table: TestTable | null = null;
    if (rule.condition !== null) {
      const src = sourceOf(rule);
      if (src && rule.source === "activity") table = bindTable(rule.condition, src);
      test = src ? bindCondition(rule.condition, src) : () => 0;
    }
    const hl = rule.halfLifeDays === undefined ? settings.halfLifeDays : rule.halfLifeDays;
    const group = groupIndex.get(normalizeHeader(rule.group)) ?? 0;
    // A lead rule contributes the same to every lead it matches: one frozen object serves them all.
    const shared: RuleContribution | null =
      rule.source === "lead"
        ? Object.freeze({
            ruleRow: rule.row,
            label: rule.label,
            group: groupNames[group],
            points: rule.points,
            value: rule.points,
            count: 1,
            weight: 1,
          })
        : null;
    return {
      rule,
      group,
      test,
      table,
      halfLife: hl ?? 0,
      badRow: -1,
      shared,
      reason: shared ? reasonText(shared) : "",
      slot: -1,
      terms: rule.onlyIf.map((t) => ({
        negate: t.negate,
        rules: t.rows.flatMap((row) => indexesOfRow.get(row) ?? []),
      })),
    };
  });
}

/**
 * A lead rule tested on every scored row, one rule at a time: the test's call site then sees one
 * function for a whole column (a row at a time it would change at every call). Notes the first row
 * whose cell is text where the rule needs a number.
 */
function matchLeadRule(b: BoundRule, rows: Int32Array, n: number): Uint8Array {
  const match = new Uint8Array(n);
  const test = b.test;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const res = test === null ? MATCH : test(r);
    match[r] = res === MATCH ? 1 : 0;
    if (res === NOT_NUMBER && b.badRow < 0) b.badRow = r;
  }
  return match;
}

export class BoundMatrix {
  readonly bound: BoundRule[];
  readonly actRules: BoundRule[];
  /** After evaluate: activities counted and the sum of their weights, per activity rule slot. */
  readonly aCount: Int32Array;
  readonly aWeight: Float64Array;
  /** After collect: the lead's non-zero contributions in matrix order (rule index, value), group sums. */
  readonly contribRule: Int32Array;
  readonly contribValue: Float64Array;
  readonly raw: Float64Array;
  /** Per rule: for a lead rule, 1 on the grid rows it matches; null for an activity rule. */
  private readonly leadMatch: (Uint8Array | null)[];
  private readonly byEventSlots: Int32Array[];
  private readonly anySlots: Int32Array;
  private readonly aMax: Float64Array;
  private readonly aWithin: Float64Array;
  private readonly aHalf: Float64Array;
  private readonly aTest: (RowTest | null)[];
  private readonly aCodes: (Int32Array | null)[];
  private readonly aResults: (Uint8Array | null)[];
  /** Resets (any reset rule): per slot its group and whether it resets; per group the lead's cut-off. */
  private readonly resets: boolean;
  private readonly aGroup: Int32Array;
  private readonly aReset: Uint8Array;
  private readonly cut: Float64Array;
  private readonly cutSlot: Int32Array;
  /** Per group, activities that matched a rule of it but were erased by a reset, and the last one counted. */
  private readonly gErased: Int32Array;
  private readonly gErasedK: Int32Array;
  /** Only If (any rule with one): rules in dependency order; after collect, per rule 1 if it counts. */
  private readonly onlyIfOrder: number[] | null;
  private readonly own: Uint8Array;
  private readonly counts: Uint8Array;

  constructor(
    private readonly wb: PreparedWorkbook,
    private readonly frame: LeadFrame,
    groupIndex: Map<string, number>,
  ) {
    const act = wb.activities;
    const bound = bindRules(wb, frame, groupIndex);
    this.bound = bound;
    const actRules = bound.filter((b) => b.rule.source === "activity");
    this.actRules = actRules;
    for (let i = 0; i < actRules.length; i++) actRules[i].slot = i;
    // Activity rules per event id (wildcards in every list); rules for an absent event are never tried.
    const byEvent: BoundRule[][] = [];
    for (let e = 0; e < act.events.size; e++) byEvent.push([]);
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
    this.byEventSlots = byEvent.map((list) => Int32Array.from(list, (b) => b.slot));
    this.anySlots = Int32Array.from(anyEvent, (b) => b.slot);
    this.aMax = Float64Array.from(actRules, (b) => b.rule.maxCount);
    this.aWithin = Float64Array.from(actRules, (b) => b.rule.withinDays);
    this.aHalf = Float64Array.from(actRules, (b) => b.halfLife);
    this.aTest = actRules.map((b) => b.test);
    // Dictionary codes of the activities in index order (gathered once per codes array, shared by the
    // rules on that column), so that evaluate reads them in a line instead of all over the log.
    const gathered = new Map<Int32Array, Int32Array>();
    const { order } = act;
    this.aCodes = actRules.map((b) => {
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
    this.aResults = actRules.map((b) => b.table?.results ?? null);
    this.aCount = new Int32Array(actRules.length);
    this.aWeight = new Float64Array(actRules.length);
    this.leadMatch = bound.map((b) =>
      b.slot < 0 ? matchLeadRule(b, frame.rows, wb.leads.grid.length) : null,
    );
    this.resets = actRules.some((b) => b.rule.reset);
    this.aGroup = Int32Array.from(actRules, (b) => b.group);
    this.aReset = Uint8Array.from(actRules, (b) => (b.rule.reset ? 1 : 0));
    this.cut = new Float64Array(wb.groupNames.length);
    this.cutSlot = new Int32Array(wb.groupNames.length);
    this.gErased = new Int32Array(wb.groupNames.length);
    this.gErasedK = new Int32Array(wb.groupNames.length);
    this.onlyIfOrder = bound.some((b) => b.terms.length > 0) ? dependencyOrder(wb.rules) : null;
    this.own = new Uint8Array(bound.length);
    this.counts = new Uint8Array(bound.length);
    this.contribRule = new Int32Array(bound.length);
    this.contribValue = new Float64Array(bound.length);
    this.raw = new Float64Array(wb.groupNames.length);
  }

  /** Walks grid row r's activities newest first, counting them per activity rule. */
  evaluate(r: number): void {
    const nAct = this.actRules.length;
    if (nAct === 0) return;
    const { aCount, aWeight, aMax, aWithin, aHalf, aTest, aCodes, aResults, byEventSlots, anySlots } = this;
    const { order, orderTs, orderEvent, start } = this.wb.activities;
    const { resets, aGroup, aReset, cut, cutSlot, gErased, gErasedK } = this;
    aCount.fill(0);
    aWeight.fill(0);
    if (resets) {
      cut.fill(Number.NEGATIVE_INFINITY);
      cutSlot.fill(-1);
      gErased.fill(0);
      gErasedK.fill(-1);
    }
    const T = this.frame.asOfMs[r];
    const end = start[this.wb.leads.groupOf[r] + 1];
    // Several rules with the same half-life often count one activity (a page view by "Recent site
    // visits", a Detail rule and "Any touch"): its decay factor is computed once for them.
    let wHl = 0;
    let w = 1;
    for (let k = this.frame.firstK[r]; k < end; k++) {
      const age = (T - orderTs[k]) / DAY_MS;
      wHl = 0;
      const e = orderEvent[k];
      const slots = e >= 0 ? byEventSlots[e] : anySlots;
      for (let s = 0; s < slots.length; s++) {
        const j = slots[s];
        // Newest first, so a reset is met before the activities it erases (those strictly before it).
        const erased = resets && orderTs[k] < cut[aGroup[j]];
        if ((!erased && aCount[j] >= aMax[j]) || age > aWithin[j]) continue;
        const test = aTest[j];
        if (test !== null) {
          const codes = aCodes[j];
          const res = codes !== null ? (aResults[j] as Uint8Array)[codes[k]] : test(order[k]);
          if (res !== MATCH) {
            if (res === NOT_NUMBER && this.actRules[j].badRow < 0) this.actRules[j].badRow = order[k];
            continue;
          }
        }
        if (erased) {
          // An activity several rules of the group match is erased once.
          if (gErasedK[aGroup[j]] !== k) {
            gErasedK[aGroup[j]] = k;
            gErased[aGroup[j]]++;
          }
          continue;
        }
        if (resets && aReset[j] === 1 && cutSlot[aGroup[j]] < 0) {
          cut[aGroup[j]] = orderTs[k];
          cutSlot[aGroup[j]] = j;
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

  /** After evaluate(r): the non-zero contributions in matrix order and the raw group sums; returns their count. */
  collect(r: number): number {
    const { bound, leadMatch, aCount, aWeight, raw, contribRule, contribValue, onlyIfOrder, counts } = this;
    raw.fill(0);
    if (onlyIfOrder !== null) this.resolveOnlyIf(r, onlyIfOrder);
    let nc = 0;
    for (let j = 0; j < bound.length; j++) {
      const b = bound[j];
      const rule = b.rule;
      if (onlyIfOrder !== null && counts[j] === 0) continue;
      let value: number;
      if (b.slot < 0) {
        if ((leadMatch[j] as Uint8Array)[r] !== 1 || rule.points === 0) continue;
        value = rule.points;
      } else {
        const n = aCount[b.slot];
        value = rule.bands !== null ? bandPoints(rule.bands, n) : rule.points * aWeight[b.slot];
        if (n === 0 || value === 0) continue;
      }
      raw[b.group] += value;
      contribRule[nc] = j;
      contribValue[nc] = value;
      nc++;
    }
    return nc;
  }

  /**
   * Which rules count for grid row r (after evaluate): a rule's own match (a lead rule's condition, an
   * activity rule's counted activities), and every Only If term, in dependency order so a named rule's
   * outcome is known first. A term holds when any rule of its label counts (flipped by `not`).
   */
  private resolveOnlyIf(r: number, order: readonly number[]): void {
    const { bound, leadMatch, aCount, own, counts } = this;
    for (const j of order) {
      const b = bound[j];
      own[j] = b.slot < 0 ? (leadMatch[j] as Uint8Array)[r] : aCount[b.slot] > 0 ? 1 : 0;
      let ok = own[j];
      for (let t = 0; ok === 1 && t < b.terms.length; t++) {
        const term = b.terms[t];
        let any = false;
        for (const i of term.rules) if (counts[i] === 1) any = true;
        if (any === term.negate) ok = 0;
      }
      counts[j] = ok;
    }
  }

  /** After evaluate + collect of grid row r: each Only If rule whose own condition matched, and why it (did not) count. */
  private onlyIfOutcomes(): OnlyIfOutcome[] {
    if (this.onlyIfOrder === null) return [];
    const out: OnlyIfOutcome[] = [];
    this.bound.forEach((b, j) => {
      if (b.terms.length === 0 || this.own[j] === 0) return;
      out.push({
        ruleRow: b.rule.row,
        label: b.rule.label,
        group: this.wb.groupNames[b.group],
        counted: this.counts[j] === 1,
        terms: b.terms.map((t, i) => ({
          label: b.rule.onlyIf[i].label,
          negate: t.negate,
          held: t.rules.some((x) => this.counts[x] === 1) !== t.negate,
        })),
      });
    });
    return out;
  }

  /** After evaluate of grid row r: the resets that applied, one per group at most. */
  private appliedResets(): AppliedReset[] {
    if (!this.resets) return [];
    const out: AppliedReset[] = [];
    for (let g = 0; g < this.cutSlot.length; g++) {
      const j = this.cutSlot[g];
      if (j < 0) continue;
      const erased = this.gErased[g];
      const { rule } = this.actRules[j];
      out.push({
        ruleRow: rule.row,
        label: rule.label,
        group: this.wb.groupNames[g],
        at: new Date(this.cut[g]),
        erased,
      });
    }
    return out;
  }

  /** Grid row r's Only If outcomes and resets (explanations); empty for a row this run did not score. */
  conditionsOf(r: number): LeadConditions {
    if (this.frame.asOfDate[r] === undefined) return { onlyIf: [], resets: [] };
    this.evaluate(r);
    this.collect(r);
    return { onlyIf: this.onlyIfOutcomes(), resets: this.appliedResets() };
  }

  /** Grid row r's non-zero contributions in matrix order, as new objects (lead rules' are shared). */
  contributionsOf(r: number): RuleContribution[] {
    if (this.frame.asOfDate[r] === undefined) return []; // not a row this run scored
    this.evaluate(r);
    const n = this.collect(r);
    const out: RuleContribution[] = [];
    for (let c = 0; c < n; c++) {
      const b = this.bound[this.contribRule[c]];
      if (b.shared !== null) {
        out.push(b.shared);
        continue;
      }
      const count = this.aCount[b.slot];
      out.push({
        ruleRow: b.rule.row,
        label: b.rule.label,
        group: this.wb.groupNames[b.group],
        points: b.rule.bands !== null ? this.contribValue[c] : b.rule.points,
        value: this.contribValue[c],
        count,
        weight: this.aWeight[b.slot] / count,
      });
    }
    return out;
  }
}
