// Data validation rules: SpreadsheetApp.newDataValidation() … build(), and what getDataValidation returns.
import { DataValidationCriteria } from "../enums";
import type { Env } from "../env";
import type { ValidationData } from "./store";

export class DataValidation {
  constructor(
    private readonly env: Env,
    readonly _data: ValidationData,
  ) {}
  getCriteriaType(): string {
    return this._data.criteria;
  }
  getCriteriaValues(): unknown[] {
    return this.env.realm.plain([...this._data.args]);
  }
  getAllowInvalid(): boolean {
    return this._data.allowInvalid;
  }
  getHelpText(): string | null {
    return this._data.helpText;
  }
  copy(): DataValidationBuilder {
    return newDataValidation(this.env, { ...this._data, args: [...this._data.args] });
  }
}

export function validationFacade(env: Env, data: ValidationData): DataValidation {
  return env.wrap(new DataValidation(env, data), "DataValidation");
}

export class DataValidationBuilder {
  constructor(
    private readonly env: Env,
    private data: ValidationData = { criteria: "", args: [], allowInvalid: true, helpText: null },
  ) {}
  private criteria(criteria: string, ...args: unknown[]): this {
    this.data = { ...this.data, criteria, args };
    return this;
  }
  requireValueInList(values: unknown[], showDropdown = true): this {
    if (!Array.isArray(values)) throw new Error("requireValueInList needs an array of values");
    return this.criteria(DataValidationCriteria.VALUE_IN_LIST, [...values], showDropdown);
  }
  requireValueInRange(range: unknown, showDropdown = true): this {
    return this.criteria(DataValidationCriteria.VALUE_IN_RANGE, range, showDropdown);
  }
  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): this {
    const args =
      checkedValue === undefined
        ? []
        : uncheckedValue === undefined
          ? [checkedValue]
          : [checkedValue, uncheckedValue];
    return this.criteria(DataValidationCriteria.CHECKBOX, ...args);
  }
  requireNumberBetween(start: number, end: number): this {
    return this.criteria(DataValidationCriteria.NUMBER_BETWEEN, start, end);
  }
  requireNumberGreaterThan(n: number): this {
    return this.criteria(DataValidationCriteria.NUMBER_GREATER_THAN, n);
  }
  requireNumberGreaterThanOrEqualTo(n: number): this {
    return this.criteria(DataValidationCriteria.NUMBER_GREATER_THAN_OR_EQUAL_TO, n);
  }
  requireNumberLessThan(n: number): this {
    return this.criteria(DataValidationCriteria.NUMBER_LESS_THAN, n);
  }
  requireNumberLessThanOrEqualTo(n: number): this {
    return this.criteria(DataValidationCriteria.NUMBER_LESS_THAN_OR_EQUAL_TO, n);
  }
  requireTextIsEmail(): this {
    return this.criteria(DataValidationCriteria.TEXT_IS_VALID_EMAIL);
  }
  requireTextIsUrl(): this {
    return this.criteria(DataValidationCriteria.TEXT_IS_VALID_URL);
  }
  requireDate(): this {
    return this.criteria(DataValidationCriteria.DATE_IS_VALID_DATE);
  }
  requireFormulaSatisfied(formula: string): this {
    return this.criteria(DataValidationCriteria.CUSTOM_FORMULA, formula);
  }
  withCriteria(criteria: string, args: unknown[]): this {
    return this.criteria(criteria, ...args);
  }
  setAllowInvalid(allow: boolean): this {
    this.data = { ...this.data, allowInvalid: !!allow };
    return this;
  }
  setHelpText(text: string): this {
    this.data = { ...this.data, helpText: String(text) };
    return this;
  }
  getCriteriaType(): string {
    return this.data.criteria;
  }
  getCriteriaValues(): unknown[] {
    return [...this.data.args];
  }
  getAllowInvalid(): boolean {
    return this.data.allowInvalid;
  }
  getHelpText(): string | null {
    return this.data.helpText;
  }
  build(): DataValidation {
    if (!this.data.criteria) throw new Error("The data validation rule has no criteria.");
    return validationFacade(this.env, { ...this.data });
  }
  copy(): DataValidationBuilder {
    return newDataValidation(this.env, { ...this.data });
  }
}

export function newDataValidation(env: Env, data?: ValidationData): DataValidationBuilder {
  return env.wrap(new DataValidationBuilder(env, data), "DataValidationBuilder");
}
