// One CSV field's bytes → its cell: decoded in the file's encoding, then typed the way a Sheets import types
// cells, but conservatively: only values that survive a round trip unchanged become numbers or booleans,
// so IDs, zip codes and phone numbers stay text.
import type { CellValue } from "../../core/types";

// Plain decimal numbers as String(n) writes them: no leading zeros ("00123" stays text), no grouping
// ("1,200" stays text: it is locale-dependent), no sign but "-" ("+1 555…" stays text).
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Types one CSV field: "" → "", TRUE/FALSE (any case) → boolean, a plain number → number, else the text. */
export function typeCsvCell(text: string): CellValue {
  if (text === "") return "";
  const c = text.charCodeAt(0);
  // Fast path: most fields are words, which cannot be numbers or booleans.
  if ((c >= 48 && c <= 57) || c === 45) {
    // A "-" after the first character only follows an exponent's "e": "2024-05-01…" is no number.
    if (text.charCodeAt(4) === 45 && (text.charCodeAt(3) | 32) !== 101) return text;
    // More than 15 significant digits would lose precision as a double: keep such IDs as text.
    if (NUMBER.test(text) && (text.length <= 15 || text.replace(/^-|\.|[eE].*$/g, "").length <= 15)) {
      const n = Number(text);
      // An exponent that does not come back as written stays text: 1e999 is not Infinity and 1e308 not
      // "1e+308", so a message quotes the cell as typed.
      if (String(n) === text || !/[eE]/.test(text)) return n;
    }
    return text;
  }
  if (text.length === 4 || text.length === 5) {
    const u = text.toUpperCase();
    if (u === "TRUE") return true;
    if (u === "FALSE") return false;
  }
  return text;
}

// Bytes → text: ASCII through Node's Buffer#latin1Slice (what toString("latin1") calls after checking its
// arguments, a good part of the per-field cost), anything else in the file's encoding (UTF-8: invalid
// bytes → U+FFFD, as readFile(…, "utf8") does).
type Latin1Slicing = Buffer & { latin1Slice?: (start: number, end: number) => string };
export const latin1: (buf: Buffer, start: number, end: number) => string =
  typeof (Buffer.prototype as Latin1Slicing).latin1Slice === "function"
    ? (buf, start, end) => (buf as Latin1Slicing).latin1Slice!(start, end)
    : (buf, start, end) => buf.toString("latin1", start, end);

export type Decode = (buf: Buffer, start: number, end: number) => string;

export function decodeUtf8(buf: Buffer, start: number, end: number): string {
  for (let i = start; i < end; i++) if (buf[i] >= 0x80) return buf.toString("utf8", start, end);
  return latin1(buf, start, end);
}

// Windows-1252 is Latin-1 but for 0x80–0x9F (the WHATWG Encoding Standard's table; the five bytes it
// leaves undefined map to the same code point). Not TextDecoder("windows-1252"): Node ≥ 20.18.3 decodes
// it as Latin-1 (https://github.com/nodejs/node/issues/60888), so "€" would come back as U+0080.
const CP1252_80_9F =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";
const C1 = /[\x80-\x9f]/g;

export function decodeWindows1252(buf: Buffer, start: number, end: number): string {
  const text = latin1(buf, start, end);
  for (let i = start; i < end; i++)
    if (buf[i] >= 0x80 && buf[i] <= 0x9f)
      return text.replace(C1, (ch) => CP1252_80_9F[ch.charCodeAt(0) - 0x80]);
  return text;
}

/** The Decode for a file's bytes as the parser sees them: Windows-1252, else UTF-8 (UTF-16 is transcoded first). */
export function decodeFor(encoding: string): Decode {
  return encoding === "Windows-1252" ? decodeWindows1252 : decodeUtf8;
}

/**
 * Text → Windows-1252 bytes with the same table the reader decodes by. Returns undefined when a character
 * has no byte there (the caller says so rather than write "?" over the user's text, as Excel would).
 */
export function encodeWindows1252(text: string): Buffer | undefined {
  const out = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[i] = c;
    else {
      const b = CP1252_80_9F.indexOf(text[i]);
      if (b < 0) return undefined;
      out[i] = 0x80 + b;
    }
  }
  return out;
}
