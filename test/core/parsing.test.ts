import { describe, expect, it } from "vitest";
import {
  findColumn,
  normalizeHeader,
  parseNumber,
  parseTimestamp,
  parseYesNo,
  zoneClock,
} from "../../src/core/index";
import { dateFormatFix } from "../../src/core/time";

describe("headers", () => {
  it("match trimmed, case-insensitively, with inner spaces collapsed", () => {
    expect(normalizeHeader("  Job \t  Title ")).toBe("job title");
    expect(findColumn(["Email", " job  TITLE", "x"], "Job Title")).toBe(1);
    expect(findColumn(["Email", null, 3], "Company")).toBe(-1);
    expect(findColumn(["a", "A"], "a")).toBe(0);
  });
});

describe("cell values", () => {
  it("parse numbers and numeric text", () => {
    expect(parseNumber(12)).toBe(12);
    expect(parseNumber(" 1,200 ")).toBe(1200);
    expect(parseNumber("1,234,567.5")).toBe(1234567.5);
    expect(parseNumber("-3.5")).toBe(-3.5);
    expect(parseNumber(".5")).toBe(0.5);
    expect(parseNumber("1e3")).toBe(1000);
    for (const bad of ["", " ", "12a", "1,2", "0x10", "Infinity", true, null, new Date()]) {
      expect(parseNumber(bad)).toBeNaN();
    }
  });
  it("parse yes/no words", () => {
    for (const yes of [true, "TRUE", "yes", " Y ", 1, "1"]) expect(parseYesNo(yes, false)).toBe(true);
    for (const no of [false, "false", "No", 0, "0"]) expect(parseYesNo(no, true)).toBe(false);
    expect(parseYesNo("", true)).toBe(true);
    expect(parseYesNo("maybe", true)).toBeUndefined();
  });
});

describe("timestamps", () => {
  const utc = zoneClock("UTC");
  it("parse ISO 8601 text with and without offsets", () => {
    expect(parseTimestamp("2024-05-01T14:30:00Z", utc)).toBe(Date.UTC(2024, 4, 1, 14, 30));
    expect(parseTimestamp("2024-05-01 14:30", utc)).toBe(Date.UTC(2024, 4, 1, 14, 30));
    expect(parseTimestamp("2024-05-01T14:30:15.250+02:00", utc)).toBe(Date.UTC(2024, 4, 1, 12, 30, 15, 250));
    expect(parseTimestamp("2024-05-01T14:30:00-0530", utc)).toBe(Date.UTC(2024, 4, 1, 20, 0));
    expect(parseTimestamp(" 2024-02-29 ", utc)).toBe(Date.UTC(2024, 1, 29));
    // Any whitespace trim() removes, at either end (the parser skips trim() for printable ASCII ends).
    for (const pad of ["\t", "\n", "\u00a0", "\u2028", "\u3000", "\ufeff"]) {
      expect(parseTimestamp(`${pad}2024-05-01T14:30:00Z`, utc)).toBe(Date.UTC(2024, 4, 1, 14, 30));
      expect(parseTimestamp(`2024-05-01T14:30:00Z${pad}`, utc)).toBe(Date.UTC(2024, 4, 1, 14, 30));
    }
    expect(parseTimestamp("2024-05-01T14:30:00Z\u00e9", utc)).toBeNaN();
  });
  it("date-only and offset-less text is wall-clock time in the zone", () => {
    expect(parseTimestamp("2024-01-15", "America/New_York")).toBe(Date.UTC(2024, 0, 15, 5));
    expect(parseTimestamp("2024-07-15", "America/New_York")).toBe(Date.UTC(2024, 6, 15, 4));
    expect(parseTimestamp("2024-07-15T09:00", "Asia/Kolkata")).toBe(Date.UTC(2024, 6, 15, 3, 30));
    expect(parseTimestamp("2024-07-15T09:00Z", "Asia/Kolkata")).toBe(Date.UTC(2024, 6, 15, 9));
    // the day New York springs forward
    expect(parseTimestamp("2024-03-10T12:00", "America/New_York")).toBe(Date.UTC(2024, 2, 10, 16));
    expect(parseTimestamp("2024-03-10T01:00", "America/New_York")).toBe(Date.UTC(2024, 2, 10, 6));
  });
  it("Dates pass through; Sheets serial numbers are days since 1899-12-30 in the zone", () => {
    const d = new Date("2024-05-01T10:00:00Z");
    expect(parseTimestamp(d, "Europe/Berlin")).toBe(d.getTime());
    expect(parseTimestamp(45413, utc)).toBe(Date.UTC(2024, 4, 1));
    expect(parseTimestamp(45413.5, "Europe/Berlin")).toBe(Date.UTC(2024, 4, 1, 10));
  });
  it("reject everything else", () => {
    for (const bad of [
      "yesterday",
      "2024-13-01",
      "2024-02-30",
      "2024-05-01T25:00",
      "05/01/2024",
      "2024-05-01T10:00+2",
      "",
      true,
      null,
    ]) {
      expect(parseTimestamp(bad, utc)).toBeNaN();
    }
  });
  it("reject a bad date right after a good one whatever their digits (the day of a run of dates is reused)", () => {
    // Each bad date follows a good date whose digits would pack alike in a looser key: month 17 of
    // 2024 against January 2025, day 33 of January against 1 February.
    const pairs = [
      ["2025-01-05", "2024-17-05"],
      ["2024-02-01", "2024-01-33"],
      ["2024-05-01", "2024-05-00"],
    ];
    for (const [good, bad] of pairs) {
      expect(parseTimestamp(`${good}T10:00:00Z`, utc)).not.toBeNaN();
      expect(parseTimestamp(`${bad}T10:00:00Z`, utc)).toBeNaN();
      expect(parseTimestamp(`${good}T11:00:00Z`, utc)).toBe(Date.parse(`${good}T11:00:00Z`));
    }
  });
  it("slashed dates read as the Date format says: US month first, European day first (dots too)", () => {
    const us = zoneClock("UTC", "us");
    const eu = zoneClock("UTC", "eu");
    expect(parseTimestamp("03/04/2026", us)).toBe(Date.UTC(2026, 2, 4));
    expect(parseTimestamp("03/04/2026", eu)).toBe(Date.UTC(2026, 3, 3));
    expect(parseTimestamp("3/4/2026", us)).toBe(Date.UTC(2026, 2, 4));
    expect(parseTimestamp("14.03.2026 10:15", eu)).toBe(Date.UTC(2026, 2, 14, 10, 15));
    expect(parseTimestamp("03/14/2026 09:05:30", us)).toBe(Date.UTC(2026, 2, 14, 9, 5, 30));
    expect(parseTimestamp("3/14/2026, 12:30 AM", us)).toBe(Date.UTC(2026, 2, 14, 0, 30));
    expect(parseTimestamp("3/14/2026 1:30 pm", us)).toBe(Date.UTC(2026, 2, 14, 13, 30));
    expect(parseTimestamp("03-14-2026", us)).toBe(Date.UTC(2026, 2, 14));
    expect(parseTimestamp("14-03-2026", eu)).toBe(Date.UTC(2026, 2, 14));
    // ISO text still reads under either.
    expect(parseTimestamp("2026-03-14T10:00:00Z", us)).toBe(Date.UTC(2026, 2, 14, 10));
    // In the workbook's zone, as ISO text without an offset is.
    expect(parseTimestamp("07/15/2024 09:00", zoneClock("America/New_York", "us"))).toBe(
      Date.UTC(2024, 6, 15, 13),
    );
    for (const bad of ["13/01/2026", "14.03.2026", "02/30/2026", "03/04/26", "03/04/2026 25:00", "3/4-2026"])
      expect(parseTimestamp(bad, us), bad).toBeNaN();
    for (const bad of ["01/13/2026", "29/02/2025", "03/04/2026 13:00 PM"])
      expect(parseTimestamp(bad, eu), bad).toBeNaN();
    expect(parseTimestamp("03/04/2026", utc)).toBeNaN();
  });
  it("a slashed date the Date format does not read gets a fix naming the setting", () => {
    expect(dateFormatFix("13/01/2026", zoneClock("UTC", "us"))).toMatch(
      /Settings ▸ Date format is US \(MM\/DD\/YYYY\), which does not read "13\/01\/2026": set Date format to European \(DD\/MM\/YYYY\)/,
    );
    expect(dateFormatFix("03/04/2026", utc)).toMatch(/set Date format to US \(MM\/DD\/YYYY\) or European/);
    expect(dateFormatFix("02/30/2026", zoneClock("UTC", "us"))).toMatch(/correct the date/);
    expect(dateFormatFix("03/14/26", zoneClock("UTC", "us"))).toMatch(
      /Write the year in full \(03\/14\/2026\)/,
    );
    expect(dateFormatFix("yesterday", utc)).toBeUndefined();
    expect(dateFormatFix(45413, utc)).toBeUndefined();
  });
  it("unknown zones throw", () => {
    expect(() => zoneClock("Mars/Olympus")).toThrow();
  });
});
