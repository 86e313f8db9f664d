// `leadscore <command> …`: dispatches to the subcommands in src/cli/commands.
import { type CliIo, type Command, UsageError } from "./command";
import { command as calibrate } from "./commands/calibrate";
import { command as fit } from "./commands/fit";
import { command as score } from "./commands/score";
import { command as sql } from "./commands/sql";

const COMMANDS: Command[] = [score, calibrate, fit, sql];

const stdio: CliIo = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "Usage: leadscore <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `leadscore <command> --help` for a command's options.",
  ].join("\n");
}

export async function main(argv: string[], io: CliIo = stdio): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    io.out(help());
    return name ? 0 : 2;
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
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`leadscore ${name}: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    io.err(`leadscore ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
