// The add-on's manifest (appsscript.json), in two flavours. "default" is appsscript.json as it is, with
// only the narrow scopes every deployment needs. "bigquery" (`npm run build -- --bigquery`) adds the
// BigQuery advanced service (developers.google.com/apps-script/guides/services/advanced: manifest
// dependencies.enabledAdvancedServices, userSymbol BigQuery, serviceId bigquery, version v2) and the scope
// its calls need (https://www.googleapis.com/auth/bigquery), for deployments that score in BigQuery.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export const BIGQUERY_SCOPE = "https://www.googleapis.com/auth/bigquery";
export const BIGQUERY_SERVICE = { userSymbol: "BigQuery", serviceId: "bigquery", version: "v2" };

/** The flavour a build's command line asks for. */
export function flavourOf(argv) {
  return argv.includes("--bigquery") ? "bigquery" : "default";
}

export function manifest(flavour = "default") {
  const base = JSON.parse(readFileSync(join(root, "appsscript.json"), "utf8"));
  if (flavour === "default") return base;
  if (flavour !== "bigquery") throw new Error(`Unknown manifest flavour: ${flavour} (default or bigquery).`);
  const services = base.dependencies?.enabledAdvancedServices ?? [];
  return {
    ...base,
    dependencies: { ...base.dependencies, enabledAdvancedServices: [...services, BIGQUERY_SERVICE] },
    oauthScopes: [...base.oauthScopes, BIGQUERY_SCOPE],
  };
}
