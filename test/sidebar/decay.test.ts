import { describe, expect, it } from "vitest";
import { decayCurve, decayedPoints, decayWeight } from "../../sidebar/logic/decay";
import { describeFullCheck, describeSchedule, formatTime, splitEmails } from "../../sidebar/logic/format";

describe("decay", () => {
  it("halves points every half-life", () => {
    expect(decayWeight(30, 30)).toBe(0.5);
    expect(decayWeight(60, 30)).toBe(0.25);
    expect(decayWeight(0, 30)).toBe(1);
  });

  it("shows a 10-point activity after 7, 30 and 90 days", () => {
    expect(decayedPoints(10, 30, [7, 30, 90])).toEqual([
      { days: 7, points: 8.5 },
      { days: 30, points: 5 },
      { days: 90, points: 1.3 },
    ]);
  });

  it("no half-life means no decay", () => {
    expect(decayedPoints(10, null, [7, 90])).toEqual([
      { days: 7, points: 10 },
      { days: 90, points: 10 },
    ]);
  });

  it("samples a falling curve from day 0 to 90", () => {
    const c = decayCurve(10, 14, 90, 1);
    expect(c).toHaveLength(91);
    expect(c[0]).toEqual({ x: 0, y: 10 });
    expect(c[14].y).toBeCloseTo(5);
    for (let i = 1; i < c.length; i++) expect(c[i].y).toBeLessThan(c[i - 1].y);
  });
});

describe("format", () => {
  it("describes schedules", () => {
    expect(describeSchedule(null)).toBe("Off");
    expect(describeSchedule({ kind: "hourly" })).toBe("Every hour");
    expect(describeSchedule({ kind: "everyHours", hours: 6 })).toBe("Every 6 hours");
    expect(describeSchedule({ kind: "daily", atHour: 7 })).toBe("Daily at 07:00");
  });

  it("shows times in the spreadsheet's time zone, tolerating unknown zones", () => {
    expect(formatTime("2025-06-30T08:00:00.000Z", "Europe/Berlin")).toContain("10:00");
    expect(formatTime("2025-06-30T08:00:00.000Z", "Not/AZone")).toContain("2025");
    expect(formatTime("garbage", "UTC")).toBe("garbage");
  });

  it("says when every row was last read, and whether the next run reads them all", () => {
    const at = "2025-06-30T08:00:00.000Z";
    const line = describeFullCheck({ at, nextReadsAll: null }, true, "Europe/Berlin");
    expect(line).toContain(formatTime(at, "Europe/Berlin"));
    expect(line).toContain("only what changed");
    expect(line).not.toContain("Automatic scoring is off");
    const again = describeFullCheck({ at, nextReadsAll: "automatic scoring was turned on" }, true, "UTC");
    expect(again).toContain("reads them all again: automatic scoring was turned on.");
    expect(describeFullCheck({ at: null, nextReadsAll: "none yet" }, false, "UTC")).toMatch(
      /^Last full check: never\..*Automatic scoring is off/,
    );
  });

  it("splits recipient lists", () => {
    expect(splitEmails(" a@x.com, b@y.com;\nc@z.org ,")).toEqual(["a@x.com", "b@y.com", "c@z.org"]);
  });
});
