// The menu and "Set up workbook" through dist/Code.js: the menu appears even in AuthMode.NONE, and setup
// on a blank spreadsheet is idempotent.
import { describe, expect, it } from "vitest";
import { TAB } from "../../src/core/types";
import { loadAddon } from "./helpers";

const MENU = [
  "Set up workbook",
  "Score all leads now",
  "Open sidebar",
  "Explain selected lead",
  "Check the matrix",
  "Turn automatic scoring on/off",
];

describe("menu", () => {
  it("adds every menu item on open, with no service needing authorization (AuthMode.NONE)", () => {
    const { runtime } = loadAddon([]);
    const runs = runtime.fireOpen("NONE");
    expect(runs.every((r) => r.error === undefined)).toBe(true);
    expect(runtime.ui.menuItems().map((i) => i.caption)).toEqual(MENU);
    for (const item of runtime.ui.menuItems()) expect(runtime.script?.has(item.functionName)).toBe(true);
  });

  it("opens the sidebar from dist/sidebar.html", () => {
    const { runtime } = loadAddon([]);
    runtime.fireOpen();
    runtime.clickMenu("Open sidebar");
    const shown = runtime.ui.shown.at(-1)!;
    expect(shown.kind).toBe("sidebar");
    expect(shown.title).toBe("Leadscore");
    expect(shown.html).toContain("<script");
  });
});

describe("Set up workbook", () => {
  it("creates the tabs on a blank spreadsheet, then changes nothing on a second run", () => {
    const { runtime } = loadAddon([]);
    runtime.fireOpen();
    runtime.clickMenu("Set up workbook");
    for (const name of [TAB.leads, TAB.activities, TAB.matrix, TAB.settings, TAB.lists]) {
      expect(runtime.sheetNames()).toContain(name);
    }
    expect(runtime.ui.toasts.at(-1)?.message).toMatch(/^Created: /);
    const state = () => runtime.sheetNames().map((n) => runtime.inspect(n));
    const first = state();
    runtime.calls.reset();
    runtime.clickMenu("Set up workbook");
    expect(state()).toEqual(first);
    expect(runtime.ui.toasts.at(-1)?.message).toMatch(/Nothing changed/);
    expect(runtime.calls.total(/\.(set|insert|protect|clear|delete|append)/)).toBe(0);
  });

  it("scores an empty set-up workbook without problems, then a lead typed in", () => {
    const { runtime } = loadAddon([]);
    runtime.fireOpen();
    runtime.clickMenu("Set up workbook");
    runtime.clickMenu("Score all leads now");
    expect(runtime.ui.toasts.at(-1)?.message).toMatch(/^Scored 0 leads/);
    runtime.edit(`${TAB.leads}!A2:D2`, [["ceo@bigcorp.com", "Ada", "Lovelace", "CEO"]]);
    runtime.clickMenu("Score all leads now");
    expect(runtime.ui.toasts.at(-1)?.message).toMatch(/^Scored 1 lead: /);
  });
});
