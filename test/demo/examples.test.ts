// The checked-in demo workbook must be exactly what the generator makes: regenerate it with
// `npx esbuild examples/generate.ts --bundle --platform=node --format=esm --outfile=/tmp/gen.mjs && node /tmp/gen.mjs`.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { demoWorkbook, gridToText } from "../../src/demo/index";

const dir = join(__dirname, "../../examples/demo");

function readCsv(file: string): string[][] {
  const text = readFileSync(join(dir, file), "utf8");
  expect(text.includes("\r"), `${file} uses \\n line ends`).toBe(false);
  expect(text.endsWith("\n")).toBe(true);
  return Papa.parse<string[]>(text.slice(0, -1), { header: false, skipEmptyLines: false }).data;
}

describe("examples/demo", () => {
  const { tabs, demo } = demoWorkbook();

  it("holds one CSV per tab", () => {
    expect(readdirSync(dir).sort()).toEqual(tabs.map((t) => `${t.name}.csv`).sort());
  });

  for (const tab of tabs) {
    it(`${tab.name}.csv equals a fresh generation`, () => {
      const expected = gridToText(tab.values);
      const actual = readCsv(`${tab.name}.csv`);
      expect(actual.length).toBe(expected.length);
      expect(actual).toEqual(expected);
    });
  }

  it("lists the demo's competitors in the Lists tab", () => {
    const lists = readCsv("Lists.csv");
    const c = lists[0].indexOf("Competitors");
    expect(
      lists
        .slice(1)
        .map((r) => r[c])
        .filter((d) => d !== ""),
    ).toEqual(demo.competitorDomains);
    expect(lists[0]).toContain("Free email");
  });
});
