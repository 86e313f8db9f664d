// The matrix and Settings as the lead states need them: which rules each state field serves, how a lead's
// row and activities become state, and the one function that turns a state into the lead's output cells.
// A full build and an incremental update both end in `outputs`, and it adds up exactly what score.ts adds
// up, in the same order, so the two paths cannot drift apart.
import { BoundMatrix, type BoundRule } from "../bound-matrix";
import { numberColumn } from "../columns";
import { engagementBandFor, gradeFor } from "../grades";
import { findColumn, normalizeHeader } from "../headers";
import { leadFrame } from "../lead-frame";
import { bindCondition, MATCH } from "../operators";
import { roundHalfAwayFromZero, roundTo } from "../rounding";
import { reasonsFor } from "../score";
import { tierFor } from "../tiers";
import { DAY_MS, timestampInto } from "../time";
import type { CellValue } from "../types";
import type { PreparedWorkbook } from "../workbook";
import { activitySummary, type LeadState, type SlotRule, type SlotTotals, slotTotals } from "./lead-state";

/** Lead rules whose value moves with time or with the activities: evaluated from the state at each run. */
const DYNAMIC = new Set(["activityCount", "daysSinceLastActivity", "daysSinceCreated"]);

export class ScoreModel {
  readonly matrix: BoundMatrix;
  readonly slots: SlotRule[];
  /** Indexes into matrix.bound of the lead rules kept as bits, and of those evaluated each run. */
  readonly staticRules: number[];
  readonly dynamicRules: number[];
  private readonly created: number;
  private readonly limMin: Float64Array;
  private readonly limMax: Float64Array;
  private readonly gradeGroup: number;
  private readonly reasonTexts: Map<number, string>[];

  constructor(readonly wb: PreparedWorkbook) {
    const { groupNames, settings } = wb;
    const groupIndex = new Map<string, number>();
    for (let i = 0; i < groupNames.length; i++) groupIndex.set(normalizeHeader(groupNames[i]), i);
    // A frame at time 0 binds the rules to this workbook's rows; its derived columns are never used here.
    const frame = leadFrame(wb, { asOf: new Date(0), timeZone: "UTC" });
    this.matrix = new BoundMatrix(wb, frame, groupIndex);
    const { bound, actRules } = this.matrix;
    this.slots = actRules.map((b) => ({
      maxCount: b.rule.maxCount,
      withinDays: b.rule.withinDays,
      halfLife: b.halfLife,
    }));
    this.staticRules = [];
    this.dynamicRules = [];
    bound.forEach((b, j) => {
      if (b.slot >= 0) return;
      const dynamic = b.rule.column < 0 && b.rule.derived !== null && DYNAMIC.has(b.rule.derived);
      (dynamic ? this.dynamicRules : this.staticRules).push(j);
    });
    this.created = findColumn(wb.leads.headers, "Created");
    const n = groupNames.length;
    this.limMin = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
    this.limMax = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    for (const l of settings.groupLimits) {
      const i = groupIndex.get(normalizeHeader(l.group));
      if (i === undefined) continue;
      if (l.min !== null) this.limMin[i] = l.min;
      if (l.max !== null) this.limMax[i] = l.max;
    }
    this.gradeGroup = groupIndex.get(normalizeHeader(settings.gradeGroup)) ?? -1;
    this.reasonTexts = actRules.map(() => new Map<number, string>());
  }

  /** The static lead rules grid row r of this workbook matches, as state bits. */
  leadBits(r: number): string {
    let bits = "";
    for (const j of this.staticRules) {
      const test = this.matrix.bound[j].test;
      bits += test === null || test(r) === MATCH ? "1" : "0";
    }
    return bits;
  }

  /** Grid row r's Created cell as epoch ms (NaN when there is no date), as Days Since Created reads it. */
  createdOf(r: number): number {
    if (this.created < 0) return Number.NaN;
    const out = new Float64Array(1);
    timestampInto(this.wb.leads.grid[r][this.created], this.wb.clock, out, 0);
    return out[0];
  }

  /** The activity rule slots that count Activity Log grid row `row` (indexed, with event id `event`). */
  matchedSlots(row: number, event: number): number[] {
    const { actRules } = this.matrix;
    const { events } = this.wb.activities;
    const out: number[] = [];
    for (const b of actRules) {
      if (b.rule.event !== "" && (event < 0 || events.get(b.rule.event) !== event)) continue;
      if (b.test === null || b.test(row) === MATCH) out.push(b.slot);
    }
    return out;
  }

  /**
   * Each lead's output cells at `asOf` (aligned with outputHeaders(groupNames)), computed from its state the
   * way scoreLeads computes them from the workbook: activity rules first counted per slot, then every
   * rule's value added to its group in matrix order, groups clamped and summed in group order.
   */
  outputs(states: readonly LeadState[], asOf: Date): CellValue[][] {
    const t = asOf.getTime();
    const { bound } = this.matrix;
    const dynamicMatch = this.dynamicMatches(states, t);
    const totals: SlotTotals = {
      count: new Int32Array(this.slots.length),
      weight: new Float64Array(this.slots.length),
    };
    const { settings, groupNames } = this.wb;
    const nGroups = groupNames.length;
    const raw = new Float64Array(nGroups);
    const contribRule = new Int32Array(bound.length);
    const contribValue = new Float64Array(bound.length);
    const floor = settings.scoreFloor ?? Number.NEGATIVE_INFINITY;
    const ceiling = settings.scoreCeiling ?? Number.POSITIVE_INFINITY;
    const staticAt = new Int32Array(bound.length).fill(-1);
    this.staticRules.forEach((j, i) => {
      staticAt[j] = i;
    });
    const dynamicAt = new Int32Array(bound.length).fill(-1);
    this.dynamicRules.forEach((j, i) => {
      dynamicAt[j] = i;
    });
    return states.map((state, i) => {
      slotTotals(state, this.slots, t, totals);
      raw.fill(0);
      let nc = 0;
      for (let j = 0; j < bound.length; j++) {
        const b: BoundRule = bound[j];
        let value: number;
        if (b.slot < 0) {
          const matched =
            staticAt[j] >= 0 ? state.leadBits[staticAt[j]] === "1" : dynamicMatch[dynamicAt[j]][i] === 1;
          if (!matched || b.rule.points === 0) continue;
          value = b.rule.points;
        } else {
          value = b.rule.points * totals.weight[b.slot];
          if (totals.count[b.slot] === 0 || value === 0) continue;
        }
        raw[b.group] += value;
        contribRule[nc] = j;
        contribValue[nc] = value;
        nc++;
      }
      const row: CellValue[] = [];
      let sum = 0;
      const shown: number[] = [];
      let gradeTotal = 0;
      let engagement = 0;
      for (let g = 0; g < nGroups; g++) {
        const total = Math.min(Math.max(raw[g], this.limMin[g]), this.limMax[g]);
        sum += total;
        shown.push(roundTo(total, 1));
        if (g === this.gradeGroup) gradeTotal = total;
        else engagement += total;
      }
      const score = Math.min(Math.max(roundHalfAwayFromZero(sum), floor), ceiling);
      const grade = this.gradeGroup >= 0 ? gradeFor(gradeTotal, settings.grades).name : "";
      const bands = settings.engagementBands;
      row.push(score, tierFor(score, settings.tiers).name, grade);
      // Priority as score.ts makes it: the grade, then the band of the other groups' total.
      if (bands.length > 0) row.push(grade !== "" ? grade + engagementBandFor(engagement, bands).name : "");
      row.push(...shown, reasonsFor(contribRule, contribValue, nc, bound, this.reasonTexts), asOf);
      return row;
    });
  }

  /** Per dynamic lead rule, 1 for each state whose derived value at `t` matches (one binding per rule). */
  private dynamicMatches(states: readonly LeadState[], t: number): Uint8Array[] {
    const values = new Map<string, Float64Array>();
    const valuesOf = (derived: string): Float64Array => {
      let v = values.get(derived);
      if (v) return v;
      v = new Float64Array(states.length);
      for (let i = 0; i < states.length; i++) {
        const s = states[i];
        if (derived === "daysSinceCreated")
          v[i] = Number.isNaN(s.created) ? Number.NaN : (t - s.created) / DAY_MS;
        else {
          const summary = activitySummary(s, t);
          v[i] = derived === "activityCount" ? summary.count : summary.daysSinceLast;
        }
      }
      values.set(derived, v);
      return v;
    };
    return this.dynamicRules.map((j) => {
      const rule = this.matrix.bound[j].rule;
      const match = new Uint8Array(states.length);
      if (rule.condition === null) return match.fill(1);
      const test = bindCondition(rule.condition, numberColumn(valuesOf(rule.derived as string)));
      for (let i = 0; i < states.length; i++) match[i] = test(i) === MATCH ? 1 : 0;
      return match;
    });
  }
}
