// Which form responses the Activity Log already records, kept compact so that form intake need not read the
// whole log to stay exactly-once: per responses tab, the highest responses-tab row a "Form Submit" activity
// names in its Detail ("Form Responses 1 row 7"), over the log's rows 1 to `logRows`. Sheets appends each new
// response below the others, so a response on a higher row is one the log cannot hold yet; a lower row (an
// edited response, or rows deleted from the responses tab) is looked up in the whole log as before. Valid
// only with the lead states' fingerprint it was written under (the log's header row is part of it).
import { findColumn } from "../core/headers";
import type { CellValue, Grid } from "../core/types";
import { cellText, normText } from "../core/values";
import { KEY, readState, writeState } from "./state";

/** The Event of the activity a form response records. */
export const FORM_EVENT = "Form Submit";

export interface ResponseMarker {
  fingerprint: string;
  logRows: number;
  /** Responses tab name → the highest row recorded. */
  last: Record<string, number>;
}

/** A response's place in its responses tab. */
export interface ResponseRef {
  sheet: string;
  row: number;
}

/** The Detail a Form Submit activity records for a response (the same when it is edited). */
export const rowDetail = (ref: ResponseRef) => `${ref.sheet} row ${ref.row}`;

const DETAIL = /^(.+) row (\d+)$/;

/** Adds the responses these log rows record (`eventCol`/`detailCol` of each) to `last`. */
export function addRecorded(
  last: Record<string, number>,
  rows: readonly (readonly CellValue[])[],
  eventCol: number,
  detailCol: number,
): void {
  const event = normText(FORM_EVENT);
  for (const row of rows) {
    if (normText(row[eventCol]) !== event) continue;
    const m = DETAIL.exec(cellText(row[detailCol]));
    if (m) last[m[1]] = Math.max(last[m[1]] ?? 0, Number(m[2]));
  }
}

export function readMarker(fingerprint: string): ResponseMarker | null {
  const marker = readState<ResponseMarker>(KEY.formResponses);
  return marker && marker.fingerprint === fingerprint && marker.last ? marker : null;
}

export function writeMarker(marker: ResponseMarker): void {
  writeState(KEY.formResponses, marker);
}

/**
 * After a run that read the whole Activity Log (header row first; new rows it wrote included): which
 * responses it records, under the lead states' fingerprint. Every full run leaves it so, at no extra read,
 * and the next response then reads a few cells whatever changed before (the matrix, Settings, a header).
 */
export function rememberResponses(fingerprint: string, activities: Grid | undefined): void {
  const header = activities?.[0];
  if (!activities || !header) return;
  const last: Record<string, number> = {};
  const [eventCol, detailCol] = [findColumn(header, "Event"), findColumn(header, "Detail")];
  if (eventCol >= 0 && detailCol >= 0) addRecorded(last, activities.slice(1), eventCol, detailCol);
  writeMarker({ fingerprint, logRows: activities.length, last });
}
