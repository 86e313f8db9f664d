// A user's workbook keeps the add-on's document properties and installable triggers across a restart of
// the local page (src/local/saved-state.ts): turned on through the menu, saved, closed and opened again,
// automatic scoring and the schedule are still on and an edit rescores. The demo keeps nothing on disk.
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { TRIGGER_HANDLERS } from "../../src/contract";
import { findColumn } from "../../src/core/headers";
import { TAB } from "../../src/core/types";
import { openSession } from "../../src/local/open-session";
import { stateFile } from "../../src/local/saved-state";
import { initWorkbook } from "../../src/local/workbook/init-workbook";

const root = resolve(import.meta.dirname, "../..");
const DEMO = join(root, "examples/demo");
const AS_OF = new Date("2026-11-01T09:00:00Z");

async function open(workbook?: string) {
  return openSession({
    workbook,
    demo: DEMO,
    asOf: AS_OF,
    timeZone: "UTC",
    code: await readFile(join(root, "dist/Code.js"), "utf8"),
    sidebarHtml: "<html></html>",
    fixedClock: true,
  });
}

const contacts = "Email,Job Title,Number of Employees\nann@acme.com,Analyst,300\nbo@beta.io,Analyst,40\n";

const triggerView = (list: { uid: string; handler: string; eventType: string; owner: string }[]) =>
  list.map(({ uid, handler, eventType, owner }) => ({ uid, handler, eventType, owner }));

describe.each(["folder", "xlsx"])("a %s workbook's properties and triggers", (kind) => {
  it("survive Save and a restart: automatic scoring and the schedule stay on, and an edit rescores", async () => {
    const base = await mkdtemp(join(tmpdir(), "leadscore-state-"));
    const from = join(base, "contacts.csv");
    await writeFile(from, contacts);
    const target = join(base, kind === "xlsx" ? "leads.xlsx" : "leads");
    await initWorkbook(target, { from });

    const first = await open(target);
    expect(first.menu("Turn automatic scoring on/off").error).toBeUndefined();
    first.script.call("setSchedule", { kind: "daily", atHour: 7 });
    const triggers = triggerView(first.runtime.triggers.list);
    expect(triggers.map((t) => t.eventType).sort()).toEqual([
      "CLOCK",
      "ON_CHANGE",
      "ON_EDIT",
      "ON_FORM_SUBMIT",
    ]);
    const properties = new Map(first.runtime.properties.document);
    const { files } = await first.save();
    const file = stateFile(target);
    expect(files).toContain(file);
    expect(file).toBe(kind === "xlsx" ? join(base, "leads.leadscore.json") : join(target, ".leadscore.json"));
    const nextAt = first.runtime.triggers.of("CLOCK")[0].nextAt;

    const second = await open(target);
    const rt = second.runtime;
    expect(triggerView(rt.triggers.list)).toEqual(triggers);
    expect(rt.triggers.of("CLOCK")[0].nextAt).toBe(nextAt);
    // Opening scores the workbook, which rewrites the lead states' record (forgotten when scoring was turned on).
    for (const [k, v] of properties)
      if (k !== "leadscore.scoreState") expect(rt.properties.document.get(k), k).toBe(v);

    // The restored edit trigger rescores the edited lead (Executive title +15).
    const leads = () => rt.values(TAB.leads);
    const fitScore = () => leads()[1][findColumn(leads()[0], "Fit Score")];
    const before = fitScore();
    const runs = rt.runs.length;
    const title = findColumn(leads()[0], "Job Title") + 1;
    expect(second.edit(TAB.leads, 2, title, [["VP Marketing"]]).error).toBeUndefined();
    expect(rt.runs.slice(runs).map((r) => r.handler)).toContain(TRIGGER_HANDLERS.edit);
    expect(fitScore()).toBe(Number(before) + 15);

    // A new trigger after the restart gets an id of its own.
    second.menu("Turn automatic scoring on/off");
    second.menu("Turn automatic scoring on/off");
    const uids = rt.triggers.list.map((t) => t.uid);
    expect(new Set(uids).size).toBe(uids.length);
  });
});

describe("the demo", () => {
  it("keeps its properties and triggers in memory: nothing is written beside it", async () => {
    const before = await readdir(DEMO);
    const demo = await open();
    demo.menu("Turn automatic scoring on/off");
    expect(demo.runtime.triggers.list.length).toBeGreaterThan(0);
    await expect(demo.save()).rejects.toThrow(/in memory/);
    expect(await readdir(DEMO)).toEqual(before);
    expect(existsSync(stateFile(DEMO))).toBe(false);
  });

  it("a sidecar that cannot be read names the file and the fix", async () => {
    const dir = await mkdtemp(join(tmpdir(), "leadscore-state-"));
    await initWorkbook(dir);
    await writeFile(stateFile(dir), "{not json");
    await expect(open(dir)).rejects.toThrow(/\.leadscore\.json cannot be read .*delete it/);
  });
});
