// The engine's fast paths agree with the plain definitions they replace: lead-key resolution (hashing
// with trimming and case folding built in), the newest-first activity order (incl. ties and long
// unsorted slices) and conditions tested once per distinct column value.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gridTable } from "../../src/core/cell-table";
import { tableColumn } from "../../src/core/columns";
import type { CellValue, Grid } from "../../src/core/index";
import { cellText, scoreWorkbook } from "../../src/core/index";
import { BLANK_KEY, LeadKeys, resolveKeys, UNKNOWN_KEY } from "../../src/core/keys";
import { bindCondition, isConditionError, parseOperator, prepareCondition } from "../../src/core/operators";
import { timestampInto, timestampMs, utcIsoInstant, zoneClock } from "../../src/core/time";
import { AS_OF, DAY, matrix } from "./helpers";

/** The definition: normalize the cell, look it up. */
function reference(grid: Grid, col: number, groups: Map<string, number>): number[] {
  return grid.map((row, r) => {
    if (r === 0) return UNKNOWN_KEY;
    const k = cellText(row?.[col]).toLowerCase();
    return k === "" ? BLANK_KEY : (groups.get(k) ?? UNKNOWN_KEY);
  });
}

const pieces = [
  "a",
  "A",
  "b",
  "Z",
  "@",
  ".",
  "1",
  " ",
  "\t",
  "\n",
  "\u00a0",
  "é",
  "É",
  "İ",
  "ß",
  "\u2028",
  "\u212a", // Kelvin sign: lower-cases to an ASCII k
  "x",
];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 6 }).map((xs) => xs.join(""));
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 6, arbitrary: text },
  fc.integer({ min: 0, max: 12 }),
  fc.constant(null),
  fc.boolean(),
  fc.constant(new Date(AS_OF.getTime())),
);

describe("resolveKeys", () => {
  it("equals normalize-then-look-up for any cells", () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 30 }), fc.array(cell, { maxLength: 60 }), (leadKeys, cells) => {
        // Lead ids in order of first appearance, by normalized key; the same cells through LeadKeys.
        const groups = new Map<string, number>();
        const keys = new LeadKeys(leadKeys.length);
        for (const k of leadKeys) {
          const n = cellText(k).toLowerCase();
          const want = n === "" ? BLANK_KEY : (groups.get(n) ?? groups.size);
          if (n !== "" && !groups.has(n)) groups.set(n, groups.size);
          expect(keys.add(k)).toBe(want);
        }
        // Activity cells: random ones plus lead keys re-spelt (case, padding).
        const spelt = leadKeys.map((k, i) => (i % 2 && typeof k === "string" ? ` ${k.toUpperCase()} ` : k));
        const grid: Grid = [["Email"], ...[...cells, ...spelt].map((v) => [v])];
        expect(keys.size).toBe(groups.size);
        expect(Array.from(resolveKeys(gridTable(grid), 0, keys))).toEqual(reference(grid, 0, groups));
      }),
      { numRuns: 300 },
    );
  });

  it("resolves a coded column as it resolves its cells", () => {
    fc.assert(
      fc.property(
        fc.array(cell, { maxLength: 30 }),
        fc.array(fc.nat(40), { maxLength: 80 }),
        fc.array(cell, { minLength: 1, maxLength: 40 }),
        (leadKeys, picks, values) => {
          const keys = new LeadKeys(leadKeys.length);
          for (const k of leadKeys) keys.add(k);
          // Row r holds cells[picks[r - 1] % …], coded as such but for some rows (0: read from the grid)
          // and the last three (past the codes' end).
          const cells = [...values, ...leadKeys];
          const grid: Grid = [["Email"], ...picks.map((p) => [cells[p % cells.length]])];
          const codes = Int32Array.from([0, ...picks], (p, r) =>
            r === 0 || p % 5 === 4 ? 0 : 1 + (p % cells.length),
          );
          const coded = { codes: codes.subarray(0, Math.max(0, codes.length - 3)), values: cells };
          expect(Array.from(resolveKeys(gridTable(grid), 0, keys, coded))).toEqual(
            Array.from(resolveKeys(gridTable(grid), 0, keys)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("survives hash collisions and many keys", () => {
    const groups = new Map<string, number>();
    const keys = new LeadKeys(5000);
    for (let i = 0; i < 5000; i++) {
      groups.set(`lead${i}@x.com`, i);
      keys.add(`lead${i}@x.com`);
    }
    const grid: Grid = [["Email"]];
    for (let i = 0; i < 20000; i++) grid.push([i % 3 ? `Lead${i % 6000}@X.com` : `lead${i % 5000}@x.com `]);
    expect(Array.from(resolveKeys(gridTable(grid), 0, keys))).toEqual(reference(grid, 0, groups));
  });
});

describe("activity order", () => {
  it("scores a long, shuffled log with equal timestamps like the same log in time order", () => {
    const m = matrix(
      { group: "Engagement", source: "Activity", event: "Page View", points: 1, max: 7, half: 3 },
      { group: "Engagement", source: "Activity", event: "Email Open", points: 0.3, max: 3 },
    );
    const leads: Grid = [["Email"], ["a@x.com"], ["b@x.com"]];
    const rows: CellValue[][] = [];
    for (let i = 0; i < 200; i++) {
      const t = new Date(AS_OF.getTime() - Math.floor(i / 3) * DAY).toISOString(); // ties in threes
      rows.push([t, i % 5 ? "a@x.com" : "B@x.com", i % 4 ? "Page View" : "Email Open", `row ${i}`]);
    }
    const shuffled = [...rows].sort(
      (p, q) => ((rows.indexOf(p) * 7919) % 200) - ((rows.indexOf(q) * 7919) % 200),
    );
    const header = ["Timestamp", "Email", "Event", "Detail"];
    const run = (acts: CellValue[][]) =>
      scoreWorkbook({ leads, matrix: m, activities: [header, ...acts] }, { asOf: AS_OF, timeZone: "UTC" })
        .leads;
    const inOrder = run(rows);
    expect(run(shuffled).map((l) => l.rawScore)).toEqual(inOrder.map((l) => l.rawScore));
    expect(run([...rows].reverse()).map((l) => l.rawScore)).toEqual(inOrder.map((l) => l.rawScore));
  });
});

describe("conditions on coded columns", () => {
  it("give the same result per row as testing each row", () => {
    const ops = ["=", "!=", "contains", "starts with", "in list", "matches", ">", "between", "is blank"];
    const values: CellValue[] = ["a", "A b", "1", "1,200", "5", "x@y", "^a", "1..10", ""];
    fc.assert(
      fc.property(
        fc.array(cell, { maxLength: 80 }),
        fc.constantFrom(...ops),
        fc.constantFrom(...values),
        (cells, opText, value) => {
          const op = parseOperator(opText)!;
          const c = prepareCondition(op, value, new Map());
          if (isConditionError(c)) return;
          // Few distinct values → coded; the same column with coding refused → per row.
          const grid: Grid = [["F"], ...cells.map((v) => [v])];
          const coded = bindCondition(c, tableColumn(gridTable(grid), 0));
          const plain = tableColumn(gridTable(grid), 0);
          plain.text(); // a column already in text form is tested per row
          const perRow = bindCondition(c, plain);
          for (let r = 1; r < grid.length; r++) expect(coded(r)).toBe(perRow(r));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("shared outputs and coded activity columns", () => {
  it("give each lead the values it would get on its own", () => {
    const m = matrix(
      { group: "Engagement", rule: "Visits", source: "Activity", event: "Page View", points: 2, max: 5 },
      { group: "Engagement", rule: "Opens", source: "Activity", event: "Email Open", points: 1, half: 7 },
      {
        group: "Engagement",
        rule: "Blog",
        source: "Activity",
        event: "Page View",
        field: "Detail",
        op: "starts with",
        value: "/blog",
        points: 3,
      },
    );
    const header = ["Timestamp", "Email", "Event", "Detail"];
    const emails = ["a@x.com", "b@x.com", "c@x.com", "d@x.com"];
    const rows: CellValue[][] = [];
    for (let i = 0; i < 60; i++) {
      const t = new Date(AS_OF.getTime() - ((i * 37) % 20) * DAY).toISOString();
      const ev = i % 3 ? "Page View" : "Email Open";
      rows.push([t, emails[(i * 7) % 4], ev, i % 2 ? "/blog/x" : "/pricing"]);
    }
    const leads: Grid = [["Email"], ...emails.map((e) => [e])];
    const options = { asOf: AS_OF, timeZone: "UTC" };
    const together = scoreWorkbook({ leads, matrix: m, activities: [header, ...rows] }, options).leads;
    emails.forEach((e, i) => {
      const own = rows.filter((r) => r[1] === e);
      const alone = scoreWorkbook(
        { leads: [["Email"], [e]], matrix: m, activities: [header, ...own] },
        options,
      ).leads[0];
      expect({ ...together[i], sheetRow: 2 }).toEqual(alone);
    });
  });
});

describe("decay factors", () => {
  it("shared by rules with the same half-life equal each rule's own sum, newest first", () => {
    const half: (number | "")[] = [30, 30, 7, 30, 7, ""];
    const m = matrix(
      ...half.map((h, i) => ({
        group: "Engagement",
        rule: `R${i}`,
        source: "Activity",
        event: i === 5 ? "" : "Page View",
        points: 1 + i / 10,
        half: h,
      })),
    );
    const ages = [0, 0.3, 1.7, 2, 2, 9.25, 33, 120.5, -1];
    const activities: Grid = [
      ["Timestamp", "Email", "Event"],
      ...ages.map((a) => [new Date(AS_OF.getTime() - a * DAY).toISOString(), "a@x.com", "Page View"]),
    ];
    const settings: Grid = [
      ["Setting", "Value"],
      ["Half-life days", 30],
    ];
    const run = scoreWorkbook(
      { leads: [["Email"], ["a@x.com"]], matrix: m, activities, settings },
      { asOf: AS_OF, timeZone: "UTC" },
    );
    const contributions = run.contributions(run.leads[0]);
    const counted = ages.filter((a) => a >= 0).sort((x, y) => x - y);
    half.forEach((h, i) => {
      const hl = h === "" ? 30 : h;
      let w = 0;
      for (const a of counted)
        w += a > 0 ? 0.5 ** ((AS_OF.getTime() - (AS_OF.getTime() - a * DAY)) / DAY / hl) : 1;
      const c = contributions.find((x) => x.label === `R${i}`);
      expect(c?.value).toBe((1 + i / 10) * w);
    });
  });
});

describe("timestamps parsed into an array", () => {
  it("store what timestampMs returns, NaN included, at the given index", () => {
    const clock = zoneClock("America/New_York");
    const cells: (CellValue | undefined)[] = [
      "2024-05-01T14:30:00Z",
      " 2024-05-01 ",
      "2024-03-10T02:30",
      "2024-05-01T14:30:00.25+02:00",
      "not a date",
      "",
      45000.5,
      new Date(Date.UTC(2024, 0, 2)),
      undefined,
      null,
      true,
    ];
    const out = new Float64Array(cells.length + 2).fill(7);
    cells.forEach((v, i) => {
      timestampInto(v, clock, out, i + 1);
      expect(Object.is(out[i + 1], timestampMs(v, clock))).toBe(true);
    });
    expect(out[0]).toBe(7);
    expect(out[cells.length + 1]).toBe(7);
  });
});

describe("UTC timestamps read from bytes", () => {
  it("give timestampMs's instant in any zone, or NaN (then the text is parsed as a cell)", () => {
    const clock = zoneClock("Asia/Kolkata");
    const two = (n: number) => String(n).padStart(2, "0");
    // Near-valid ISO texts: every field in and just out of range, other separators, other lengths.
    const text = fc
      .record({
        y: fc.integer({ min: 0, max: 9999 }),
        mo: fc.integer({ min: 0, max: 13 }),
        d: fc.integer({ min: 0, max: 32 }),
        h: fc.integer({ min: 0, max: 25 }),
        mi: fc.integer({ min: 0, max: 60 }),
        s: fc.integer({ min: 0, max: 61 }),
        ms: fc.option(fc.integer({ min: 0, max: 999 })),
        t: fc.constantFrom("T", " ", "t"),
        z: fc.constantFrom("Z", "z", "", "+01:00"),
      })
      .map(
        ({ y, mo, d, h, mi, s, ms, t, z }) =>
          `${String(y).padStart(4, "0")}-${two(mo)}-${two(d)}${t}${two(h)}:${two(mi)}:${two(s)}` +
          `${ms === null ? "" : `.${String(ms).padStart(3, "0")}`}${z}`,
      );
    // A valid text with one digit replaced by a byte next to the digits or far from them.
    const digitAt = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
    const spoiled = fc
      .tuple(fc.integer({ min: 0, max: Date.UTC(9999, 0) }), fc.constantFrom(...digitAt))
      .chain(([ms, at]) =>
        fc.constantFrom("/", ":", " ", "a", "\u00ff").map((c) => {
          const iso = `${new Date(ms).toISOString().slice(0, 19)}Z`;
          return iso.slice(0, at) + c + iso.slice(at + 1);
        }),
      );
    let read = 0;
    fc.assert(
      fc.property(fc.oneof(text, spoiled, fc.string({ maxLength: 26 })), (s) => {
        const bytes = Buffer.from(`,${s},`, "latin1");
        const instant = utcIsoInstant(bytes, 1, bytes.length - 1);
        if (Number.isNaN(instant)) return;
        read++;
        expect(instant).toBe(timestampMs(s, clock));
      }),
      { numRuns: 3000 },
    );
    expect(read).toBeGreaterThan(30); // about 70: most texts are out of range, on purpose
    expect(utcIsoInstant(Buffer.from("2024-02-29T23:59:59.999Z"), 0, 24)).toBe(
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
    );
  });
});
