#!/usr/bin/env node
// The `leadscore` command: runs the bundled CLI, building it first on a clone that was never built.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const cli = new URL("../build/cli.js", import.meta.url);
if (!existsSync(cli)) {
  execFileSync(process.execPath, [fileURLToPath(new URL("../scripts/build.mjs", import.meta.url))], {
    stdio: "inherit",
  });
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
