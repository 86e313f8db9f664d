// Conditional format rules: SpreadsheetApp.newConditionalFormatRule() … build(); a sheet stores the list.
import { BooleanCriteria } from "../enums";
import type { Env } from "../env";
import { type RangeMaker, type RangeRef, type SheetRect, sheetRect } from "./contracts";

export interface RuleData {
  criteria: string;
  args: unknown[];
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
  ranges: SheetRect[];
}

const emptyRule = (): RuleData => ({
  criteria: "",
  args: [],
  background: null,
  fontColor: null,
  bold: null,
  italic: null,
  ranges: [],
});

export class BooleanCondition {
  constructor(private readonly data: RuleData) {}
  getCriteriaType(): string {
    return this.data.criteria;
  }
  getCriteriaValues(): unknown[] {
    return [...this.data.args];
  }
  getBackground(): string | null {
    return this.data.background;
  }
  getFontColor(): string | null {
    return this.data.fontColor;
  }
  getBold(): boolean | null {
    return this.data.bold;
  }
  getItalic(): boolean | null {
    return this.data.italic;
  }
}

export class ConditionalFormatRule {
  constructor(
    private readonly env: Env,
    readonly _data: RuleData,
    private readonly makeRange: RangeMaker,
  ) {}
  getBooleanCondition(): BooleanCondition {
    return this.env.wrap(new BooleanCondition(this._data), "BooleanCondition");
  }
  getRanges(): unknown[] {
    return this.env.realm.plain(this._data.ranges.map(this.makeRange));
  }
  copy(): ConditionalFormatRuleBuilder {
    return newConditionalFormatRule(this.env, this.makeRange, cloneRule(this._data));
  }
}

export function cloneRule(d: RuleData): RuleData {
  return { ...d, args: [...d.args], ranges: d.ranges.map((r) => ({ ...r })) };
}

export function ruleFacade(env: Env, data: RuleData, makeRange: RangeMaker): ConditionalFormatRule {
  return env.wrap(new ConditionalFormatRule(env, data, makeRange), "ConditionalFormatRule");
}

export class ConditionalFormatRuleBuilder {
  constructor(
    private readonly env: Env,
    private readonly makeRange: RangeMaker,
    private data: RuleData = emptyRule(),
  ) {}
  private when(criteria: string, ...args: unknown[]): this {
    this.data.criteria = criteria;
    this.data.args = args;
    return this;
  }
  whenCellEmpty(): this {
    return this.when(BooleanCriteria.CELL_EMPTY);
  }
  whenCellNotEmpty(): this {
    return this.when(BooleanCriteria.CELL_NOT_EMPTY);
  }
  whenTextEqualTo(text: string): this {
    return this.when(BooleanCriteria.TEXT_EQUAL_TO, text);
  }
  whenTextContains(text: string): this {
    return this.when(BooleanCriteria.TEXT_CONTAINS, text);
  }
  whenTextDoesNotContain(text: string): this {
    return this.when(BooleanCriteria.TEXT_DOES_NOT_CONTAIN, text);
  }
  whenTextStartsWith(text: string): this {
    return this.when(BooleanCriteria.TEXT_STARTS_WITH, text);
  }
  whenTextEndsWith(text: string): this {
    return this.when(BooleanCriteria.TEXT_ENDS_WITH, text);
  }
  whenNumberGreaterThan(n: number): this {
    return this.when(BooleanCriteria.NUMBER_GREATER_THAN, n);
  }
  whenNumberGreaterThanOrEqualTo(n: number): this {
    return this.when(BooleanCriteria.NUMBER_GREATER_THAN_OR_EQUAL_TO, n);
  }
  whenNumberLessThan(n: number): this {
    return this.when(BooleanCriteria.NUMBER_LESS_THAN, n);
  }
  whenNumberLessThanOrEqualTo(n: number): this {
    return this.when(BooleanCriteria.NUMBER_LESS_THAN_OR_EQUAL_TO, n);
  }
  whenNumberBetween(a: number, b: number): this {
    return this.when(BooleanCriteria.NUMBER_BETWEEN, a, b);
  }
  whenNumberEqualTo(n: number): this {
    return this.when(BooleanCriteria.NUMBER_EQUAL_TO, n);
  }
  whenFormulaSatisfied(formula: string): this {
    return this.when(BooleanCriteria.CUSTOM_FORMULA, formula);
  }
  withCriteria(criteria: string, args: unknown[]): this {
    return this.when(criteria, ...args);
  }
  setBackground(color: string | null): this {
    this.data.background = color;
    return this;
  }
  setFontColor(color: string | null): this {
    this.data.fontColor = color;
    return this;
  }
  setBold(bold: boolean | null): this {
    this.data.bold = bold;
    return this;
  }
  setItalic(italic: boolean | null): this {
    this.data.italic = italic;
    return this;
  }
  setRanges(ranges: unknown[]): this {
    if (!Array.isArray(ranges)) throw new Error("setRanges needs an array of ranges");
    this.data.ranges = ranges.map((r) => sheetRect(r as RangeRef));
    return this;
  }
  getRanges(): unknown[] {
    return this.data.ranges.map(this.makeRange);
  }
  build(): ConditionalFormatRule {
    if (!this.data.criteria) throw new Error("The conditional format rule has no condition.");
    return ruleFacade(this.env, cloneRule(this.data), this.makeRange);
  }
  copy(): ConditionalFormatRuleBuilder {
    return newConditionalFormatRule(this.env, this.makeRange, cloneRule(this.data));
  }
}

export function newConditionalFormatRule(
  env: Env,
  makeRange: RangeMaker,
  data?: RuleData,
): ConditionalFormatRuleBuilder {
  return env.wrap(new ConditionalFormatRuleBuilder(env, makeRange, data), "ConditionalFormatRuleBuilder");
}
