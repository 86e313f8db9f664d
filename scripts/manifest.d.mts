// Types for scripts/manifest.mjs (the build and the tests read the manifest flavours through it).
import type { Manifest } from "../src/local/gas/manifest";

export const BIGQUERY_SCOPE: string;
export const BIGQUERY_SERVICE: { userSymbol: string; serviceId: string; version: string };
export function flavourOf(argv: readonly string[]): "default" | "bigquery";
export function manifest(
  flavour?: "default" | "bigquery",
): Manifest & { runtimeVersion: string; oauthScopes: string[] };
