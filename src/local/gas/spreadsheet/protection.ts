// Protected ranges and sheets. The local user owns the spreadsheet, so protection never blocks a script
// write; it is recorded so tests can check what the add-on protected and how.
import { ProtectionType } from "../enums";
import type { Env } from "../env";

export interface ProtectionData {
  type: "RANGE" | "SHEET";
  sheet: {
    _proxy: unknown;
    _range(row: number, column: number, numRows: number, numColumns: number): unknown;
  };
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
  description: string;
  warningOnly: boolean;
  editors: string[];
  domainEdit: boolean;
  unprotected: unknown[];
  removed: boolean;
}

export class Protection {
  constructor(
    private readonly env: Env,
    readonly _data: ProtectionData,
    private readonly all: ProtectionData[],
  ) {}
  getProtectionType(): string {
    return this._data.type === "SHEET" ? ProtectionType.SHEET : ProtectionType.RANGE;
  }
  getRange(): unknown {
    const d = this._data;
    return d.sheet._range(d.row, d.column, d.numRows, d.numColumns);
  }
  setDescription(description: string): this {
    this._data.description = String(description);
    return this;
  }
  getDescription(): string {
    return this._data.description;
  }
  setWarningOnly(warningOnly: boolean): this {
    this._data.warningOnly = !!warningOnly;
    return this;
  }
  isWarningOnly(): boolean {
    return this._data.warningOnly;
  }
  addEditor(email: string | { getEmail(): string }): this {
    const e = typeof email === "string" ? email : email.getEmail();
    if (!this._data.editors.includes(e)) this._data.editors.push(e);
    return this;
  }
  addEditors(emails: string[]): this {
    for (const e of emails) this.addEditor(e);
    return this;
  }
  removeEditor(email: string | { getEmail(): string }): this {
    const e = typeof email === "string" ? email : email.getEmail();
    this._data.editors = this._data.editors.filter((x) => x !== e);
    return this;
  }
  removeEditors(emails: string[]): this {
    for (const e of emails) this.removeEditor(e);
    return this;
  }
  getEditors(): unknown[] {
    const owner = this.env.options.user;
    const emails = [owner, ...this._data.editors.filter((e) => e !== owner)];
    return this.env.realm.plain(emails.map((e) => userFacade(this.env, e)));
  }
  setDomainEdit(editable: boolean): this {
    this._data.domainEdit = !!editable;
    return this;
  }
  canDomainEdit(): boolean {
    return this._data.domainEdit;
  }
  canEdit(): boolean {
    return true;
  }
  setUnprotectedRanges(ranges: unknown[]): this {
    if (this._data.type !== "SHEET") throw new Error("Unprotected ranges apply to sheet protections only.");
    this._data.unprotected = [...ranges];
    return this;
  }
  getUnprotectedRanges(): unknown[] {
    return this.env.realm.plain([...this._data.unprotected]);
  }
  remove(): void {
    this._data.removed = true;
    const i = this.all.indexOf(this._data);
    if (i >= 0) this.all.splice(i, 1);
  }
}

export function protectionFacade(env: Env, data: ProtectionData, all: ProtectionData[]): Protection {
  return env.wrap(new Protection(env, data, all), "Protection");
}

export class User {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
  getUserLoginId(): string {
    return this.email;
  }
}

export function userFacade(env: Env, email: string): User {
  return env.wrap(new User(email), "User");
}
