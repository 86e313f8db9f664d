// Leads rows moved where no edit event tells (a sort by another script or the API, a filter's sort with
// automatic scoring's edit trigger not firing): the next incremental run must not write a lead's scores
// on the row that now holds another lead. Through dist/Code.js: every output cell equals a full rescore.
// (A filter only hides rows: getValues returns hidden rows too, so it changes nothing the add-on reads.)
import { expect, it } from "vitest";
import { findColumn } from "../../src/core/headers";
import { TAB } from "../../src/core/types";
import { demoTabs, engineOutputs, inputOf, loadAddon, plain } from "./helpers";

it("an appended activity after Leads rows moved unseen reads everything and scores every row right", () => {
  const { runtime, script } = loadAddon(demoTabs({ leads: 60, activitiesPerLead: 5, mess: false }));
  script.call("menuToggleAutoScoring");
  script.call("menuScoreAll");
  // Reverse the lead rows, outputs included, as a sort does; no trigger fires.
  const sheet = runtime.spreadsheet.getSheetByName(TAB.leads)!;
  const leads = runtime.values(TAB.leads);
  runtime.peek(() =>
    sheet.getRange(2, 1, leads.length - 1, leads[0].length).setValues(leads.slice(1).reverse()),
  );
  const email = String(leads[4][findColumn(leads[0], "Email")]); // was row 5, now row 57
  const log = runtime.values(TAB.activities);
  runtime.peek(() => runtime.spreadsheet.getSheetByName(TAB.activities)!.insertRowsAfter(log.length, 1));
  runtime.clock.advance(60_000);
  const at = new Date(runtime.clock.now()).toISOString();
  const runs = runtime.edit(`'${TAB.activities}'!A${log.length + 1}:D${log.length + 1}`, [
    [at, email, "Demo Request", "Book a demo"],
  ]);
  expect(runs.every((r) => r.error === undefined)).toBe(true);

  const now = runtime.values(TAB.leads);
  const header = now[0];
  const scoredAt = new Date(runtime.clock.now());
  const want = engineOutputs(inputOf(runtime.tabs()), scoredAt);
  for (const [row, out] of want)
    for (const name of ["Score", "Top Reasons"])
      expect(plain(now[row - 1][findColumn(header, name)]), `${name} of row ${row}`).toEqual(
        plain(out[name]),
      );
});
