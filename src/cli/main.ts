// `leadscore <command> …`: dispatches to the subcommands in src/cli/commands.

import { version } from "../../package.json";
import { CalibrationError } from "../core/calibration";
import { type CliIo, type Command, UsageError } from "./command";
import { command as calibrate } from "./commands/calibrate";
import { command as fit } from "./commands/fit";
import { command as init } from "./commands/init";
import { command as score } from "./commands/score";
import { command as sql } from "./commands/sql";
import { cliFix } from "./outcome-options";

const COMMANDS: Command[] = [score, calibrate, fit, sql, init];

const stdio: CliIo = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  errIsTTY: process.stderr.isTTY === true,
};

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "Usage: leadscore <command> [options]   (leadscore --version prints the version)",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `leadscore <command> --help` for a command's options.",
    "",
    "Exit codes: 0 done (for score: leads were scored); 1 nothing could be done (a workbook that cannot be",
    "read, nothing to score: no output is written); 2 bad usage (unknown command or option, bad value).",
  ].join("\n");
}

export async function main(argv: string[], io: CliIo = stdio): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    io.out(help());
    return name ? 0 : 2;
  }
  if (name === "--version" || name === "-V") {
    io.out(version);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`leadscore: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(command.usage);
    return 0;
  }
  // The one place a command's errors are handled: bad usage exits 2 with the usage, anything else 1.
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (isUsageError(error)) {
      io.err(`leadscore ${name}: ${(error as Error).message}\n\n${command.usage}`);
      return 2;
    }
    const why =
      error instanceof CalibrationError
        ? `${error.message} ${cliFix(error.failure)}`
        : String(error instanceof Error ? error.message : error);
    io.err(`leadscore ${name}: ${why}`);
    return 1;
  }
}

/** A UsageError, or node:util parseArgs refusing the command line (unknown option, missing value). */
function isUsageError(error: unknown): boolean {
  if (error instanceof UsageError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_");
}
