// Types for scripts/build-sidebar.mjs, so TypeScript callers (the build, the browser tests) stay strict.
export function renderSidebar(): Promise<string>;
export function renderPage(): Promise<string>;
export function buildSidebar(options?: {
  outFile?: string;
}): Promise<{ outFile: string; bytes: number; html: string }>;
