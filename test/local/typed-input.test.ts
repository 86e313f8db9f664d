// Strings written by setValues are parsed like typed input, per the spreadsheet's locale.
import { describe, expect, it } from "vitest";
import { LocalRuntime } from "../../src/local/gas";

type Expected = number | boolean | { date: string } | { text: true };
const at = (iso: string): Expected => ({ date: iso });
const TEXT: Expected = { text: true };
const day = (d: string) => at(`${d}T00:00:00.000Z`);

// The runtime clock is 2024-03-01 (UTC): dates typed without a year fall in 2024.
const CASES: [string, string, Expected][] = [
  // en_US: month first; "1-10" (a company-size answer) and "3/4" are dates.
  ["en_US", "1-10", day("2024-01-10")],
  ["en_US", "3/4", day("2024-03-04")],
  ["en_US", "1-10-2024", day("2024-01-10")],
  ["en_US", "1/5/2024", day("2024-01-05")],
  ["en_US", "1/5/24", day("2024-01-05")],
  ["en_US", "12/31/99", day("1999-12-31")],
  ["en_US", "1/5/29", day("2029-01-05")],
  ["en_US", "1/5/30", day("1930-01-05")],
  ["en_US", "1/5/202", TEXT],
  ["en_US", "2024-01-05", day("2024-01-05")],
  ["en_US", "2024/1/5", day("2024-01-05")],
  ["en_US", "2024-01-05 14:30", at("2024-01-05T14:30:00.000Z")],
  ["en_US", "2024-01-05T14:30:15", at("2024-01-05T14:30:15.000Z")],
  ["en_US", "1/5/2024 2:30 PM", at("2024-01-05T14:30:00.000Z")],
  ["en_US", "Jan 5", day("2024-01-05")],
  ["en_US", "January 5, 2024", day("2024-01-05")],
  ["en_US", "5 January 2024", day("2024-01-05")],
  ["en_US", "sept 3", day("2024-09-03")],
  // A time alone is that time on 1899-12-30, Sheets' day zero.
  ["en_US", "14:30", at("1899-12-30T14:30:00.000Z")],
  ["en_US", "2:30 PM", at("1899-12-30T14:30:00.000Z")],
  ["en_US", "12:15 am", at("1899-12-30T00:15:00.000Z")],
  ["en_US", "9:05:07.25", at("1899-12-30T09:05:07.250Z")],
  ["en_US", "2/30", TEXT],
  ["en_US", "13/4", TEXT],
  ["en_US", "11-50", TEXT],
  ["en_US", "51-200", TEXT],
  ["en_US", "1/10-2024", TEXT],
  ["en_US", "123/4", TEXT],
  ["en_US", "25:00", TEXT],
  ["en_US", "2 PM", TEXT],
  ["en_US", "13:00 PM", TEXT],
  ["en_US", "Janx 5", TEXT],
  ["en_US", "Mayor 5", TEXT],
  ["en_US", "1.5", 1.5],
  ["en_US", "1.10", 1.1],
  ["en_US", ".5", 0.5],
  ["en_US", "00123", 123],
  ["en_US", "1e3", 1000],
  ["en_US", "-2.5E-2", -0.025],
  ["en_US", "1,500", 1500],
  ["en_US", "1,234.5", 1234.5],
  ["en_US", "1,5", TEXT],
  ["en_US", "1,50", TEXT],
  ["en_US", "50%", 0.5],
  ["en_US", "50 %", TEXT],
  ["en_US", "$5", 5],
  ["en_US", "$1,200.50", 1200.5],
  ["en_US", "-$5", -5],
  ["en_US", "$-5", TEXT],
  ["en_US", "£5", TEXT],
  ["en_US", "5 €", TEXT],
  ["en_US", "TRUE", true],
  ["en_US", "false", false],
  ["en_US", "WAHR", TEXT],
  // en_GB: day first, pounds.
  ["en_GB", "3/4", day("2024-04-03")],
  ["en_GB", "13/4", day("2024-04-13")],
  ["en_GB", "1-10", day("2024-10-01")],
  ["en_GB", "4/13", TEXT],
  ["en_GB", "31/12/2023 14:30", at("2023-12-31T14:30:00.000Z")],
  ["en_GB", "5 Jan", day("2024-01-05")],
  ["en_GB", "2:30 PM", at("1899-12-30T14:30:00.000Z")],
  ["en_GB", "£5", 5],
  ["en_GB", "£1,250.5", 1250.5],
  ["en_GB", "$5", TEXT],
  ["en_GB", "1,5", TEXT],
  // de_DE: decimal comma, "." groups thousands and separates dates; euro after the amount.
  ["de_DE", "1,5", 1.5],
  ["de_DE", "1,500", 1.5],
  ["de_DE", ",5", 0.5],
  ["de_DE", "1.234,5", 1234.5],
  ["de_DE", "1.234", 1234],
  ["de_DE", "1,5e3", 1500],
  ["de_DE", "1.5", day("2024-05-01")],
  ["de_DE", "3.4.2024", day("2024-04-03")],
  ["de_DE", "03.04.24", day("2024-04-03")],
  ["de_DE", "3/4", day("2024-04-03")],
  ["de_DE", "31.4.2024", TEXT],
  ["de_DE", "1.234.5", TEXT],
  ["de_DE", "12,5 %", 0.125],
  ["de_DE", "12,5%", 0.125],
  ["de_DE", "5 €", 5],
  ["de_DE", "5,00 €", 5],
  ["de_DE", "1.200,50€", 1200.5],
  ["de_DE", "€5", TEXT],
  ["de_DE", "$5", TEXT],
  ["de_DE", "14:30", at("1899-12-30T14:30:00.000Z")],
  ["de_DE", "03.04.2024 14:30", at("2024-04-03T14:30:00.000Z")],
  ["de_DE", "2:30 PM", TEXT],
  ["de_DE", "Jan 5", TEXT],
  ["de_DE", "TRUE", true],
  ["de_DE", "WAHR", TEXT],
  // fr_FR: decimal comma, thousands grouped by a space or (narrow) no-break space.
  ["fr_FR", "1,5", 1.5],
  ["fr_FR", "1 234,5", 1234.5],
  ["fr_FR", "1\u00a0234,5", 1234.5],
  ["fr_FR", "1\u202f234", 1234],
  ["fr_FR", "1 23", TEXT],
  ["fr_FR", "12,5\u00a0%", 0.125],
  ["fr_FR", "5 €", 5],
  ["fr_FR", "1 200,50 €", 1200.5],
  ["fr_FR", "3/4", day("2024-04-03")],
  ["fr_FR", "3/4/2024", day("2024-04-03")],
  ["fr_FR", "14:30", at("1899-12-30T14:30:00.000Z")],
  ["fr_FR", "2:30 PM", TEXT],
];

function written(locale: string, typed: string): unknown {
  const rt = new LocalRuntime({ now: new Date("2024-03-01T10:00:00Z"), locale });
  rt.loadTabs([{ name: "T", values: [] }]);
  const range = rt.spreadsheet.getSheetByName("T")!.getRange(1, 1, 1, 2);
  range.setValues([[typed, "x"]]);
  const [viaSetValues] = range.getValues()[0];
  range.getCell(1, 2).setValue(typed);
  expect(range.getValues()[0][1]).toEqual(viaSetValues); // setValue parses the same way
  return viaSetValues;
}

describe("typed input", () => {
  it.each(CASES)("%s: %j", (locale, typed, expected) => {
    const got = written(locale, typed);
    if (typeof expected !== "object") expect(got).toBe(expected);
    else if ("text" in expected) expect(got).toBe(typed);
    else {
      expect(got).toBeInstanceOf(Date);
      expect((got as Date).toISOString()).toBe(expected.date);
    }
  });

  it("dates without a year take the current year in the spreadsheet time zone", () => {
    // 23:30 UTC on New Year's Eve is already 2025 in Paris.
    const rt = new LocalRuntime({ now: new Date("2024-12-31T23:30:00Z"), timeZone: "Europe/Paris" });
    rt.loadTabs([{ name: "T", values: [] }]);
    const cell = rt.spreadsheet.getSheetByName("T")!.getRange("A1");
    cell.setValue("1/10");
    expect((cell.getValue() as Date).toISOString()).toBe("2025-01-09T23:00:00.000Z");
  });

  it("setSpreadsheetLocale changes how later writes parse; unknown locales are refused", () => {
    const rt = new LocalRuntime({ now: new Date("2024-03-01T10:00:00Z") });
    rt.loadTabs([{ name: "T", values: [] }]);
    const ss = rt.spreadsheet;
    const cell = ss.getSheetByName("T")!.getRange("A1");
    expect(ss.getSpreadsheetLocale()).toBe("en_US");
    cell.setValue("1,5");
    expect(cell.getValue()).toBe("1,5");
    ss.setSpreadsheetLocale("de_DE");
    expect(ss.getSpreadsheetLocale()).toBe("de_DE");
    expect(cell.getValue()).toBe("1,5"); // stored values are not re-parsed
    cell.setValue("1,5");
    expect(cell.getValue()).toBe(1.5);
    expect(() => ss.setSpreadsheetLocale("xx_XX")).toThrow('locale "xx_XX" is not modelled');
    expect(() => new LocalRuntime({ locale: "nl_NL" })).toThrow('locale "nl_NL" is not modelled');
  });

  it("a user edit parses like typing: rt.edit stores a date for 1-10", () => {
    const rt = new LocalRuntime({ now: new Date("2024-03-01T10:00:00Z"), locale: "en_GB" });
    rt.loadTabs([{ name: "T", values: [["Size"]] }]);
    rt.load("function onEdit() {}");
    rt.edit("T!A2", "1-10");
    expect((rt.spreadsheet.getSheetByName("T")!.getRange("A2").getValue() as Date).toISOString()).toBe(
      "2024-10-01T00:00:00.000Z",
    );
  });
});
