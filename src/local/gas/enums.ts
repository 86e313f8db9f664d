// Apps Script enums. Google's enum values are objects whose toString() is their name; plain strings keep
// `===` comparisons, String(x) and JSON working the same way.

export function enumOf<const K extends string>(...names: K[]): Readonly<Record<K, K>> {
  const out = {} as Record<K, K>;
  for (const n of names) out[n] = n;
  return Object.freeze(out);
}

export const AuthMode = enumOf("NONE", "CUSTOM_FUNCTION", "LIMITED", "FULL");
export const EventType = enumOf(
  "CLOCK",
  "ON_OPEN",
  "ON_EDIT",
  "ON_FORM_SUBMIT",
  "ON_CHANGE",
  "ON_EVENT_UPDATED",
);
export const TriggerSource = enumOf("SPREADSHEETS", "CLOCK", "FORMS", "DOCUMENTS", "CALENDAR");
export const WeekDay = enumOf("SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY");

export const BorderStyle = enumOf("DOTTED", "DASHED", "SOLID", "SOLID_MEDIUM", "SOLID_THICK", "DOUBLE");
export const ProtectionType = enumOf("RANGE", "SHEET");
export const WrapStrategy = enumOf("WRAP", "OVERFLOW", "CLIP");
export const Dimension = enumOf("COLUMNS", "ROWS");
export const SheetType = enumOf("GRID", "OBJECT", "DATASOURCE");
/** The number comparisons, named alike in data validation and in conditional formatting. */
const NUMBER_CRITERIA = [
  "NUMBER_BETWEEN",
  "NUMBER_EQUAL_TO",
  "NUMBER_GREATER_THAN",
  "NUMBER_GREATER_THAN_OR_EQUAL_TO",
  "NUMBER_LESS_THAN",
  "NUMBER_LESS_THAN_OR_EQUAL_TO",
  "NUMBER_NOT_BETWEEN",
  "NUMBER_NOT_EQUAL_TO",
] as const;
export const DataValidationCriteria = enumOf(
  "CHECKBOX",
  "CUSTOM_FORMULA",
  "DATE_AFTER",
  "DATE_BEFORE",
  "DATE_BETWEEN",
  "DATE_EQUAL_TO",
  "DATE_IS_VALID_DATE",
  "DATE_NOT_BETWEEN",
  "DATE_ON_OR_AFTER",
  "DATE_ON_OR_BEFORE",
  ...NUMBER_CRITERIA,
  "TEXT_CONTAINS",
  "TEXT_DOES_NOT_CONTAIN",
  "TEXT_EQUAL_TO",
  "TEXT_IS_VALID_EMAIL",
  "TEXT_IS_VALID_URL",
  "VALUE_IN_LIST",
  "VALUE_IN_RANGE",
);
export const BooleanCriteria = enumOf(
  "CELL_EMPTY",
  "CELL_NOT_EMPTY",
  "CUSTOM_FORMULA",
  ...NUMBER_CRITERIA,
  "TEXT_CONTAINS",
  "TEXT_DOES_NOT_CONTAIN",
  "TEXT_ENDS_WITH",
  "TEXT_EQUAL_TO",
  "TEXT_NOT_EQUAL_TO",
  "TEXT_STARTS_WITH",
  "DATE_AFTER",
  "DATE_BEFORE",
  "DATE_EQUAL_TO",
);

export const ButtonSet = enumOf("OK", "OK_CANCEL", "YES_NO", "YES_NO_CANCEL");
export const Button = enumOf("CLOSE", "OK", "CANCEL", "YES", "NO");
export const SandboxMode = enumOf("EMULATED", "IFRAME", "NATIVE");
export const XFrameOptionsMode = enumOf("ALLOWALL", "DEFAULT");
export const DigestAlgorithm = enumOf("MD2", "MD5", "SHA_1", "SHA_256", "SHA_384", "SHA_512");
export const Charset = enumOf("US_ASCII", "UTF_8");
