// The CLI's manners: --version, sentences for wrong paths, a tier summary, progress only when asked or
// on a terminal, readable dates, a real .xlsx for --out x.xlsx, and --bom.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findColumn } from "../../src/core/headers";
import { parseCsv, readXlsx, writeXlsx } from "../../src/local/workbook";
import { runCli, workbook } from "./run-cli";

const LEADS = "Email,Company,Note\na@x.com,Acme,10–20 − ok\nb@y.com,Acme Ltd,\nc@z.com,Other,\n";

describe("leadscore CLI niceties", () => {
  it("--version prints the package's version", async () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    const result = await runCli(["--version"]);
    expect(result).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it("names a missing workbook, a file given for a folder, and a missing or wrong output folder", async () => {
    const dir = workbook({ "Leads.csv": LEADS });
    const missing = await runCli(["score", join(dir, "nope")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/"[^"]*nope" does not exist\. Give a workbook: a folder of CSV files/);

    const file = await runCli(["score", join(dir, "Leads.csv")]);
    expect(file.code).toBe(1);
    expect(file.stderr).toContain(
      `is a file, not a workbook folder. Give the folder that holds the tabs' CSV files ("${dir}")`,
    );

    const noFolder = await runCli(["score", dir, "--out", join(dir, "missing", "out.csv")]);
    expect(noFolder.code).toBe(1);
    expect(noFolder.stderr).toContain(`the folder "${join(dir, "missing")}" does not exist`);

    const folderOut = await runCli(["score", dir, "--out", dir]);
    expect(folderOut.code).toBe(1);
    expect(folderOut.stderr).toContain("is a folder. Give a file name");

    const xlsxFolder = join(dir, "book.xlsx");
    mkdirSync(xlsxFolder);
    expect((await runCli(["score", xlsxFolder])).stderr).toContain("is a folder, not an .xlsx file");
  });

  it("ends with a tier summary on stderr that matches the Tier column", async () => {
    const dir = workbook({ "Leads.csv": LEADS });
    const result = await runCli(["score", dir, "--as-of", "2026-11-01"]);
    expect(result.code, result.stderr).toBe(0);
    const [header, ...rows] = parseCsv(result.stdout);
    const tiers = rows.map((r) => r[findColumn(header, "Tier")]);
    const count = (t: string) => tiers.filter((x) => x === t).length;
    expect(result.stderr).toContain(
      `Scored 3 leads: Sales-ready ${count("Sales-ready")}, Hot ${count("Hot")}, Warm ${count("Warm")}, Cold ${count("Cold")}`,
    );
    const out = join(dir, "scored.csv");
    expect((await runCli(["score", dir, "--out", out])).stderr).toMatch(
      /Scored 3 leads: .* → .*scored\.csv\n$/,
    );
  });

  it("reports progress only with --progress, or on a terminal for large runs", async () => {
    const dir = workbook({ "Leads.csv": LEADS });
    const quiet = await runCli(["score", dir]);
    expect(quiet.stderr).not.toContain("Scoring");
    const small = await runCli(["score", dir], true);
    expect(small.stderr).not.toContain("Scoring");
    const asked = await runCli(["score", dir, "--progress"]);
    expect(asked.stderr).toMatch(/^\[\d+\.\d s\] Scoring 3 leads…$/m);
    expect(asked.stderr).toMatch(/^\[\d+\.\d s\] Writing the table…$/m);

    const many = ["Email,Company", ...Array.from({ length: 50_001 }, (_, i) => `p${i}@x.com,Acme`)].join(
      "\n",
    );
    const big = workbook({ "Leads.csv": `${many}\n` });
    expect((await runCli(["score", big], true)).stderr).toContain("Scoring 50,001 leads…");
    expect((await runCli(["score", big])).stderr).not.toContain("Scoring 50,001");
  });

  it("writes Scored At to the second and keeps date-only cells date-only", async () => {
    const dir = workbook({});
    const book = join(dir, "book.xlsx");
    const matrix = parseCsv(readFileSync(join(dir, "Scoring Matrix.csv"), "utf8"));
    await writeXlsx(book, [
      {
        name: "Leads",
        values: [
          ["Email", "Company", "Created", "Last Call"],
          ["a@x.com", "Acme", new Date(Date.UTC(2026, 2, 4)), new Date(Date.UTC(2026, 2, 4, 9, 30, 15))],
        ],
      },
      { name: "Scoring Matrix", values: matrix },
    ]);
    const result = await runCli(["score", book, "--as-of", "2026-11-01T00:00:00.250Z"]);
    expect(result.code, result.stderr).toBe(0);
    const [header, row] = parseCsv(result.stdout);
    expect(row[findColumn(header, "Created")]).toBe("2026-03-04");
    expect(row[findColumn(header, "Last Call")]).toBe("2026-03-04T09:30:15Z");
    expect(row[findColumn(header, "Scored At")]).toBe("2026-11-01T00:00:00Z");
  });

  it("--out x.xlsx writes a real workbook with a Leads sheet", async () => {
    const dir = workbook({ "Leads.csv": LEADS });
    const out = join(dir, "scored.xlsx");
    const result = await runCli(["score", dir, "--as-of", "2026-11-01T09:00:00Z", "--out", out]);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString("latin1")).toBe("PK"); // a zip, as .xlsx files are
    const [sheet] = await readXlsx(out);
    expect(sheet.name).toBe("Leads");
    const [header, a] = sheet.values;
    expect(a[findColumn(header, "Score")]).toBe(10);
    expect(a[findColumn(header, "Scored At")]).toEqual(new Date("2026-11-01T09:00:00Z"));
  });

  it("--bom starts CSV output with a UTF-8 byte order mark, file or stdout", async () => {
    const dir = workbook({ "Leads.csv": LEADS });
    const out = join(dir, "scored.csv");
    expect((await runCli(["score", dir, "--out", out, "--bom"])).code).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8")).toContain("10–20 − ok");
    expect((await runCli(["score", dir, "--bom"])).stdout.startsWith("\uFEFFEmail,")).toBe(true);
    expect((await runCli(["score", dir])).stdout.startsWith("Email,")).toBe(true);
    const xlsx = await runCli(["score", dir, "--bom", "--out", join(dir, "x.xlsx")]);
    expect(xlsx.code).toBe(2);
  });

  it("a Leads tab alone points to leadscore init, and a missing key column to the closest header", async () => {
    const alone = await runCli(["score", workbook({ "Leads.csv": LEADS }, false)]);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toContain("leadscore init <new folder> --from <your Leads.csv>");
    const dir = workbook({ "Leads.csv": "Email Address,Company\na@x.com,Acme\n" });
    writeFileSync(join(dir, "Settings.csv"), "Setting,Value\nScore floor,0\n");
    const keyed = await runCli(["score", dir]);
    expect(keyed.code).toBe(1);
    expect(keyed.stderr).toContain(
      "no Email column (the lead key), so no lead can be scored. Did you mean Email Address?",
    );
    expect(keyed.stderr).toContain("Fix: Set Lead key in Settings to Email Address");
  });
});
