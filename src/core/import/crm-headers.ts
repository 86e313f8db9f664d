// The headers CRM and form exports give the columns the starter matrix tests, so that a workbook made
// around an export (leadscore init --from) points its rules at them. Compared loosely (letters and digits
// only, any case): "E-mail", "No. of Employees" and "Country/Region" match as typed by each tool.
import { looseName } from "../closest";
import type { CellValue } from "../types";

/** The lead key, best first: HubSpot/Zoho/Salesforce "Email", Mailchimp "Email Address", Pipedrive "Email - Work". */
export const KEY_HEADERS: readonly string[] = [
  "Email",
  "Email Address",
  "E-mail",
  "E-mail Address",
  "Work Email",
  "Business Email",
  "Primary Email",
  "Email - Work",
  "Email 1",
  "Contact Email",
];

/**
 * Each starter-matrix Leads field → the headers exports give it, best first. HubSpot (contacts export),
 * Salesforce (report labels and API names), Pipedrive (people export, "Organization - " prefixed), Zoho CRM
 * (leads) and Mailchimp (audience export, upper-case merge tags).
 */
export const FIELD_HEADERS: Readonly<Record<string, readonly string[]>> = {
  "Job Title": ["Job Title", "Title", "Job Function", "Designation", "Position", "Role"],
  Industry: ["Industry", "Company Industry", "Industry Type"],
  Employees: [
    "Employees",
    "Number of Employees",
    "No. of Employees",
    "NumberOfEmployees",
    "Number of employees",
    "Employee Count",
    "Company Size",
    "Headcount",
  ],
  Country: [
    "Country",
    "Country/Region",
    "Country Region",
    "Mailing Country",
    "Billing Country",
    "Company Country",
    "Address - Country",
  ],
};

/**
 * The lead's creation date (Days Since Created): Leadscore's own "Created", else HubSpot "Create Date",
 * Salesforce "Created Date"/"CreatedDate", Zoho "Created Time", Pipedrive "Person - Add time"… read so.
 */
export const CREATED_HEADERS: readonly string[] = [
  "Created",
  "Create Date",
  "Created Date",
  "Date Created",
  "Created Time",
  "Created On",
  "Created At",
  "Add time",
];

/** Prefixes Pipedrive puts before a column of the person or of their organization. */
const PREFIX = /^(person|organization|organisation|org|contact|lead|account|company)\s*-\s*/i;

const loose = (h: CellValue) => looseName(String(h ?? "").replace(PREFIX, ""));

/** 0-based column of the first wanted header (in the order given) the row has; -1 when none. */
export function findHeader(headers: readonly CellValue[], wanted: readonly string[]): number {
  const names = headers.map(loose);
  for (const w of wanted) {
    const i = names.indexOf(looseName(w));
    if (i >= 0) return i;
  }
  return -1;
}

/** 0-based column of the lead's creation date (CREATED_HEADERS); -1 when none. */
export function createdColumn(headers: readonly CellValue[]): number {
  return findHeader(headers, CREATED_HEADERS);
}
