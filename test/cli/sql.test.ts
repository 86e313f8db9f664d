// `leadscore sql` names the tables and columns Settings gives and refuses names it cannot use;
// `leadscore score --engine duckdb` reads the CSV files directly and writes what the in-memory engine does.
import { describe, expect, it } from "vitest";
import { MATRIX, runCli, workbook } from "./run-cli";

const LEADS =
  "Email,Company\na@x.com,Acme\n\n,Acme blank key\nb@x.com,Other\na@x.com,Acme again\nc@x.com,Acme\n";
const ACTIVITIES =
  "Timestamp,Email,Event,Detail\n2024-05-01,a@x.com,Page View,/pricing\n2024-05-02,c@x.com,Page View,/\n";

describe("leadscore sql", () => {
  it("reads the tables and columns named in Settings", async () => {
    const dir = workbook({
      "Leads.csv": LEADS,
      "Activity Log.csv": ACTIVITIES,
      "Settings.csv":
        "Setting,Value,,Column,BigQuery column\nBigQuery dataset,crm,,Company,company_name\nBigQuery leads table,people,,,\n",
    });
    const { code, stdout } = await runCli(["sql", dir, "--as-of", "2024-06-01T00:00:00Z"]);
    expect(code).toBe(0);
    expect(stdout).toContain("FROM `crm.people`");
    expect(stdout).toContain("CAST(`company_name` AS STRING)");
    expect(stdout).toContain("ORDER BY `Score` DESC, `Email`");
  });

  it("prints the accounts query with --accounts, grouping by the Account key", async () => {
    const dir = workbook({
      "Leads.csv": LEADS,
      "Activity Log.csv": ACTIVITIES,
      "Settings.csv": "Setting,Value\nAccount key,Company\n",
    });
    const { code, stdout } = await runCli(["sql", dir, "--accounts", "--dialect", "duckdb"]);
    expect(code).toBe(0);
    for (const column of ["Account", "Leads", "Engaged Leads", "Fit", "Engagement", "Top Lead"])
      expect(stdout).toContain(`"${column}"`);
    expect(stdout).toMatch(/GROUP BY/i);
    // Without --accounts the lead query has no account columns.
    const leads = await runCli(["sql", dir, "--dialect", "duckdb"]);
    expect(leads.stdout).not.toContain('"Top Lead"');
  });

  it("refuses a table name that is not BigQuery's, naming the Settings row", async () => {
    const dir = workbook({
      "Leads.csv": LEADS,
      "Settings.csv": "Setting,Value\nBigQuery leads table,people`; DROP\n",
    });
    const { code, stdout, stderr } = await runCli(["sql", dir]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/Settings.*row 2/);
    expect(stderr).toContain("BigQuery leads table");
  });
});

describe("leadscore score --engine duckdb", () => {
  it("writes the same table as the in-memory engine (an empty line, blank and repeated keys included)", async () => {
    const dir = workbook({
      "Leads.csv": LEADS,
      "Activity Log.csv": ACTIVITIES,
      "Scoring Matrix.csv": `${MATRIX}TRUE,Engagement,Pricing,Activity,Page View,Detail,contains,pricing,3,,,\n`,
    });
    const args = ["score", dir, "--as-of", "2024-06-01T00:00:00Z"];
    const memory = await runCli(args);
    const duck = await runCli([...args, "--engine", "duckdb"]);
    expect(memory.code).toBe(0);
    expect(duck.code).toBe(0);
    expect(duck.stdout).toBe(memory.stdout);
    // The query sees the Activity Log's headers only: no "no activities yet" for a log that has rows.
    expect(duck.stderr).not.toContain("Activity Log");
    expect(memory.stdout.split("\n").filter((l) => l.includes(",13,"))).toHaveLength(2);
  }, 60_000);
});
