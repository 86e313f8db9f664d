// Draft rows in the editable lists (tiers, group caps, grades) carry a local id so Preact keeps each input
// attached to its row while rows are added and removed; these helpers edit a list by that id.

export interface Row {
  id: number;
}

let lastId = 0;
/** A fresh id, unique across every list in the sidebar. */
export const newId = (): number => ++lastId;

/** Gives each item a fresh id. */
export const withIds = <T>(items: T[]): (T & Row)[] => items.map((x) => ({ ...x, id: newId() }));

export const editRow = <R extends Row>(rows: R[], id: number, patch: Partial<R>): R[] =>
  rows.map((r) => (r.id === id ? { ...r, ...patch } : r));

export const removeRow = <R extends Row>(rows: R[], id: number): R[] => rows.filter((r) => r.id !== id);
