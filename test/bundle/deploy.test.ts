// `npm run deploy` pushes with clasp from dist/: check offline which files clasp would push, and the manifest.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BIGQUERY_SCOPE, flavourOf, manifest } from "../../scripts/manifest.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("deployment", () => {
  it("clasp pushes exactly Code.js, sidebar.html and appsscript.json from dist/", () => {
    const out = execFileSync(
      process.execPath,
      [`${root}/node_modules/@google/clasp/build/src/index.js`, "status", "--json"],
      {
        cwd: root,
        encoding: "utf8",
      },
    );
    const status = JSON.parse(out.slice(out.indexOf("{"))) as { filesToPush: string[] };
    expect([...status.filesToPush].sort()).toEqual([
      "dist/Code.js",
      "dist/appsscript.json",
      "dist/sidebar.html",
    ]);
  });

  it("ships a V8 manifest with only the scopes the features use", () => {
    const manifest = JSON.parse(readFileSync(`${root}/dist/appsscript.json`, "utf8"));
    expect(manifest.runtimeVersion).toBe("V8");
    expect(manifest.oauthScopes.sort()).toEqual(
      [
        "https://www.googleapis.com/auth/script.container.ui",
        "https://www.googleapis.com/auth/script.scriptapp",
        "https://www.googleapis.com/auth/script.send_mail",
        "https://www.googleapis.com/auth/spreadsheets.currentonly",
        "https://www.googleapis.com/auth/userinfo.email",
      ].sort(),
    );
    // Each scope is used by the bundle: no scope that nothing uses.
    const code = readFileSync(`${root}/dist/Code.js`, "utf8");
    expect(code).toMatch(/SpreadsheetApp\.getActiveSpreadsheet/);
    expect(code).toMatch(/\.showSidebar\(/);
    expect(code).toMatch(/ScriptApp\.newTrigger/);
    expect(code).toMatch(/MailApp\.sendEmail/);
    expect(code).toMatch(/Session\.getEffectiveUser\(\)\.getEmail/);
  });

  it("asks for BigQuery only in the BigQuery flavour: its service and one scope more, nothing else", () => {
    const plain = manifest("default");
    expect(JSON.parse(readFileSync(`${root}/dist/appsscript.json`, "utf8"))).toEqual(plain);
    expect(plain.dependencies?.enabledAdvancedServices ?? []).toEqual([]);
    const bq = manifest("bigquery");
    expect(bq.dependencies?.enabledAdvancedServices).toEqual([
      { userSymbol: "BigQuery", serviceId: "bigquery", version: "v2" },
    ]);
    expect([...bq.oauthScopes].sort()).toEqual([...plain.oauthScopes, BIGQUERY_SCOPE].sort());
    expect({ ...bq, oauthScopes: plain.oauthScopes, dependencies: undefined }).toEqual({
      ...plain,
      dependencies: undefined,
    });
    // The BigQuery scope is used: the bundle calls the service (guarded, as it is no global by default).
    const code = readFileSync(`${root}/dist/Code.js`, "utf8");
    expect(code).toMatch(/\.Jobs\.query\(/);
    expect(code).toMatch(/typeof BigQuery/);
  });

  it("builds the BigQuery flavour with npm run build -- --bigquery, the default otherwise", () => {
    expect(flavourOf(["node", "build.mjs", "--bigquery"])).toBe("bigquery");
    expect(flavourOf(["node", "build.mjs"])).toBe("default");
  });

  it("has no network-loaded script or stylesheet in the sidebar", () => {
    const html = readFileSync(`${root}/dist/sidebar.html`, "utf8");
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });
});
