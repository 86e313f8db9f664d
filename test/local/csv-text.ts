// Random CSV text for property tests: pieces that make every kind of field, row and malformed quote.
import fc from "fast-check";

const piece = fc.constantFrom(
  "a",
  "Ab",
  ",",
  '"',
  '""',
  "\n",
  "\r\n",
  "\r",
  "1",
  "-2.5",
  "007",
  "true",
  "FALSE",
  " ",
  "é",
  "€",
  "😀",
  "\uFEFF",
  "x".repeat(20),
);
export const csvText = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(""));
