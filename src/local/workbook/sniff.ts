// How a CSV file was saved, guessed from its first bytes: the text encoding and the field delimiter.
// Excel saves "CSV UTF-8" with a BOM, plain "CSV" in the Windows code page (Windows-1252 in western
// Europe and the Americas), "Unicode Text" as UTF-16LE with a BOM, and uses ";" where "," is the decimal
// separator; all of these reach the CLI.

export type CsvEncoding = "UTF-8" | "UTF-16LE" | "UTF-16BE" | "Windows-1252";
export type CsvDelimiter = "," | ";" | "\t";

export interface CsvFormat {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
}

/**
 * How many bytes are sniffed: a Windows-1252 file shows itself at its first accented letter, which in a
 * file of names is soon, and checking 1 MB is UTF-8 takes about a millisecond.
 */
export const SNIFF_BYTES = 1 << 20;

/**
 * The encoding of a file starting with `head` (`whole`: head is the whole file). A BOM decides; without
 * one, NUL bytes in every other position of ASCII text mean UTF-16; bytes that are not valid UTF-8 mean
 * Windows-1252 (every byte sequence is valid there, and it is what Excel's plain "CSV" writes).
 */
export function sniffEncoding(head: Uint8Array, whole: boolean): CsvEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "UTF-8";
  if (head[0] === 0xff && head[1] === 0xfe) return "UTF-16LE";
  if (head[0] === 0xfe && head[1] === 0xff) return "UTF-16BE";
  if (head.length >= 2 && head[0] !== 0 && head[1] === 0) return "UTF-16LE";
  if (head.length >= 2 && head[0] === 0 && head[1] !== 0) return "UTF-16BE";
  try {
    // stream: a multi-byte character cut at the end of the head is not an error.
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: !whole });
    return "UTF-8";
  } catch {
    return "Windows-1252";
  }
}

/**
 * The delimiter of the first line of `text` (outside quotes): the one of ",", ";" and tab that occurs
 * most, a comma on a tie (a one-column file has none).
 */
export function sniffDelimiter(text: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 10 || c === 13) break;
    else if (c === 44) commas++;
    else if (c === 59) semicolons++;
    else if (c === 9) tabs++;
  }
  if (semicolons > commas && semicolons >= tabs) return ";";
  if (tabs > commas && tabs > semicolons) return "\t";
  return ",";
}
