// SpreadsheetApp.getUi(): menus, alerts, prompts, sidebars and dialogs — all recorded in a UiLog that tests
// inspect, with scripted answers for alerts and prompts.
import { Button, ButtonSet } from "./enums";
import type { Env } from "./env";
import type { HtmlOutput } from "./html";

export type MenuEntry =
  | { kind: "item"; caption: string; functionName: string }
  | { kind: "separator" }
  | { kind: "submenu"; menu: MenuRecord };

export interface MenuRecord {
  title: string;
  addon: boolean;
  items: MenuEntry[];
}

export interface Toast {
  message: string;
  title: string;
  timeoutSeconds: number;
  at: Date;
}

export interface AlertRecord {
  title: string;
  prompt: string;
  buttons: string;
  answer: string;
}

export interface PromptRecord extends AlertRecord {
  response: string;
}

export interface HtmlShown {
  kind: "sidebar" | "modal" | "modeless";
  title: string;
  html: string;
  width: number | null;
  height: number | null;
  at: Date;
}

export class UiLog {
  /** Menus as added with addToUi(), the latest version per title. */
  menus: MenuRecord[] = [];
  toasts: Toast[] = [];
  alerts: AlertRecord[] = [];
  prompts: PromptRecord[] = [];
  /** Every sidebar and dialog shown, in order. */
  shown: HtmlShown[] = [];
  private answers: string[] = [];
  private responses: { button: string; text: string }[] = [];

  get sidebars(): HtmlShown[] {
    return this.shown.filter((s) => s.kind === "sidebar");
  }
  get dialogs(): HtmlShown[] {
    return this.shown.filter((s) => s.kind !== "sidebar");
  }
  lastToast(): Toast | undefined {
    return this.toasts[this.toasts.length - 1];
  }
  /** Queues the buttons the next alerts answer with (default: OK, or YES for yes/no alerts). */
  answerAlerts(...buttons: string[]): void {
    this.answers.push(...buttons);
  }
  /** Queues the next prompt's answer. */
  answerPrompt(text: string, button = "OK"): void {
    this.responses.push({ button, text });
  }
  _nextAnswer(buttons: string): string {
    const a = this.answers.shift();
    if (a) return a;
    return buttons.startsWith("YES") ? Button.YES : Button.OK;
  }
  _nextResponse(): { button: string; text: string } {
    return this.responses.shift() ?? { button: Button.OK, text: "" };
  }
  /** All menu items (submenus flattened), e.g. to find the function behind a caption. */
  menuItems(): { caption: string; functionName: string; menu: string }[] {
    const out: { caption: string; functionName: string; menu: string }[] = [];
    const walk = (m: MenuRecord) => {
      for (const e of m.items) {
        if (e.kind === "item") out.push({ caption: e.caption, functionName: e.functionName, menu: m.title });
        else if (e.kind === "submenu") walk(e.menu);
      }
    };
    this.menus.forEach(walk);
    return out;
  }
  clear(): void {
    this.menus = [];
    this.toasts = [];
    this.alerts = [];
    this.prompts = [];
    this.shown = [];
  }
}

export class Menu {
  readonly _record: MenuRecord;
  constructor(
    private readonly log: UiLog,
    title: string,
    addon: boolean,
  ) {
    this._record = { title, addon, items: [] };
  }
  addItem(caption: string, functionName: string): this {
    this._record.items.push({ kind: "item", caption: String(caption), functionName: String(functionName) });
    return this;
  }
  addSeparator(): this {
    this._record.items.push({ kind: "separator" });
    return this;
  }
  addSubMenu(menu: Menu): this {
    this._record.items.push({ kind: "submenu", menu: (menu as Menu)._record });
    return this;
  }
  addToUi(): void {
    const i = this.log.menus.findIndex(
      (m) => m.title === this._record.title && m.addon === this._record.addon,
    );
    const copy = JSON.parse(JSON.stringify(this._record)) as MenuRecord;
    if (i >= 0) this.log.menus[i] = copy;
    else this.log.menus.push(copy);
  }
}

class PromptResponse {
  constructor(
    private readonly button: string,
    private readonly text: string,
  ) {}
  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): string {
    return this.button;
  }
}

/** The overloads of alert and prompt: (prompt), (prompt, buttons) or (title, prompt, buttons). */
function dialogArgs(a: string, b?: string, c?: string): { title: string; prompt: string; buttons: string } {
  if (c !== undefined) return { title: String(a), prompt: String(b), buttons: c };
  return { title: "", prompt: String(a), buttons: b ?? ButtonSet.OK };
}

export class Ui {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  constructor(
    private readonly env: Env,
    private readonly log: UiLog,
    private readonly addonTitle: () => string,
  ) {}
  createMenu(caption: string): Menu {
    return this.env.wrap(new Menu(this.log, String(caption), false), "Menu");
  }
  /** The add-on menu lives under Extensions ▸ <add-on name>. */
  createAddonMenu(): Menu {
    return this.env.wrap(new Menu(this.log, this.addonTitle(), true), "Menu");
  }
  /** alert(prompt), alert(prompt, buttons) or alert(title, prompt, buttons). */
  alert(a: string, b?: string, c?: string): string {
    const { title, prompt, buttons } = dialogArgs(a, b, c);
    const answer = this.log._nextAnswer(buttons);
    this.log.alerts.push({ title, prompt, buttons, answer });
    return answer;
  }
  /** prompt(prompt), prompt(prompt, buttons) or prompt(title, prompt, buttons). */
  prompt(a: string, b?: string, c?: string): PromptResponse {
    const { title, prompt, buttons } = dialogArgs(a, b, c);
    const r = this.log._nextResponse();
    this.log.prompts.push({ title, prompt, buttons, answer: r.button, response: r.text });
    return this.env.wrap(new PromptResponse(r.button, r.text), "PromptResponse");
  }
  private show(kind: HtmlShown["kind"], output: HtmlOutput, title?: string): void {
    const o = output as HtmlOutput;
    if (!o || typeof o._snapshot !== "function") throw new Error("Expected an HtmlOutput");
    const s = o._snapshot();
    this.log.shown.push({
      kind,
      title: title ?? s.title,
      html: s.html,
      width: s.width,
      height: s.height,
      at: this.env.clock.date(),
    });
  }
  showSidebar(output: HtmlOutput): void {
    this.show("sidebar", output);
  }
  showModalDialog(output: HtmlOutput, title: string): void {
    this.show("modal", output, String(title));
  }
  showModelessDialog(output: HtmlOutput, title: string): void {
    this.show("modeless", output, String(title));
  }
}
