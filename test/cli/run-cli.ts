// Runs the CLI in-process (main with captured stdout and stderr) on small workbooks written to a temp folder.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";

/** `errIsTTY`: run as if stderr were a terminal. */
export async function runCli(
  args: string[],
  errIsTTY = false,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    errIsTTY,
    out: (text) => {
      stdout += text.endsWith("\n") ? text : `${text}\n`;
    },
    err: (text) => {
      stderr += text.endsWith("\n") ? text : `${text}\n`;
    },
  });
  return { code, stdout, stderr };
}

/** A scoring matrix with one rule: a lead whose Company is "Acme" gets 10 points. */
export const MATRIX =
  "Active,Group,Rule,Source,Event,Field,Operator,Value,Points,Max Count,Within Days,Half-life Days\n" +
  "TRUE,Fit,Acme,Lead,,Company,contains,Acme,10,,,\n";

/** A folder workbook holding `files` (name → text or bytes); a Scoring Matrix is added unless given. */
export function workbook(files: Record<string, string | Uint8Array>, withMatrix = true): string {
  const dir = mkdtempSync(join(tmpdir(), "leadscore-cli-"));
  mkdirSync(dir, { recursive: true });
  const all = withMatrix ? { "Scoring Matrix.csv": MATRIX, ...files } : files;
  for (const [name, content] of Object.entries(all)) writeFileSync(join(dir, name), content);
  return dir;
}
