// Account roll-up: the fast path (src/core/accounts.ts) against a plain reference written from the
// documented rules, on random workbooks; and the worked example of docs/scoring.md.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rollUpAccounts } from "../../src/core/accounts";
import type { CellValue, Grid, ScoreRun, WorkbookInput } from "../../src/core/index";
import { FREE_EMAIL_DOMAINS } from "../../src/core/index";
import { matrix, score, settingsKV } from "./helpers";
import { accountWorkbook } from "./workbook-arbitrary";

interface RefAccount {
  name: string;
  leads: number;
  engaged: number;
  fit: number;
  engagement: number;
  score: number;
  topLead: string;
}

const text = (v: CellValue | undefined) => (v === null || v === undefined ? "" : String(v).trim());

function settingOf(settings: Grid, name: string): CellValue {
  let found: CellValue = "";
  for (const row of settings.slice(1)) if (text(row[0]).toLowerCase() === name) found = row[1];
  return found;
}

/** Straightforward loops over the documented rules; the lead scores themselves come from the run. */
function reference(input: WorkbookInput, run: ScoreRun): RefAccount[] | null {
  const settings = input.settings ?? [];
  const keySetting = text(settingOf(settings, "account key")).toLowerCase();
  if (keySetting === "") return null;
  const header = input.leads[0].map((h) => text(h).toLowerCase());
  const byDomain = !header.includes(keySetting) && keySetting === "email domain";
  const col = byDomain ? header.indexOf("email") : header.indexOf(keySetting);
  const free = input.lists
    ? input.lists
        .slice(1)
        .map((r) => text(r[input.lists![0].indexOf("Free email")]).toLowerCase())
        .filter(Boolean)
    : FREE_EMAIL_DOMAINS;
  const maxCell = settingOf(settings, "account engagement max");
  const cap = typeof maxCell === "number" ? maxCell : null;
  const gradeName = text(settingOf(settings, "grade group")) || "Fit";
  const floor = run.settings.scoreFloor;
  const ceiling = run.settings.scoreCeiling;

  const names: string[] = [];
  const members: ScoreRun["leads"][] = [];
  const seen: string[] = [];
  for (const lead of run.leads) {
    if (seen.includes(lead.key.toLowerCase())) continue;
    seen.push(lead.key.toLowerCase());
    const cell = text(input.leads[lead.sheetRow - 1][col]);
    let name = cell;
    if (byDomain) {
      name = cell.includes("@") ? cell.slice(cell.lastIndexOf("@") + 1).toLowerCase() : "";
      if (free.includes(name)) name = "";
    }
    if (name === "") continue;
    const i = names.findIndex((n) => n.toLowerCase() === name.toLowerCase());
    if (i < 0) {
      names.push(name);
      members.push([lead]);
    } else members[i].push(lead);
  }
  const out: RefAccount[] = names.map((name, i) => {
    let fit = -Infinity;
    let engagement = 0;
    let engaged = 0;
    let top = members[i][0];
    for (const lead of members[i]) {
      let leadFit = 0;
      let leadEngagement = 0;
      for (const g of lead.groups) {
        if (g.group.toLowerCase() === gradeName.toLowerCase()) leadFit = g.total;
        else leadEngagement += g.total;
      }
      fit = Math.max(fit, leadFit);
      engagement += leadEngagement;
      if (leadEngagement > 0) engaged++;
      if (lead.score > top.score) top = lead;
    }
    if (cap !== null && engagement > cap) engagement = cap;
    const sum = fit + engagement;
    let s = Math.sign(sum) * Math.floor(Math.abs(sum) + 0.5 + 1e-9);
    if (floor !== null && s < floor) s = floor;
    if (ceiling !== null && s > ceiling) s = ceiling;
    return {
      name,
      leads: members[i].length,
      engaged,
      fit,
      engagement,
      score: s === 0 ? 0 : s,
      topLead: top.key,
    };
  });
  // Score descending, first appearance among equals: a plain insertion sort.
  const sorted: RefAccount[] = [];
  for (const a of out) {
    let at = sorted.length;
    while (at > 0 && sorted[at - 1].score < a.score) at--;
    sorted.splice(at, 0, a);
  }
  return sorted;
}

describe("account roll-up", () => {
  it("agrees with a plain reference on random workbooks", () => {
    fc.assert(
      fc.property(accountWorkbook, ({ input }) => {
        const run = score(input);
        const fast = rollUpAccounts(input, run);
        const ref = reference(input, run);
        if (ref === null) {
          expect(fast).toBeNull();
          return;
        }
        expect(fast).not.toBeNull();
        const got = fast!.accounts.map((a) => ({
          name: a.name,
          leads: a.rows.length,
          engaged: a.engagedLeads,
          fit: a.fit,
          engagement: a.engagement,
          score: a.score === 0 ? 0 : a.score,
          topLead: a.topLead,
        }));
        expect(got.length).toBe(ref.length);
        got.forEach((a, i) => {
          expect(a.name).toBe(ref[i].name);
          expect(a.leads).toBe(ref[i].leads);
          expect(a.engaged).toBe(ref[i].engaged);
          expect(a.fit).toBeCloseTo(ref[i].fit, 9);
          expect(a.engagement).toBeCloseTo(ref[i].engagement, 9);
          expect(a.score).toBe(ref[i].score);
          expect(a.topLead).toBe(ref[i].topLead);
        });
        for (const a of fast!.accounts) {
          expect(a.tier).toBe(
            run.settings.tiers.filter((t) => t.minScore <= a.score).pop()?.name ?? run.settings.tiers[0].name,
          );
          for (const row of a.rows) expect(fast!.bySheetRow.get(row)).toBe(a);
        }
      }),
      { numRuns: 300 },
    );
  });

  // The worked example of docs/scoring.md, "Accounts".
  const example: WorkbookInput = {
    leads: [
      ["Email", "Company", "Title"],
      ["ana@acme.com", "Acme", "VP Sales"],
      ["bo@acme.com", " ACME ", "Engineer"],
      ["cy@globex.io", "Globex", "VP Sales"],
      ["di@gmail.com", "", "VP Sales"],
    ],
    activities: [
      ["Timestamp", "Email", "Event", "Detail"],
      ["2024-05-31T00:00:00Z", "ana@acme.com", "Demo Request", ""],
      ["2024-05-31T00:00:00Z", "bo@acme.com", "Demo Request", ""],
      ["2024-05-31T00:00:00Z", "bo@acme.com", "Webinar", ""],
    ],
    matrix: matrix(
      { group: "Fit", source: "Lead", field: "Title", op: "contains", value: "VP", points: 30 },
      { group: "Fit", source: "Lead", field: "Title", op: "contains", value: "Engineer", points: 10 },
      { group: "Engagement", source: "Activity", event: "Demo Request", points: 25 },
      { group: "Engagement", source: "Activity", event: "Webinar", points: 15 },
    ),
    settings: settingsKV({ "Account key": "Company", "Account engagement max": 60, "Half-life days": "" }),
  };

  it("computes the documented worked example", () => {
    const run = score(example);
    const rollUp = rollUpAccounts(example, run)!;
    expect(
      rollUp.accounts.map((a) => [
        a.name,
        a.rows.length,
        a.engagedLeads,
        a.fit,
        a.engagement,
        a.score,
        a.tier,
        a.topLead,
      ]),
    ).toEqual([
      ["Acme", 2, 2, 30, 60, 90, "Sales-ready", "ana@acme.com"],
      ["Globex", 1, 0, 30, 0, 30, "Cold", "cy@globex.io"],
    ]);
    expect(rollUp.accounts[0].rawEngagement).toBe(65);
    expect(rollUp.bySheetRow.get(5)).toBeUndefined(); // blank Company: no account
  });

  it("by Email Domain, free-mail leads have no account", () => {
    const input = { ...example, settings: settingsKV({ "Account key": "Email Domain" }) };
    const rollUp = rollUpAccounts(input, score(input))!;
    expect(rollUp.accounts.map((a) => a.name)).toEqual(["acme.com", "globex.io"]);
  });

  it("an Account key that names nothing is a problem on its Settings cell, and no account is scored", () => {
    const input = { ...example, settings: settingsKV({ "Account key": "Compnay" }) };
    const run = score(input);
    expect(rollUpAccounts(input, run)).toBeNull();
    const p = run.problems.find((x) => x.message.includes("Account key"));
    expect(p).toMatchObject({ tab: "Settings", row: 2, column: "Value", severity: "error" });
    expect(p?.message).toContain("Did you mean Company?");
  });
});
