// Exit codes: 0 scored, 1 nothing could be scored (and no output written), 2 bad usage.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli, workbook } from "./run-cli";

const LEADS = "Email,Company\na@x.com,Acme\n";

async function nothingScored(files: Record<string, string>, withMatrix: boolean, reason: RegExp) {
  const dir = workbook(files, withMatrix);
  const out = join(dir, "out.csv");
  const result = await runCli(["score", dir, "--as-of", "2026-10-20", "--out", out]);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(reason);
  expect(result.stderr).toContain("No output was written.");
  expect(existsSync(out)).toBe(false);
}

describe("leadscore score exit codes", () => {
  it("exits 1 without output when the Leads tab has no key column", () =>
    nothingScored(
      { "Leads.csv": "Name,Company\nAnn,Acme\n" },
      true,
      /no Email column[\s\S]*no lead could be scored/,
    ));

  it("exits 1 without output when the Leads tab has no leads", () =>
    nothingScored(
      { "Leads.csv": "Email,Company\n" },
      true,
      /the Leads tab has no leads under its header row/,
    ));

  it("exits 1 without output when there is no Scoring Matrix", () =>
    nothingScored({ "Leads.csv": LEADS }, false, /there is no Scoring Matrix tab/));

  it("exits 1 without output when the matrix has no Points column", () =>
    nothingScored(
      {
        "Leads.csv": LEADS,
        "Scoring Matrix.csv": "Active,Group,Rule,Field,Operator,Value\nTRUE,Fit,Acme,Company,contains,Acme\n",
      },
      true,
      /no Points column[\s\S]*the Scoring Matrix has no active rule that can score/,
    ));

  it("exits 0 when leads were scored", async () => {
    expect((await runCli(["score", workbook({ "Leads.csv": LEADS }), "--as-of", "2026-10-20"])).code).toBe(0);
  });

  it("exits 2 for an impossible --as-of date and an unknown option", async () => {
    const dir = workbook({ "Leads.csv": LEADS });
    const bad = await runCli(["score", dir, "--as-of", "2026-02-30"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--as-of "2026-02-30" is not a real date/);
    expect(bad.stderr).toContain("Usage: leadscore score");
    expect((await runCli(["score", dir, "--as-of", "2026-02-28T25:00:00Z"])).code).toBe(2);
    expect((await runCli(["score", dir, "--no-such-option"])).code).toBe(2);
  });

  it("is the process exit code, and --help documents it", async () => {
    const bin = fileURLToPath(new URL("../../bin/leadscore.js", import.meta.url));
    const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
    expect(run(["score", workbook({ "Leads.csv": "Email,Company\n" })]).status).toBe(1);
    const help = run(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Exit codes: 0 .*; 1 nothing could be done[\s\S]*2 bad usage/);
    expect((await runCli(["score", "--help"])).stdout).toMatch(
      /Exit codes: 0 scored; 1 nothing could be scored/,
    );
  });
});
