// Account scores in the sheet, through the built dist/Code.js: the Accounts tab a full run writes, and the
// user's own tab of that name left alone.
import { describe, expect, it } from "vitest";
import { scoreWorkbook } from "../../src/core";
import { ACCOUNT_HEADERS, rollUpAccounts } from "../../src/core/accounts";
import { TAB } from "../../src/core/types";
import { DEFAULT_END } from "../../src/demo";
import { demoTabs, inputOf, loadAddon, plain } from "./helpers";

describe("Accounts tab", () => {
  it("Score all leads now writes one row per account, as the engine rolls them up, highest Score first", () => {
    const tabs = demoTabs();
    const { runtime, script } = loadAddon(tabs);
    script.call("menuScoreAll");

    const input = inputOf(tabs);
    const rollUp = rollUpAccounts(input, scoreWorkbook(input, { asOf: DEFAULT_END, timeZone: "UTC" }))!;
    const sheet = runtime.values("Accounts");
    expect(sheet[0]).toEqual([...ACCOUNT_HEADERS]);
    expect(sheet.length - 1).toBe(rollUp.accounts.length);
    expect(rollUp.accounts.length).toBeGreaterThan(100);
    const rows = sheet.slice(1).map((r) => r.map(plain));
    rollUp.accounts.forEach((a, i) => {
      expect(rows[i]).toEqual([
        a.name,
        a.rows.length,
        a.engagedLeads,
        Math.round(a.fit * 10) / 10,
        Math.round(a.engagement * 10) / 10,
        a.score,
        a.tier,
        a.topLead,
        DEFAULT_END.toISOString(),
      ]);
    });
    const scores = rows.map((r) => r[5] as number);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });

  it("shrinks with the workbook: a second run leaves no row of the first", () => {
    const tabs = demoTabs();
    const { runtime, script } = loadAddon(tabs);
    script.call("menuScoreAll");
    const before = runtime.values("Accounts").length;
    runtime.peek(() => runtime.spreadsheet.getSheetByName(TAB.leads)!.deleteRows(3, 1500));
    script.call("menuScoreAll");
    const after = runtime.values("Accounts");
    expect(after.length).toBeLessThan(before);
    expect(after.every((r) => r[0] !== "")).toBe(true);
  });

  it("never clears a tab named Accounts that is not Leadscore's, and says so on the Problems tab", () => {
    const tabs = demoTabs();
    const mine = [
      ["Customer", "Owner"],
      ["Acme", "ana@example.com"],
    ];
    tabs.push({ name: "Accounts", values: mine });
    const { runtime, script } = loadAddon(tabs);
    script.call("menuScoreAll");
    expect(runtime.values("Accounts")).toEqual(mine);
    const problems = runtime.values("Problems");
    expect(problems.some((p) => p[1] === "Accounts" && String(p[4]).includes("not Leadscore's"))).toBe(true);
  });
});
