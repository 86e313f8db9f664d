// `leadscore score` keeps cells typed to the right of the last header: the output columns go after them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/local/workbook";
import { runCli, workbook } from "./run-cli";

describe("cells right of the last header", () => {
  it("are kept, with the output columns after them and a warning naming tab, row and column", async () => {
    const dir = workbook({
      "Leads.csv": "Email,Company\na@x.com,Acme\nb@x.com,Other,note b,,far note\nc@x.com,Acme,note c\n",
    });
    const out = join(dir, "out.csv");
    const result = await runCli(["score", dir, "--as-of", "2026-10-20", "--out", out]);
    expect(result.code, result.stderr).toBe(0);
    const table = parseCsv(readFileSync(out, "utf8"));
    expect(table[0].slice(0, 6)).toEqual(["Email", "Company", "", "", "", "Score"]);
    expect(table.map((r) => r.slice(0, 6))).toEqual([
      ["Email", "Company", "", "", "", "Score"],
      ["a@x.com", "Acme", "", "", "", 10],
      ["b@x.com", "Other", "note b", "", "far note", 0],
      ["c@x.com", "Acme", "note c", "", "", 10],
    ]);
    expect(result.stderr).toMatch(/warning: Leads, row 3: Column C has no header, but row 3 has "note b"/);
    expect(result.stderr).toMatch(/warning: Leads, row 3: Column E has no header, but row 3 has "far note"/);
    expect(result.stderr).not.toMatch(/Column D/);
  });
});
