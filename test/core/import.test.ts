// Making a workbook around an export (src/core/import), the closest-name hint, and the warnings for
// activity rules whose event the log never has.
import { describe, expect, it } from "vitest";
import { closestName, editDistance } from "../../src/core/closest";
import { FIELD_HEADERS, findHeader, KEY_HEADERS } from "../../src/core/import/crm-headers";
import { detectDateFormat } from "../../src/core/import/dates";
import { workbookAround } from "../../src/core/import/export-workbook";
import { starterMatrix } from "../../src/core/templates";
import type { Grid } from "../../src/core/types";
import { validateWorkbook } from "../../src/core/workbook";
import { daysAgo, matrix } from "./helpers";

const column = (grid: Grid, r: number, name: string) => grid[r][grid[0].indexOf(name)];

describe("closestName", () => {
  it("prefers the same letters, then a header holding the name, then a typo or two", () => {
    expect(closestName("Email", ["Name", "E-mail"])).toBe("E-mail");
    expect(closestName("Email", ["Name", "Work Email Address", "Email Address"])).toBe("Email Address");
    expect(closestName("Emial", ["Name", "Company"])).toBeUndefined();
    expect(closestName("Company", ["Compnay", "Country"])).toBe("Compnay");
    expect(closestName("Email", ["Name", "Phone"])).toBeUndefined();
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
});

describe("CRM export headers", () => {
  it("finds the key and the starter fields under each tool's spelling", () => {
    expect(findHeader(["Name", "E-Mail Address"], KEY_HEADERS)).toBe(1);
    expect(findHeader(["Person - Name", "Person - Email - Work"], KEY_HEADERS)).toBe(1);
    expect(findHeader(["Organization - Number of employees"], FIELD_HEADERS.Employees)).toBe(0);
    expect(findHeader(["Full Name", "No. of Employees"], FIELD_HEADERS.Employees)).toBe(1);
    expect(findHeader(["Country/Region"], FIELD_HEADERS.Country)).toBe(0);
    expect(findHeader(["Designation"], FIELD_HEADERS["Job Title"])).toBe(0);
    // The best spelling wins over a later one.
    expect(findHeader(["Work Email", "Email"], KEY_HEADERS)).toBe(1);
  });

  it("points the starter rules at the export's columns and turns off the rest", () => {
    const wb = workbookAround([["Work Email", "Title", "Country/Region", "Lead Status"]]);
    expect(wb.keyHeader).toBe("Work Email");
    const starter = starterMatrix();
    for (let r = 1; r < starter.length; r++) {
      const field = column(starter, r, "Field");
      const active = column(wb.matrix, r, "Active");
      if (field === "Job Title") expect(column(wb.matrix, r, "Field")).toBe("Title");
      else if (field === "Country") expect(column(wb.matrix, r, "Field")).toBe("Country/Region");
      else if (field === "Industry" || field === "Employees") expect(active).toBe(false);
      else expect(wb.matrix[r]).toEqual(starter[r]);
    }
    expect(wb.settings.find((r) => r[0] === "Lead key")?.[1]).toBe("Work Email");
    expect(wb.untested).toEqual(["Lead Status"]);
    expect(wb.fields.find((f) => f.field === "Employees")?.header).toBeUndefined();
  });
});

describe("detectDateFormat", () => {
  const grid = (...values: string[]): Grid => [["Email", "When"], ...values.map((v) => ["a@x.com", v])];
  it("tells US from European by a day above 12, and dotted dates as European", () => {
    expect(detectDateFormat(grid("03/04/2026", "03/14/2026")).format).toBe("us");
    expect(detectDateFormat(grid("03/04/2026", "14/03/2026 09:00")).format).toBe("eu");
    expect(detectDateFormat(grid("03.04.2026")).format).toBe("eu");
    expect(detectDateFormat(grid("2026-03-04T10:00:00Z")).format).toBe("iso");
    expect(detectDateFormat(grid("03/04/2026")).format).toBeUndefined();
    const both = detectDateFormat(grid("03/14/2026", "14/03/2026"));
    expect(both).toMatchObject({ format: undefined, conflicting: true, columns: ["When"] });
  });
  it("only looks at columns whose filled cells are all dates", () => {
    expect(detectDateFormat(grid("14/03/2026", "next week")).columns).toEqual([]);
    expect(detectDateFormat([["Phone"], ["12/13/14"], ["555-1234"]]).columns).toEqual([]);
  });
});

describe("activity rules whose event the log never has", () => {
  const leads: Grid = [["Email"], ["ann@acme.com"]];
  const rules = matrix(
    { source: "Activity", event: "Demo Request", points: 10 },
    { source: "Activity", event: "Webinar Attended", points: 5 },
  );
  it("name the events the log has, starter events included", () => {
    const activities: Grid = [
      ["Timestamp", "Email", "Event"],
      [daysAgo(1), "ann@acme.com", "demo request"],
      [daysAgo(2), "ann@acme.com", "Trial Started"],
    ];
    const problems = validateWorkbook({ leads, activities, matrix: rules }, "UTC");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      tab: "Scoring Matrix",
      row: 3,
      column: "Event",
      severity: "warning",
    });
    expect(problems[0].message).toContain(`"Webinar Attended"`);
    expect(problems[0].message).toContain("The log's events are: demo request, Trial Started.");
  });
  it("get one warning when the log is empty", () => {
    const problems = validateWorkbook(
      { leads, activities: [["Timestamp", "Email", "Event"]], matrix: rules },
      "UTC",
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ tab: "Activity Log", row: 1, severity: "warning" });
    expect(problems[0].message).toContain("no activities yet, so the 2 activity rules");
  });
});
