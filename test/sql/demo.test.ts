// The demo workbook scored by DuckDB equals the engine on every output column, lead by lead: the default
// model's and its second model's (Enterprise).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoWorkbook } from "../../src/demo";
import { writeCsvFolder } from "../../src/local/workbook";
import { duckdbScores, engineScores } from "./compare";

const AS_OF = new Date("2026-11-01T00:00:00Z");
let instance: DuckDBInstance;
const dir = mkdtempSync(join(tmpdir(), "leadscore-sql-demo-"));
beforeAll(async () => {
  // One thread: a loaded 2-core CI gains nothing from more.
  instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  await writeCsvFolder(dir, demoWorkbook().tabs);
});
afterAll(() => {
  instance.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

describe("DuckDB on the demo workbook", () => {
  it("equals the engine on every output column", async () => {
    const engine = await engineScores(dir, AS_OF);
    const db = await instance.connect();
    try {
      const duck = await duckdbScores(dir, AS_OF, db);
      expect(duck.outputHeaders).toEqual(engine.outputHeaders);
      expect(duck.rows.size).toBe(engine.rows.size);
      expect(engine.rows.size).toBeGreaterThan(100);
      for (const [row, cells] of engine.rows)
        expect({ row, cells: duck.rows.get(row) }).toEqual({ row, cells });
    } finally {
      db.closeSync();
    }
  }, 300_000);
});
