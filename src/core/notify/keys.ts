// Lead keys and tier names compare trimmed and case-insensitively, as everywhere else in Leadscore.
export function normKey(text: unknown): string {
  return String(text ?? "")
    .trim()
    .toLowerCase();
}
