// What the runtime's BigQuery advanced service holds (service.ts): its tables, and the local knobs.
import type { CellValue } from "../../../core/types";

/** A table the service holds: rows (header row first, cells as they would be written to a CSV) or a CSV file. */
export type BigQueryTableSource = { rows: readonly (readonly CellValue[])[] } | { csv: string };

export interface BigQueryOptions {
  /** Tables by "project.dataset.table". The projects named here are the ones the user may query in. */
  tables: Record<string, BigQueryTableSource>;
  /** The datasets' location (default "US"). */
  location?: string;
  /** _local_: at most this many rows per page (BigQuery pages by maxResults and 10 MB only). */
  pageRows?: number;
  /** _local_: how many responses for each job say jobComplete: false before it completes (default 0). */
  pendingResponses?: number;
}
