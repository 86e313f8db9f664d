// The spreadsheet locale's rules for reading typed input (File ▸ Settings ▸ Locale). Sheets parses strings
// written by setValue(s) "following the same rules that are applied when entering text into a cell via the
// Google Sheets UI" (developers.google.com/sheets/api/reference/rest/v4/ValueInputOption), and those rules
// follow the spreadsheet's locale: separators, day/month order, currency symbol.
// _local_: only the four locales below are modelled; their rules are approximations of Sheets' (see
// src/local/gas/README.md).

export interface SheetLocale {
  readonly id: string;
  readonly decimal: "." | ",";
  /** Thousands separators a typed number may use (groups of exactly three digits). */
  readonly groups: string;
  /** "3/4" is 3 April (true) or March 4 (false). */
  readonly dayFirst: boolean;
  readonly currency: string;
  /** "5 €" (true) or "$5" (false). */
  readonly currencyAfter: boolean;
  /** Allows a space before "%" ("12,5 %"). */
  readonly percentSpace: boolean;
  /** Accepts "2:30 PM" and English month names ("Jan 5", "5 January 2024"). */
  readonly english: boolean;
}

const NARROW_NBSP = "\u202f";
const NBSP = "\u00a0";

const LOCALES = new Map<string, SheetLocale>(
  Object.entries({
    en_US: {
      id: "en_US",
      decimal: ".",
      groups: ",",
      dayFirst: false,
      currency: "$",
      currencyAfter: false,
      percentSpace: false,
      english: true,
    },
    en_GB: {
      id: "en_GB",
      decimal: ".",
      groups: ",",
      dayFirst: true,
      currency: "£",
      currencyAfter: false,
      percentSpace: false,
      english: true,
    },
    de_DE: {
      id: "de_DE",
      decimal: ",",
      groups: ".",
      dayFirst: true,
      currency: "€",
      currencyAfter: true,
      percentSpace: true,
      english: false,
    },
    // French groups thousands with a (narrow) no-break space; a plain space is accepted as typed.
    fr_FR: {
      id: "fr_FR",
      decimal: ",",
      groups: ` ${NBSP}${NARROW_NBSP}`,
      dayFirst: true,
      currency: "€",
      currencyAfter: true,
      percentSpace: true,
      english: false,
    },
  }),
);

/** The locale's rules; throws for a locale the local runtime does not model (_local_). */
export function sheetLocale(id: string): SheetLocale {
  const found = LOCALES.get(id);
  if (!found) {
    throw new Error(
      `Local runtime: locale "${id}" is not modelled (known: ${[...LOCALES.keys()].join(", ")}).`,
    );
  }
  return found;
}
