// One writer at a time: menu runs, scheduled runs, edit and form triggers all take the document lock.
export class BusyError extends Error {
  constructor() {
    super("Another Leadscore run is writing to this spreadsheet. Try again in a minute.");
  }
}

export function withDocumentLock<T>(waitMs: number, fn: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(waitMs)) throw new BusyError();
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}
