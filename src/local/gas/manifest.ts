// The parts of the script's manifest (appsscript.json) the runtime acts on (reference:
// developers.google.com/apps-script/manifest, Dependencies / EnabledAdvancedService): an advanced
// service is a global only when the manifest enables it, under its userSymbol; a script that lists its
// scopes explicitly (oauthScopes) can call only what those scopes allow.

export interface EnabledAdvancedService {
  userSymbol: string;
  serviceId: string;
  version: string;
}

export interface Manifest {
  timeZone?: string;
  oauthScopes?: string[];
  dependencies?: { enabledAdvancedServices?: EnabledAdvancedService[] };
}

/** The advanced service's entry in the manifest, if it is enabled. */
export function enabledService(
  manifest: Manifest | undefined,
  serviceId: string,
): EnabledAdvancedService | null {
  return manifest?.dependencies?.enabledAdvancedServices?.find((s) => s.serviceId === serviceId) ?? null;
}

/**
 * Throws as Apps Script does when explicit scopes do not cover a call ("Specified permissions are not
 * sufficient to call …"); a manifest without oauthScopes gets the scopes the code needs, as Apps Script
 * infers them.
 */
export function requireScope(
  manifest: Manifest | undefined,
  call: string,
  accepted: readonly string[],
): void {
  const scopes = manifest?.oauthScopes;
  if (!scopes || accepted.some((s) => scopes.includes(s))) return;
  throw new Error(
    `Specified permissions are not sufficient to call ${call}. Required permissions: ${accepted[0]}`,
  );
}
