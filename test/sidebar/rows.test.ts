import { describe, expect, it } from "vitest";
import { editRow, newId, removeRow, withIds } from "../../sidebar/logic/rows";

describe("draft rows", () => {
  it("gives every item a distinct id, across calls", () => {
    const a = withIds([{ name: "A" }, { name: "B" }]);
    const b = withIds([{ name: "C" }]);
    const ids = [...a, ...b].map((r) => r.id);
    expect(new Set(ids).size).toBe(3);
    expect(a.map((r) => r.name)).toEqual(["A", "B"]);
    expect(newId()).toBeGreaterThan(Math.max(...ids));
  });

  it("edits and removes only the row with the given id, keeping the order", () => {
    const rows = [
      { id: 1, name: "A", min: "1" },
      { id: 2, name: "B", min: "2" },
      { id: 3, name: "C", min: "3" },
    ];
    expect(editRow(rows, 2, { min: "20" })).toEqual([
      { id: 1, name: "A", min: "1" },
      { id: 2, name: "B", min: "20" },
      { id: 3, name: "C", min: "3" },
    ]);
    expect(removeRow(rows, 2).map((r) => r.name)).toEqual(["A", "C"]);
    expect(editRow(rows, 9, { min: "0" })).toEqual(rows);
    expect(rows[1].min).toBe("2");
  });
});
