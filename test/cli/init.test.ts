// `leadscore init <folder> --from <export>`: a workbook around a CRM export, then scored.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findColumn } from "../../src/core/headers";
import { MATRIX_COLUMNS } from "../../src/core/matrix";
import type { Grid } from "../../src/core/types";
import { parseCsv, readWorkbook, writeXlsx } from "../../src/local/workbook";
import { runCli } from "./run-cli";

const HUBSPOT_HEADERS =
  "First Name,Last Name,Email,Company Name,Job Title,Number of Employees,Country/Region,Industry,Create Date,Lifecycle Stage";

const TITLES = [
  "VP Marketing",
  "Director of IT",
  "Marketing Manager",
  "Student",
  "Analyst",
  "Chief Executive Officer",
];
const INDUSTRIES = ["Software", "Financial Services", "Education", "Retail", "Marketing", "Manufacturing"];
const COUNTRIES = ["United States", "Germany", "India", "Canada", "Brazil"];
const SIZES = [12, 80, 450, "", 2500, 9000, 35];
const STAGES = ["Subscriber", "Lead", "Marketing Qualified Lead", "Opportunity"];

/** A HubSpot-style contacts export: 30 contacts, US dates (some with a day above 12), free and business emails. */
function hubspotExport(): string {
  const lines = [HUBSPOT_HEADERS];
  for (let i = 0; i < 30; i++) {
    const domain = i % 4 === 3 ? "gmail.com" : i % 7 === 5 ? "state.edu" : `company${i}.com`;
    const month = (i % 12) + 1;
    const day = (i * 7) % 28 || 28;
    lines.push(
      [
        `First${i}`,
        `Last${i}`,
        `person${i}@${domain}`,
        i % 5 === 0 ? `"Company ${i}, Inc."` : `Company ${i}`,
        TITLES[i % TITLES.length],
        SIZES[i % SIZES.length],
        COUNTRIES[i % COUNTRIES.length],
        INDUSTRIES[(i * 5) % INDUSTRIES.length],
        `${String(month).padStart(2, "0")}/${String(day).padStart(2, "0")}/2026`,
        STAGES[i % STAGES.length],
      ].join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "leadscore-init-"));
}

function exportFile(text: string, name = "contacts.csv"): string {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

const csv = (dir: string, tab: string) => parseCsv(readFileSync(join(dir, `${tab}.csv`), "utf8"));

/** Rows of the Scoring Matrix as records by header. */
function rules(dir: string): Record<string, unknown>[] {
  const [header, ...rows] = csv(dir, "Scoring Matrix");
  expect(header).toEqual([...MATRIX_COLUMNS]);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

describe("leadscore init --from a HubSpot contacts export", () => {
  it("builds a workbook whose starter rules test the export's columns, and scores it", async () => {
    const text = hubspotExport();
    const from = exportFile(text);
    const dir = join(tempDir(), "workbook");
    const init = await runCli(["init", dir, "--from", from]);
    expect(init.code, init.stderr).toBe(0);

    // Leads is the export byte for byte; the other tabs are the starter ones, the Activity Log empty.
    expect(readFileSync(join(dir, "Leads.csv"), "utf8")).toBe(text);
    expect(csv(dir, "Activity Log")).toEqual([["Timestamp", "Email", "Event", "Detail"]]);
    const settings = csv(dir, "Settings");
    expect(settings.find((r) => r[0] === "Lead key")?.[1]).toBe("Email");
    expect(csv(dir, "Lists")[0]).toEqual(["Free email", "Competitors"]);
    const fields = new Set(rules(dir).map((r) => r.Field));
    for (const header of ["Number of Employees", "Country/Region", "Job Title", "Industry"])
      expect(fields, header).toContain(header);
    expect(fields).not.toContain("Employees");
    expect(fields).not.toContain("Country");
    expect(rules(dir).every((r) => r.Active === true)).toBe(true);

    expect(init.stderr).toContain('Employees → "Number of Employees"');
    expect(init.stderr).toContain('Country → "Country/Region"');
    expect(init.stderr).toMatch(
      /tested by no rule: "First Name", "Last Name", "Company Name", "Create Date"/,
    );
    expect(init.stderr).toContain('Dates in "Create Date": US (MM/DD/YYYY)');
    expect(init.stderr).toContain("Settings ▸ Date format says US (MM/DD/YYYY)");
    expect(init.stderr).not.toContain("--date-format");
    expect(settings.find((r) => r[0] === "Date format")?.[1]).toBe("US (MM/DD/YYYY)");
    // A rule on the creation date, as a user would add one: Create Date is read month first.
    appendFileSync(
      join(dir, "Scoring Matrix.csv"),
      "TRUE,Engagement,Recent contact,Lead,,Days Since Created,<=,30,7,,,\r\n",
    );

    const scored = await runCli(["score", dir, "--as-of", "2026-11-01T00:00:00Z"]);
    expect(scored.code, scored.stderr).toBe(0);
    const table = parseCsv(scored.stdout);
    const [header, ...leads] = table;
    expect(leads).toHaveLength(30);
    const fit = leads.map((r) => r[findColumn(header, "Fit Score")] as number);
    expect(new Set(fit).size).toBeGreaterThan(4);
    const reasons = leads.map((r) => String(r[findColumn(header, "Top Reasons")]));
    // Rules matched on the mapped columns: Number of Employees, Country/Region, Industry, Job Title.
    const rowWith = (column: string, value: unknown) =>
      leads.findIndex((r) => r[findColumn(header, column)] === value);
    expect(reasons[rowWith("Number of Employees", 450)]).toContain("Company size 50–5,000 +10");
    expect(reasons[rowWith("Number of Employees", 12)]).not.toContain("Company size");
    expect(scored.stdout).toContain("Enterprise (5,000+) +6");
    expect(scored.stdout).toContain("Target country +5");
    expect(scored.stdout).toContain("Target industry +10");
    const vp = leads.findIndex(
      (r) =>
        r[findColumn(header, "Job Title")] === "VP Marketing" &&
        !String(r[findColumn(header, "Email")]).endsWith("gmail.com"),
    );
    expect(reasons[vp]).toContain("Executive title +15");
    expect(Math.max(...fit)).toBeGreaterThanOrEqual(40);
    expect(Math.min(...fit)).toBeLessThan(0);
    // US dates reach scoring: the rule matches exactly the leads created 30 days or less before the as-of.
    const asOf = Date.UTC(2026, 10, 1);
    const recent = leads.map((r) => {
      const [m, d, y] = String(r[findColumn(header, "Create Date")]).split("/").map(Number);
      return (asOf - Date.UTC(y, m - 1, d)) / 86_400_000 <= 30;
    });
    expect(recent.filter(Boolean).length).toBeGreaterThan(2);
    expect(leads.map((r) => r[findColumn(header, "Engagement Score")])).toEqual(
      recent.map((yes) => (yes ? 7 : 0)),
    );
    expect(scored.stderr).not.toContain("is not a date");
    // The empty Activity Log is one warning, not one per Engagement rule.
    expect(scored.stderr.match(/no activities yet/g)).toHaveLength(1);
    expect(scored.stderr).toMatch(/Scored 30 leads: Sales-ready \d+, Hot \d+, Warm \d+, Cold \d+/);
  });

  it("switches off the rules whose column the export lacks, and says so", async () => {
    const from = exportFile("Email,Title,No. of Employees\nann@acme.com,VP Sales,300\n");
    const dir = join(tempDir(), "wb");
    const init = await runCli(["init", dir, "--from", from]);
    expect(init.code, init.stderr).toBe(0);
    const byName = new Map(rules(dir).map((r) => [r.Rule, r]));
    expect(byName.get("Target industry")?.Active).toBe(false);
    expect(byName.get("Target country")?.Active).toBe(false);
    expect(byName.get("Executive title")).toMatchObject({ Active: true, Field: "Title" });
    expect(byName.get("Company size 50–5,000")).toMatchObject({ Active: true, Field: "No. of Employees" });
    expect(init.stderr).toMatch(
      /Not mapped[^\n]*\n {2}Industry \(Target industry\)\n {2}Country \(Target country\)/,
    );
    const scored = await runCli(["score", dir, "--as-of", "2026-11-01"]);
    expect(scored.code).toBe(0);
    // Off rules raise no problem about a missing column.
    expect(scored.stderr).not.toMatch(/Industry|Country/);
    const [header, row] = parseCsv(scored.stdout);
    expect(row[findColumn(header, "Fit Score")]).toBe(15 + 10 + 10);
  });

  it("finds a key column spelt another way and names it in Settings and the Activity Log", async () => {
    const from = exportFile(
      "Email Address,First Name,COUNTRY\nann@acme.com,Ann,Germany\nbo@gmail.com,Bo,Peru\n",
    );
    const dir = join(tempDir(), "wb");
    const init = await runCli(["init", dir, "--from", from]);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toContain('key column "Email Address"');
    expect(csv(dir, "Settings").find((r) => r[0] === "Lead key")?.[1]).toBe("Email Address");
    expect(csv(dir, "Activity Log")[0]).toEqual(["Timestamp", "Email Address", "Event", "Detail"]);
    const scored = await runCli(["score", dir, "--as-of", "2026-11-01"]);
    expect(scored.code, scored.stderr).toBe(0);
    const [header, ann, bo] = parseCsv(scored.stdout);
    const fit = findColumn(header, "Fit Score");
    // The email domain comes from the key column: a business address and a country in the list, and a free one.
    expect(ann[fit]).toBe(10 + 5);
    expect(bo[fit]).toBe(-5);
  });

  it("detects European dates, and says when the dates cannot tell", async () => {
    const eu = exportFile("Email,Created Time\na@x.com,14.03.2026\nb@x.com,02.03.2026 10:15\n");
    const euInit = await runCli(["init", join(tempDir(), "wb"), "--from", eu]);
    expect(euInit.stderr).toContain(
      'Dates in "Created Time": European (DD/MM/YYYY) (e.g. 14.03.2026). Settings ▸ Date format says European (DD/MM/YYYY)',
    );
    const slashed = exportFile("Email,Create Date\na@x.com,03/04/2026\nb@x.com,25/12/2025\n");
    expect((await runCli(["init", join(tempDir(), "wb"), "--from", slashed])).stderr).toContain(
      "European (DD/MM/YYYY)",
    );
    const ambiguous = exportFile("Email,Create Date\na@x.com,03/04/2026\n");
    const unsure = await runCli(["init", join(tempDir(), "wb"), "--from", ambiguous]);
    expect(unsure.stderr).toContain("US or European cannot be told");
    expect(unsure.stderr).toContain("Settings ▸ Date format is left at ISO (YYYY-MM-DD)");
    const forced = await runCli(["init", join(tempDir(), "wb"), "--from", ambiguous, "--date-format", "eu"]);
    expect(forced.stderr).toContain("European (DD/MM/YYYY) (as --date-format says)");
    const bad = await runCli(["init", join(tempDir(), "wb"), "--from", ambiguous, "--date-format", "uk"]);
    expect(bad.code).toBe(2);
  });

  it("reads an .xlsx export (its first sheet), keeping every column and date-only dates", async () => {
    const from = join(tempDir(), "export.xlsx");
    const grid: Grid = [
      ["Email", "Job Title", "Create Date", "Notes"],
      ["ann@acme.com", "CTO", new Date(Date.UTC(2026, 2, 14)), "met at =conf"],
    ];
    await writeXlsx(from, [{ name: "Contacts", values: grid }]);
    const dir = join(tempDir(), "wb");
    expect((await runCli(["init", dir, "--from", from])).code).toBe(0);
    expect(csv(dir, "Leads")).toEqual([grid[0], ["ann@acme.com", "CTO", "2026-03-14", "met at =conf"]]);
  });

  it("refuses to overwrite a workbook unless --force, and needs an email column", async () => {
    const from = exportFile("Email,Company\na@x.com,Acme\n");
    const dir = join(tempDir(), "wb");
    expect((await runCli(["init", dir, "--from", from])).code).toBe(0);
    writeFileSync(join(dir, "Scoring Matrix.csv"), "edited by hand\n");
    const again = await runCli(["init", dir, "--from", from]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds a workbook.*--force/);
    expect(readFileSync(join(dir, "Scoring Matrix.csv"), "utf8")).toBe("edited by hand\n");
    // --force with the export already in place keeps it intact.
    const forced = await runCli(["init", dir, "--from", join(dir, "Leads.csv"), "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, "Leads.csv"), "utf8")).toBe("Email,Company\na@x.com,Acme\n");
    expect(rules(dir).length).toBeGreaterThan(10);

    const noEmail = exportFile("Name,Company\nAnn,Acme\n");
    const target = join(tempDir(), "none");
    const refused = await runCli(["init", target, "--from", noEmail]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("has no email column");
    expect(existsSync(target)).toBe(false);
  });

  it("without --from, writes the starter workbook that the local runtime and score read", async () => {
    const dir = join(tempDir(), "blank.xlsx");
    expect((await runCli(["init", dir])).code).toBe(0);
    const names = (await readWorkbook(dir)).map((t) => t.name);
    expect(names).toEqual(["Leads", "Scoring Matrix", "Settings", "Lists", "Activity Log"]);
  });
});
