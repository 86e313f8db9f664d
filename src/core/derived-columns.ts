// Derived lead fields as columns over the Leads grid (Email Domain, Activity Count, Days Since Last
// Activity, Days Since Created), computed for the scored rows only; rule tests read them like columns.
import type { ColumnSource } from "./columns";
import { numberColumn, textColumn } from "./columns";
import { emailColumn, emailDomain } from "./derived";
import { headerText } from "./headers";
import { createdColumn } from "./import/crm-headers";
import type { LeadFrame } from "./lead-frame";
import type { Rule } from "./matrix";
import { problem } from "./problems";
import { DAY_MS, dateFormatFix, timestampInto } from "./time";
import { TAB } from "./types";
import { cellText } from "./values";
import type { PreparedWorkbook } from "./workbook";

/** Derived lead fields for the scored rows (other rows stay blank). */
export function derivedColumn(
  name: NonNullable<Rule["derived"]>,
  wb: PreparedWorkbook,
  frame: LeadFrame,
): ColumnSource {
  const { rows, asOfMs, firstK } = frame;
  const { leads, activities: act } = wb;
  const grid = leads.grid;
  const n = grid.length;
  if (name === "emailDomain") {
    const col = emailColumn(leads.headers, leads.keyCol);
    const text = new Array<string>(n).fill("");
    if (col >= 0) {
      for (let i = 0; i < rows.length; i++) text[rows[i]] = emailDomain(cellText(grid[rows[i]][col]));
    }
    return textColumn(text);
  }
  const values = new Float64Array(n).fill(Number.NaN);
  if (name === "activityCount") {
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      values[r] = act.start[leads.groupOf[r] + 1] - firstK[r];
    }
  } else if (name === "daysSinceLastActivity") {
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const g = leads.groupOf[r];
      if (firstK[r] < act.start[g + 1]) values[r] = (asOfMs[r] - act.orderTs[firstK[r]]) / DAY_MS;
    }
  } else {
    const col = createdColumn(leads.headers);
    let bad = -1;
    if (col >= 0) {
      // Loops by index and parses into `values` (then converts in place): no iterator result or heap
      // number per lead.
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i];
        const v = grid[r][col];
        timestampInto(v, wb.clock, values, r);
        const t = values[r];
        if (!Number.isNaN(t)) values[r] = (asOfMs[r] - t) / DAY_MS;
        else if (bad < 0 && cellText(v) !== "") bad = r;
      }
    }
    if (col < 0) {
      wb.sink.add(
        problem(
          TAB.leads,
          1,
          "Created",
          "Days Since Created is used by a rule, but Leads has no Created column; it is blank for every lead.",
          "Add a Created column with the date each lead was created.",
          "warning",
        ),
      );
    } else if (bad >= 0) {
      wb.sink.add(
        problem(
          TAB.leads,
          bad + 1,
          headerText(leads.headers, col),
          `"${cellText(grid[bad][col])}" is not a date, so Days Since Created is blank for this lead (and any like it).`,
          dateFormatFix(grid[bad][col], wb.clock) ?? "Enter a date, or ISO text such as 2024-05-01.",
          "warning",
        ),
      );
    }
  }
  return numberColumn(values);
}
