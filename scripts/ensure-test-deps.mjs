// `npm test` on a fresh machine: the locked npm dependencies, and Debian's chromium for the browser tests
// (installed with apt-get when this runs as root, as on CI; otherwise the browser tests say what to do).
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

await import("./ensure-deps.mjs");

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium) && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
  console.log("Installing Debian's chromium for the browser tests…");
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", {
    stdio: "inherit",
  });
}
