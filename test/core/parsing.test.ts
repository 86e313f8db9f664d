import { describe, expect, it } from "vitest";
import {
  findColumn,
  normalizeHeader,
  parseNumber,
  parseTimestamp,
  parseYesNo,
  zoneClock,
} from "../../src/core/index";

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
  it("unknown zones throw", () => {
    expect(() => zoneClock("Mars/Olympus")).toThrow();
  });
});
