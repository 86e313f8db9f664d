// `leadscore score` on a matrix with a pattern RE2 cannot run and one that backtracks exponentially.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { findColumn } from "../../src/core/headers";
import { parseCsv, writeWorkbook } from "../../src/local/workbook";
import { REGEX_MESSAGE, REGEX_SCORES, REGEX_TABS } from "../fixtures/regex-workbook";

const root = fileURLToPath(new URL("../..", import.meta.url));

it("reports the unsupported pattern with row, column and fix, and scores with the other rules", async () => {
  const dir = mkdtempSync(join(tmpdir(), "leadscore-regex-"));
  await writeWorkbook(dir, REGEX_TABS);
  const result = spawnSync(
    process.execPath,
    [join(root, "bin/leadscore.js"), "score", dir, "--as-of", "2026-11-01T00:00:00Z"],
    { cwd: root, encoding: "utf8" },
  );
  expect(result.status).toBe(0);
  const line = result.stderr.split("\n").find((l) => l.includes("Scoring Matrix, row 3"));
  expect(line).toMatch(/^.*Scoring Matrix, row 3, column "Value": .* Fix: Write out what the group matches/);
  expect(line).toMatch(REGEX_MESSAGE);
  const table = parseCsv(result.stdout);
  const email = findColumn(table[0], "Email");
  const score = findColumn(table[0], "Score");
  expect(Object.fromEntries(table.slice(1).map((r) => [r[email], r[score]]))).toEqual(REGEX_SCORES);
});
