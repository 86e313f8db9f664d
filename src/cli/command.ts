// The shape of a `leadscore` subcommand. Each lives in src/cli/commands/<name>.ts and is listed in main.ts.

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: progress is shown there (see progress.ts). */
  errIsTTY?: boolean;
}

export interface Command {
  name: string;
  /** One line shown in `leadscore --help`. */
  summary: string;
  /** Full usage text shown by `leadscore <name> --help` and on a usage error. */
  usage: string;
  /**
   * Returns the process exit code (0: done). A command does not catch its errors: it throws, and main
   * maps what it threw to the exit code (2: UsageError or a parseArgs error, else 1).
   */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Thrown for a bad command line; main prints the message and the command's usage, exit 2. */
export class UsageError extends Error {}
