// The demo workbook scored by DuckDB equals the engine on every output column, lead by lead.
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { duckdbScores, engineScores } from "./compare";

const AS_OF = new Date("2026-11-01T00:00:00Z");
let instance: DuckDBInstance;
beforeAll(async () => {
  // One thread: a loaded 2-core CI gains nothing from more.
  instance = await DuckDBInstance.create(":memory:", { threads: "1" });
});
afterAll(() => instance.closeSync());

describe("DuckDB on the demo workbook", () => {
  it("equals the engine on every output column", async () => {
    const engine = await engineScores("examples/demo", AS_OF);
    const db = await instance.connect();
    try {
      const duck = await duckdbScores("examples/demo", AS_OF, db);
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
