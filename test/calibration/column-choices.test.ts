// The Calibration panel's column pickers: outcomes are yes/no-like columns that are not the add-on's outputs,
// the key or names; features leave out the key and outputs; columns named for the outcome start left out.
import { describe, expect, it } from "vitest";
import { columnChoices, leaksOutcomeByName } from "../../src/core/calibration";
import type { Grid } from "../../src/core/types";

const leads: Grid = [
  [
    "E-mail",
    "Company Name",
    "Is Customer",
    "Closed Won Date",
    "Lost Reason",
    "Employees",
    "Trial",
    "Score",
    "Tier",
    "Baseline Score",
    "Top Reasons",
    "Priority",
    "Paid",
  ],
  ["a@x.com", "Acme", "yes", new Date("2026-01-02"), "", 40, "TRUE", 55, "Hot", 32, "Demo +10", "A1", "won"],
  ["b@x.com", "Beta", "no", "", "Price", 12, "", 20, "Cold", 32, "", "C3", "lost"],
  ["c@x.com", "Yes Inc", "", "", "", 300, "FALSE", 10, "Cold", 32, "", "C3", ""],
];
const settings: Grid = [
  ["Setting", "Value"],
  ["Lead key", "E-mail"],
];

describe("columnChoices", () => {
  const c = columnChoices(leads, settings);

  it("offers yes/no-like columns as outcomes, never outputs, the key, names or numbers", () => {
    expect(c.outcomes).toEqual(["Is Customer", "Trial", "Paid"]);
  });

  it("offers every other column as a feature, and ticks those named for the outcome", () => {
    expect(c.columns).toEqual(leads[0]);
    expect(c.features).toEqual([
      "Company Name",
      "Is Customer",
      "Closed Won Date",
      "Lost Reason",
      "Employees",
      "Trial",
      "Paid",
    ]);
    expect(c.leaveOut).toEqual(["Closed Won Date", "Lost Reason"]);
  });

  it("reads outcome words in a column name, whatever the separators", () => {
    for (const n of ["Converted At", "converted_at", "Conversion Date", "Close Date", "Won", "Churned On"])
      expect(leaksOutcomeByName(n), n).toBe(true);
    for (const n of ["Created", "Job Title", "Employees", "Country/Region", "Last Contacted"])
      expect(leaksOutcomeByName(n), n).toBe(false);
  });
});
