// Account scores in the sheet, through the built dist/Code.js: the Accounts tab a full run writes, and the
// user's own tab of that name left alone.
import { describe, expect, it } from "vitest";
import type { PendingNotification } from "../../src/contract";
import { scoreWorkbook } from "../../src/core";
import { ACCOUNT_HEADERS, rollUpAccounts } from "../../src/core/accounts";
import { TAB } from "../../src/core/types";
import { DEFAULT_END } from "../../src/demo";
import { DAY, HOUR, scenario } from "../notifications/helpers";
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

describe("account alerts", () => {
  it("announce an account entering a notify tier once, to its top lead's owner, in an email like the lead one", () => {
    const s = scenario([
      { email: "ann@acme.com", first: "Ann", title: "VP Sales", company: "Acme", owner: "maya@example.com" },
      { email: "bob@acme.com", first: "Bob", company: " ACME ", owner: "jordan@example.com" },
      { email: "cy@beta.com", first: "Cy", company: "Beta" },
    ]);
    s.runtime.peek(() =>
      s.runtime.spreadsheet.getSheetByName("Settings")!.appendRow(["Account key", "Company"]),
    );
    s.script.call("setSchedule", { kind: "daily", atHour: 8 });
    s.runtime.advanceAndRun(HOUR); // the baseline: Acme is Warm (Ann's fit 50)
    expect(
      s
        .values("Accounts")
        .slice(1)
        .map((r) => [r[0], r[5], r[6]]),
    ).toEqual([
      ["Acme", 50, "Warm"],
      ["Beta", 0, "Cold"],
    ]);
    // Bob (no fit) engages: Hot himself (40 × decay + 30 = 67 a day later), and Acme = 50 + 67.4 → 100, Sales-ready.
    s.activity("bob@acme.com", "Demo Request");
    s.activity("bob@acme.com", "Webinar Attended");
    s.runtime.advanceAndRun(DAY);
    expect(s.runtime.outbox).toHaveLength(1);
    const mail = s.runtime.outbox[0];
    expect(mail.to).toEqual(["jordan@example.com"]);
    expect(mail.subject).toBe("Leadscore: account Acme reached Sales-ready (score 100)");
    expect(mail.body).toContain("Fit 50 · Engagement 67.4 · 1 of 2 leads engaged");
    expect(mail.body).toMatch(
      /Top leads:\n {2}- Bob Doe <bob@acme.com> · 67 Hot\n {2}- Ann Doe <ann@acme.com> · 50 Warm/,
    );
    expect(mail.htmlBody).toContain("#gid=");
    // Still Sales-ready the next days: no second email.
    s.runtime.advanceAndRun(DAY);
    s.runtime.advanceAndRun(DAY);
    expect(s.runtime.outbox).toHaveLength(1);
    expect(s.values("Accounts")[1].slice(0, 7)).toEqual([
      "Acme",
      2,
      1,
      50,
      expect.any(Number),
      100,
      "Sales-ready",
    ]);
  });
});

describe("pending account alerts", () => {
  it("wait in the sidebar's pending list, marked as accounts, until they are sent", () => {
    const s = scenario([
      { email: "ann@acme.com", title: "VP Sales", company: "Acme", owner: "maya@example.com" },
      { email: "bob@acme.com", company: "Acme", owner: "jordan@example.com" },
    ]);
    s.runtime.peek(() =>
      s.runtime.spreadsheet.getSheetByName("Settings")!.appendRow(["Account key", "Company"]),
    );
    s.script.call("setSchedule", { kind: "daily", atHour: 8 });
    s.runtime.advanceAndRun(HOUR);
    s.activity("bob@acme.com", "Demo Request");
    s.activity("bob@acme.com", "Webinar Attended");
    s.runtime.mail.consume(100); // no email left today: Acme's alert waits
    s.runtime.advanceAndRun(DAY);
    expect(s.runtime.outbox).toHaveLength(0);
    const pending = () =>
      (s.runtime.peek(() => s.script.call("getSidebarState")) as { pending: PendingNotification[] }).pending;
    expect(pending()).toEqual([
      { key: "acme", name: "Acme", tier: "Sales-ready", score: 100, account: true },
    ]);
    s.runtime.advanceAndRun(DAY);
    expect(s.runtime.outbox.map((m) => m.subject)).toEqual([expect.stringContaining("account Acme")]);
    expect(pending()).toEqual([]);
  });
});

describe("account alerts across a failure", () => {
  it("a crash between sendEmail and recording it sends no second account email on the retry", () => {
    const s = scenario([
      { email: "ann@acme.com", title: "VP Sales", company: "Acme" },
      { email: "bob@acme.com", company: "Acme" },
    ]);
    s.runtime.peek(() => {
      const settings = s.runtime.spreadsheet.getSheetByName("Settings")!;
      settings.appendRow(["Account key", "Company"]);
    });
    s.script.call("setSchedule", { kind: "daily", atHour: 8 });
    s.runtime.advanceAndRun(HOUR);
    s.activity("bob@acme.com", "Demo Request");
    s.activity("bob@acme.com", "Webinar Attended");
    s.runtime.advanceAndRun(DAY - 2 * HOUR);
    const onCall = s.runtime.calls.onCall;
    let armedOnce = false;
    s.runtime.calls.onCall = (name) => {
      onCall?.(name);
      if (name === "MailApp.sendEmail" && !armedOnce) {
        armedOnce = true;
        s.runtime.failAfter(1, undefined, "Injected: crash after send");
      }
    };
    const [run] = s.runtime.advanceAndRun(2 * HOUR, { throwOnError: false });
    expect(String(run.error)).toMatch(/crash after send/);
    expect(s.runtime.outbox.map((m) => m.subject)).toEqual([expect.stringContaining("account Acme")]);
    s.runtime.clock.advance(60_000);
    s.script.call("scheduledRun"); // the retry
    const note = JSON.parse(s.runtime.properties.document.get("leadscore.lastRun")!).note;
    expect(note).toMatch(/1 account alert from an interrupted run may not have been delivered/);
    s.runtime.advanceAndRun(DAY);
    expect(s.runtime.outbox).toHaveLength(1);
  });
});

describe("accounts in Explain and the sidebar", () => {
  it("Explain selected lead names the lead's account; the sidebar explains it and looks an account up", () => {
    const tabs = demoTabs();
    const { runtime, script } = loadAddon(tabs);
    const input = inputOf(tabs);
    const run = scoreWorkbook(input, { asOf: DEFAULT_END, timeZone: "UTC" });
    const rollUp = rollUpAccounts(input, run)!;
    const acme = rollUp.accounts[0];
    const lead = run.leads.find((l) => l.sheetRow === acme.rows[0])!;

    runtime.peek(() => {
      const sheet = runtime.spreadsheet.getSheetByName(TAB.leads)!;
      sheet.activate();
      sheet.getRange(lead.sheetRow, 1).activate();
    });
    script.call("menuExplainSelectedLead");
    const dialog = runtime.ui.dialogs.at(-1)!;
    expect(dialog.html).toContain(`Account <b>${acme.name}</b> (Company): Score <b>${acme.score}</b>`);
    expect(dialog.html).toContain(`#1 of ${rollUp.accounts.length} accounts`);

    const explained = script.call("explainLead", lead.key) as { account: { name: string; rank: number } };
    expect(explained.account).toMatchObject({ name: acme.name, rank: 1, score: acme.score });
    const found = script.call("lookupAccounts", ` ${acme.name.toUpperCase()} `) as {
      name: string;
      members: { key: string; score: number }[];
    }[];
    expect(found[0].name).toBe(acme.name);
    expect(found[0].members.map((m) => m.key)).toContain(acme.topLead);
    expect(found[0].members[0].score).toBe(acme.topLeadScore);
  });
});
