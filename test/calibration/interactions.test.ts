import { describe, expect, it } from "vitest";
import { scoreWorkbook, validateWorkbook } from "../../src/core";
import { fitMatrix } from "../../src/core/calibration";
import { auc } from "../../src/core/calibration/auc";
import { buildColumns } from "../../src/core/calibration/features";
import { splitHoldout } from "../../src/core/calibration/holdout";
import { matrixGrid, matrixRules } from "../../src/core/calibration/matrix";
import { integerScore } from "../../src/core/calibration/points";
import { atomStructure, buildDesign } from "../../src/core/calibration/structure";
import type { Grid } from "../../src/core/types";
import { AS_OF, knownTruth } from "./helpers";

describe("fit with interactions", () => {
  // Manager leads from a Webinar: +2 log-odds on top of the main effects.
  const { input, y } = knownTruth(5000, 11, 2);
  const options = { timeZone: "UTC", asOf: AS_OF, refitOnAll: false };
  const withPairs = fitMatrix(input, options);
  const without = fitMatrix(input, { ...options, interactions: false });

  it("proposes the planted pair as a rule with Only If, and it pays on the held-out leads", () => {
    const header = withPairs.matrix[0];
    const onlyIf = header.indexOf("Only If");
    expect(onlyIf).toBeGreaterThan(0);
    const pair = withPairs.matrix.slice(1).find((r) => r[onlyIf] !== "");
    expect(withPairs.report.interactions).toContain(pair?.[2]);
    expect([pair?.[2], pair?.[onlyIf]].join(" ")).toMatch(
      /Source = Webinar.*Title = Manager|Title = Manager.*Source = Webinar/,
    );
    expect(Number(pair?.[8])).toBeGreaterThan(0);
    // The rule Only If names is in the matrix (a 0-point condition when no other rule has it).
    expect(withPairs.matrix.some((r) => r[2] === pair?.[onlyIf] && r[onlyIf] === "")).toBe(true);
    expect(withPairs.report.auc_integer!).toBeGreaterThan(without.report.auc_integer! + 0.003);
    expect(without.report.interactions).toEqual([]);
    expect(without.matrix[0]).not.toContain("Only If");
  });

  it("writes a matrix the engine reads without problems, within the rule limit, scored as the fit measured it", () => {
    const matrix = withPairs.matrix;
    expect(matrix.length - 1).toBeLessThanOrEqual(40);
    expect(validateWorkbook({ ...input, matrix }, "UTC")).toEqual([]);
    const labelled = Array.from(y.keys());
    const { testRows } = splitHoldout(labelled, Uint8Array.from(y, Number), 1, 0.25);
    const rows = new Set(testRows.map((r) => r + 2));
    const run = scoreWorkbook({ ...input, matrix }, { asOf: AS_OF, timeZone: "UTC", onlyRows: rows });
    const held = run.leads.filter((l) => rows.has(l.sheetRow));
    const measured = auc(
      held.map((l) => l.score),
      held.map((l) => y[l.sheetRow - 2]),
    );
    expect(measured).toBe(withPairs.report.auc_integer);
  });
});

describe("interaction rules", () => {
  it("name a 0-point condition rule when no rule has it, and the engine scores them as the design does", () => {
    const leads: Grid = [["Email", "Source", "Title"]];
    for (let i = 0; i < 60; i++)
      leads.push([`p${i}@x.com`, ["Ads", "Event", "Web"][i % 3], ["CEO", "Dev"][(i >> 1) % 2]]);
    const rows = leads.length - 1;
    const { columns } = buildColumns(
      leads,
      Array.from({ length: rows }, (_, r) => r),
      {
        never: new Set(["email"]),
        minSupport: 5,
      },
    );
    const s = atomStructure(columns, []);
    const atom = (col: string, key: string) => {
      const column = columns.findIndex((c) => c.name === col);
      return { column, atom: columns[column].atoms.findIndex((a) => a.kind === "value" && a.key === key) };
    };
    s.interactions.push({ of: atom("Source", "ads"), when: atom("Title", "ceo") });
    // Source Ads / Event / Web, Title CEO (0 points: no rule of its own) / Dev, then the pair.
    const points = new Int32Array([5, -3, 1, 0, 2, 7]);
    const rules = matrixRules(s, points, 10, "Email");
    const matrix = matrixGrid(rules);
    const onlyIf = matrix[0].indexOf("Only If");
    expect(matrix.slice(1).map((r) => [r[2], r[8], r[onlyIf]])).toEqual(
      expect.arrayContaining([
        ["Title = CEO", 0, ""],
        ["Source = Ads & Title = CEO", 7, "Title = CEO"],
      ]),
    );
    const input = {
      leads,
      settings: [
        ["Setting", "Value"],
        ["Lead key", "Email"],
      ],
      matrix,
    };
    expect(validateWorkbook(input, "UTC")).toEqual([]);
    const X = buildDesign(s, rows);
    const pts = { baseline: 10, points, scale: 1, trainAuc: 0, clamped: 0 };
    const run = scoreWorkbook(input, { asOf: AS_OF, timeZone: "UTC" });
    expect(run.leads.map((l) => l.score)).toEqual(
      run.leads.map((l) => integerScore(X, pts, l.sheetRow - 2, 0, 100)),
    );
    expect(new Set(run.leads.map((l) => l.score)).size).toBeGreaterThan(4);
  });
});
