// What a path names on disk, checked before any work so that a typo gets a sentence, not ENOENT.
import { stat } from "node:fs/promises";

/** What is at `path`: a file, a folder, or nothing. */
export async function pathKind(path: string): Promise<"file" | "folder" | undefined> {
  try {
    return (await stat(path)).isDirectory() ? "folder" : "file";
  } catch {
    return undefined;
  }
}
