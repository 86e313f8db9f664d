// Formatting for the tabs: ISO text for times (what a CSV export holds), TRUE/FALSE for booleans.
import type { CellValue } from "../core/types";
import { DAY } from "./activities";

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** "YYYY-MM-DD" of a Unix-seconds time (UTC). */
export function isoDate(t: number): string {
  return new Date(t * 1000).toISOString().slice(0, 10);
}

/**
 * "YYYY-MM-DDTHH:MM:SSZ" of Unix seconds. A bench formats a million of these: both halves are cached
 * (per day and per second of the day), so each timestamp costs one small two-part string, not a
 * Date, and holds little memory.
 */
export class IsoFormatter {
  private readonly days = new Map<number, string>();
  private clock: string[] = [];

  format(t: number): string {
    const day = Math.floor(t / DAY);
    let prefix = this.days.get(day);
    if (prefix === undefined) {
      prefix = `${isoDate(day * DAY)}T`;
      this.days.set(day, prefix);
    }
    const s = t - day * DAY;
    if (this.clock.length === 0) this.clock = new Array<string>(DAY).fill("");
    let time = this.clock[s];
    if (time === "") {
      time = `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}Z`;
      this.clock[s] = time;
    }
    return prefix + time;
  }
}

/** A cell as CSV text, the way a Sheets CSV export writes it (TRUE/FALSE, blank for null). */
export function csvCell(v: CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return v.toISOString();
  return String(v);
}
