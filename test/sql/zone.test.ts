// Timestamps in every form the engine reads (date-only, offset-less, with an offset, a Sheets serial date,
// padded, invalid), in a zone with daylight saving time: DuckDB's scores equal the engine's, lead by lead.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeCsvFolder } from "../../src/local/workbook";
import { matrix, settingsKV } from "../core/helpers";
import { duckdbScores, engineScores } from "./compare";

const AS_OF = new Date("2024-11-10T12:00:00Z");
// The hour New York skips (2024-03-10 02:30) and the one it repeats (2024-11-03 01:30) among them.
const TIMES = [
  "2024-03-10",
  "2024-03-10 02:30",
  "2024-03-10T03:15:00",
  "2024-11-03T01:30",
  "2024-11-03T01:30:00-04:00",
  "2024-11-03T01:30:00\u221205:00",
  "2024-11-02T23:59:59.9995Z",
  "2024-06-30T24:00",
  " 2024-07-04 ",
  "45500.75",
  "45600",
  "2024-02-30",
  "2024-13-01",
  "2024-11-09T10:00:00+0530",
  "not a date",
  "",
];
let dir: string;
let instance: DuckDBInstance;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "leadscore-sql-zone-"));
  instance = await DuckDBInstance.create(":memory:", { threads: "1" });
});
afterAll(async () => {
  instance.closeSync();
  await rm(dir, { recursive: true, force: true });
});

describe("DuckDB on timestamps in a zone", () => {
  it("equals the engine for every timestamp form, in New York and in UTC", async () => {
    const leads = [["Email", "Created"], ...TIMES.map((t, i) => [`l${i}@x.com`, t])];
    const activities = [
      ["Timestamp", "Email", "Event", "Detail"],
      ...TIMES.flatMap((t, i) => TIMES.map((_, k) => [t, `l${(i + k) % TIMES.length}@x.com`, "Visit", ""])),
    ];
    await writeCsvFolder(dir, [
      { name: "Leads", values: leads },
      { name: "Activity Log", values: activities },
      {
        name: "Scoring Matrix",
        values: matrix(
          { rule: "Old", field: "Days Since Created", op: ">", value: 150, points: 3 },
          // Decayed points this large show an hour's difference in a timestamp.
          { rule: "Recent", source: "Activity", event: "Visit", points: 100_000, within: 400, half: 30 },
          { rule: "Newest", source: "Activity", event: "Visit", points: 2, max: 2 },
          { rule: "Quiet", field: "Days Since Last Activity", op: ">", value: 7.5, points: -1 },
        ),
      },
      { name: "Settings", values: settingsKV({ "Lead key": "Email" }) },
    ]);
    for (const zone of ["America/New_York", "UTC"]) {
      const engine = await engineScores(dir, AS_OF, zone);
      const db = await instance.connect();
      try {
        const duck = await duckdbScores(dir, AS_OF, db, zone);
        expect(duck.outputHeaders).toEqual(engine.outputHeaders);
        expect(engine.rows.size).toBe(TIMES.length);
        for (const [row, cells] of engine.rows) {
          expect({ zone, row, cells: duck.rows.get(row) }).toEqual({ zone, row, cells });
        }
      } finally {
        db.closeSync();
      }
    }
  }, 300_000);
});
