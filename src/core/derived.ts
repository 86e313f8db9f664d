// Derived lead fields: values the engine computes per lead, testable like Leads columns.
import { findColumn, normalizeHeader } from "./headers";
import type { CellValue } from "./types";

export type DerivedField = "emailDomain" | "daysSinceLastActivity" | "daysSinceCreated" | "activityCount";

export const DERIVED_FIELDS: Readonly<Record<string, DerivedField>> = {
  "email domain": "emailDomain",
  "days since last activity": "daysSinceLastActivity",
  "days since created": "daysSinceCreated",
  "activity count": "activityCount",
};

/** Names as documented, for messages and dropdowns. */
export const DERIVED_FIELD_NAMES: readonly string[] = [
  "Email Domain",
  "Days Since Last Activity",
  "Days Since Created",
  "Activity Count",
];

export function derivedField(name: string): DerivedField | undefined {
  return DERIVED_FIELDS[normalizeHeader(name)];
}

/** Lower-cased text after the last @; "" when there is none. */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0
    ? ""
    : email
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

/** The column Email Domain is read from: Email, else the lead key (an export keyed by "Work Email" has no Email column). */
export function emailColumn(headers: readonly CellValue[], keyCol: number): number {
  const email = findColumn(headers, "Email");
  return email >= 0 ? email : keyCol;
}
