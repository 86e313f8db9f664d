import { defineConfig } from "vitest/config";

export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  test: {
    // Apps Script runs in the script's time zone, not the host's: pin the host's so local-time Date methods
    // in the bundle give the same answer on every machine.
    env: { TZ: "UTC" },
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
