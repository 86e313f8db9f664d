// A sparse 2-D layer of per-cell attributes (formulas, notes, formats, validations, styles), 0-based.

export class Layer<V> {
  rows: (Array<V | undefined> | undefined)[] = [];

  get(r: number, c: number): V | undefined {
    return this.rows[r]?.[c];
  }

  set(r: number, c: number, v: V | undefined): void {
    let row = this.rows[r];
    if (v === undefined) {
      if (row && c < row.length) row[c] = undefined;
      return;
    }
    if (!row) {
      row = [];
      this.rows[r] = row;
    }
    row[c] = v;
  }

  hasRow(r: number): boolean {
    const row = this.rows[r];
    return !!row && row.some((v) => v !== undefined);
  }

  /** Last column index (0-based) holding a value in row r, or -1. */
  lastInRow(r: number): number {
    const row = this.rows[r];
    if (!row) return -1;
    for (let c = row.length - 1; c >= 0; c--) if (row[c] !== undefined) return c;
    return -1;
  }

  clear(r: number, c: number, nr: number, nc: number): void {
    const end = Math.min(r + nr, this.rows.length);
    for (let i = r; i < end; i++) {
      const row = this.rows[i];
      if (!row) continue;
      const stop = Math.min(c + nc, row.length);
      for (let j = c; j < stop; j++) row[j] = undefined;
    }
  }

  spliceRows(start: number, deleteCount: number, insertCount: number): void {
    if (start >= this.rows.length) return;
    const out = this.rows.slice(0, start);
    out.length = start + insertCount; // holes: no attributes on inserted rows
    for (let i = start + deleteCount; i < this.rows.length; i++) out.push(this.rows[i]);
    this.rows = out;
  }

  spliceColumns(start: number, deleteCount: number, insertCount: number): void {
    for (const row of this.rows) {
      if (row && start < row.length) row.splice(start, deleteCount, ...new Array<undefined>(insertCount));
    }
  }

  clearAll(): void {
    this.rows = [];
  }
}
