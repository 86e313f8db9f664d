// GA4's BigQuery export as the Activity Log: a view over the `events_*` tables with the Activity Log's
// columns. Schema: developers.google.com/analytics/bigquery/event-schema (support.google.com/analytics/
// answer/7029846): event_timestamp INTEGER, microseconds UTC; event_name STRING; user_id STRING (set by
// the site's setUserId / user_id config), user_pseudo_id STRING (the device's pseudonymous ID);
// event_params a REPEATED RECORD of key STRING and value RECORD (string_value, int_value, float_value,
// double_value). GA4 event names are snake_case: page_view reads as "page view", so a matrix Event
// "Page View" matches it.
import type { Dialect } from "./dialect";

export type Ga4User = "user_id" | "user_pseudo_id";

/** The view's Activity Log headers (the key column is the Lead key) and the export fields they come from. */
export const GA4_COLUMNS = {
  timestamp: "Timestamp",
  timestampField: "event_timestamp",
  event: "Event",
  eventField: "event_name",
  detail: "Detail",
  detailField: "event_params page_location",
} as const;

/**
 * CTE `_ga4` over the export table `from` (quoted): `_row` (the timestamp in microseconds: Max Count's
 * order among activities of the same millisecond), Timestamp (epoch ms, a number), the key from `user`,
 * Event and Detail (the page_location parameter). Events without that user field are not any lead's.
 */
export function ga4Cte(from: string, user: Ga4User, keyHeader: string, d: Dialect): string {
  const page = `(SELECT p.value.string_value FROM ${d.unnest("event_params", "p")} WHERE p.key = 'page_location' LIMIT 1)`;
  return (
    `_ga4 AS (SELECT event_timestamp AS _row, FLOOR(CAST(event_timestamp AS ${d.float}) / 1000) AS ${d.ident(GA4_COLUMNS.timestamp)},` +
    ` ${user} AS ${d.ident(keyHeader)}, REPLACE(event_name, '_', ' ') AS ${d.ident(GA4_COLUMNS.event)},` +
    ` ${page} AS ${d.ident(GA4_COLUMNS.detail)} FROM ${from} WHERE ${user} IS NOT NULL)`
  );
}
