// Overlapping executions (rt.interleave): an inner execution starts at a chosen service call of a running
// one, with its own lock ownership and start time; the order is fixed by the test, not by timing.
import { describe, expect, it } from "vitest";
import { createRuntime } from "../../src/local/gas";

const START = new Date("2024-03-01T09:00:00Z");

const SCRIPT = `
  function holdAndWork() {
    var lock = LockService.getDocumentLock();
    lock.waitLock(1000);
    SpreadsheetApp.getActive().getSheetByName("Sheet1").getRange("A1").setValue("outer");
    return lock.hasLock();
  }
  function tryIt(ms) { var l = LockService.getDocumentLock(); return [l.tryLock(ms), l.hasLock()]; }
  function waitIt(ms) { LockService.getDocumentLock().waitLock(ms); return "locked"; }
  function startedAt() { return Date.now(); }
  // Read, (something may happen here), write back: the classic lost update.
  function increment(locked) {
    var lock = LockService.getDocumentLock();
    if (locked && !lock.tryLock(5000)) return "busy";
    var props = PropertiesService.getDocumentProperties();
    var n = Number(props.getProperty("n") || 0);
    props.setProperty("n", String(n + 1));
    return n + 1;
  }
  function trace(label) {
    var props = PropertiesService.getDocumentProperties();
    props.setProperty("log", (props.getProperty("log") || "") + label + ";");
    props.setProperty("log", props.getProperty("log") + label + "!;");
  }
`;

function runtime() {
  const rt = createRuntime({ now: START });
  const script = rt.load(SCRIPT);
  return { rt, script };
}

describe("lock contention between overlapping executions", () => {
  it("a lock the outer run holds is not the inner run's: tryLock is false after the wait, waitLock throws", () => {
    const { rt, script } = runtime();
    let waitedFrom = 0;
    const { value, steps } = rt.interleave(
      () => script.call("holdAndWork"),
      [
        {
          at: { after: "Lock.waitLock" },
          run: () => {
            waitedFrom = rt.clock.now();
            return script.call("tryIt", 5000);
          },
        },
        { at: { after: "Lock.waitLock" }, run: () => script.call("waitIt", 2000) },
      ],
    );
    expect(steps[0].result).toEqual([false, false]);
    // Google's message (Lock.waitLock "timing out with an exception").
    expect(String(steps[1].error)).toBe(
      "Error: Lock timeout: another process was holding the lock for too long.",
    );
    expect(rt.clock.now() - waitedFrom).toBe(7000); // both waits took their timeouts on the clock
    expect(value).toBe(true); // the outer run still held its lock after the inner ones ended
    expect(rt.values("Sheet1")[0][0]).toBe("outer");
    // Each execution's locks are released when it ends: a later run gets the lock at once.
    const before = rt.clock.now();
    expect(script.call("tryIt", 5000)).toEqual([true, true]);
    expect(rt.clock.now()).toBe(before);
  });

  it("the inner run gets the lock when it starts before the outer run takes it", () => {
    const { rt, script } = runtime();
    const { steps, value } = rt.interleave(
      () => script.call("tryIt", 0),
      [{ at: { before: "Lock.tryLock" }, run: () => script.call("tryIt", 0) }],
    );
    expect(steps[0].result).toEqual([true, true]);
    // The inner run ended and released the lock before the outer run asked for it.
    expect(value).toEqual([true, true]);
  });

  it("each execution has its own start time for the 6-minute limit", () => {
    const rt = createRuntime({ now: START, maxExecutionMs: 10_000 });
    const script = rt.load(SCRIPT);
    const outer = () => {
      try {
        return script.call("holdAndWork");
      } catch (e) {
        return String(e);
      }
    };
    const wait6s = () => script.call("tryIt", 6000);
    // Two inner runs of 6 s each stall the outer run past its 10 s limit ("serial" clock)…
    const slow = rt.interleave(outer, [
      { at: { after: "Lock.waitLock" }, run: wait6s },
      { at: { after: "Lock.waitLock" }, run: wait6s },
    ]);
    expect(slow.value).toBe("Error: Exceeded maximum execution time");
    // …while each inner run, started later, stayed within its own limit.
    expect(slow.steps.map((s) => [s.error, s.result])).toEqual([
      [undefined, [false, false]],
      [undefined, [false, false]],
    ]);
    // "parallel": the outer run resumes at the time each inner one started, so it is not charged for them.
    const beside = rt.interleave(outer, [
      { at: { after: "Lock.waitLock" }, run: wait6s, clock: "parallel" },
      { at: { after: "Lock.waitLock" }, run: wait6s, clock: "parallel" },
    ]);
    expect(beside.value).toBe(true);
  });
});

describe("a read-modify-write race on document properties", () => {
  it("loses an update without the lock and keeps both with it", () => {
    const { rt, script } = runtime();
    const race = rt.interleave(
      () => script.call("increment", false),
      [{ at: { after: "Properties.getProperty" }, run: () => script.call("increment", false) }],
    );
    expect(race.steps[0].result).toBe(1);
    expect(race.value).toBe(1);
    expect(rt.properties.document.get("n")).toBe("1"); // two increments, one survives

    rt.properties.document.clear();
    const locked = rt.interleave(
      () => script.call("increment", true),
      [{ at: { after: "Properties.getProperty" }, run: () => script.call("increment", true) }],
    );
    expect(locked.steps[0].result).toBe("busy"); // it could not get in between the read and the write
    expect(locked.value).toBe(1);
    expect(rt.properties.document.get("n")).toBe("1");
    expect(script.call("increment", true)).toBe(2); // …and runs once the holder is done
  });
});

describe("order determinism", () => {
  const order = () => {
    const { rt, script } = runtime();
    const { steps } = rt.interleave(
      () => script.call("trace", "A"),
      [
        {
          at: { after: "Properties.setProperty", nth: 1 },
          run: () =>
            rt.interleave(
              () => script.call("trace", "B"),
              [{ at: { before: "Properties.setProperty", nth: 2 }, run: () => script.call("trace", "C") }],
            ),
        },
      ],
    );
    expect(steps[0].error).toBeUndefined(); // the nested step (C) was reached too
    return rt.properties.document.get("log");
  };

  it("runs nested inner executions at exactly the chosen calls, the same every time", () => {
    // A writes "A;"; then B runs: it writes "A;B;", reads it, and just before its second write (whose
    // value it has computed) C runs to its end; B's write then overwrites C's, and A finishes last.
    expect(order()).toBe("A;B;B!;A!;");
    expect(order()).toBe(order());
  });

  it("says which step never came", () => {
    const { rt, script } = runtime();
    expect(() =>
      rt.interleave(() => script.call("tryIt", 0), [{ at: { after: "MailApp.sendEmail" }, run: () => 1 }]),
    ).toThrow("interleave: step 1 (after MailApp.sendEmail #1) was never reached");
  });
});
