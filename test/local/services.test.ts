// MailApp, PropertiesService, CacheService, LockService, Utilities, HtmlService, Ui and Session.
import { describe, expect, it } from "vitest";
import { LocalRuntime } from "../../src/local/gas";

const HOUR = 3_600_000;
const rt0 = (opts = {}) => new LocalRuntime({ now: new Date("2024-03-01T10:00:00Z"), ...opts });

describe("MailApp", () => {
  it("records messages in both call forms", () => {
    const rt = rt0();
    const h = rt.load(`function send() {
      MailApp.sendEmail("a@example.com", "Hot lead", "plain", { htmlBody: "<b>hi</b>", name: "Leadscore", cc: "b@example.com", noReply: true });
      MailApp.sendEmail({ to: "c@example.com, d@example.com", subject: "Digest", body: "text", replyTo: "r@example.com" });
      return MailApp.getRemainingDailyQuota();
    }`);
    expect(h.call("send")).toBe(96);
    expect(rt.outbox).toHaveLength(2);
    expect(rt.outbox[0]).toMatchObject({
      to: ["a@example.com"],
      cc: ["b@example.com"],
      subject: "Hot lead",
      body: "plain",
      htmlBody: "<b>hi</b>",
      name: "Leadscore",
      noReply: true,
    });
    expect(rt.outbox[1]).toMatchObject({ to: ["c@example.com", "d@example.com"], replyTo: "r@example.com" });
  });

  it("enforces the daily recipient quota and resets 24 h after the first send", () => {
    const rt = rt0({ mailQuota: 2 });
    const h = rt.load(
      `function send(to) { MailApp.sendEmail(to, "s", "b"); return MailApp.getRemainingDailyQuota(); }`,
    );
    expect(h.call("send", "a@example.com")).toBe(1);
    rt.clock.advance(HOUR);
    expect(h.call("send", "b@example.com")).toBe(0);
    expect(() => h.call("send", "c@example.com")).toThrow(
      "Service invoked too many times for one day: email.",
    );
    rt.clock.advance(23 * HOUR - 1);
    expect(() => h.call("send", "c@example.com")).toThrow(
      "Service invoked too many times for one day: email.",
    );
    rt.clock.advance(1);
    expect(h.call("send", "c@example.com")).toBe(1);
    expect(rt.outbox.map((m) => m.to[0])).toEqual(["a@example.com", "b@example.com", "c@example.com"]);
  });

  it("rejects bad addresses and counts cc/bcc against the quota", () => {
    const rt = rt0({ mailQuota: 2 });
    const mail = rt.globals.MailApp as GoogleAppsScript.Mail.MailApp;
    expect(() => mail.sendEmail("not-an-email", "s", "b")).toThrow("Invalid email: not-an-email");
    expect(() =>
      mail.sendEmail("a@example.com", "s", "b", { cc: "b@example.com", bcc: "c@example.com" }),
    ).toThrow(/too many times/);
    expect(rt.outbox).toHaveLength(0);
  });
});

describe("PropertiesService", () => {
  it("stores strings per scope", () => {
    const rt = rt0();
    const h = rt.load(`function run() {
      var d = PropertiesService.getDocumentProperties();
      d.setProperty("n", 5).setProperties({ a: "1", b: true });
      var s = PropertiesService.getScriptProperties();
      return [d.getProperty("n"), d.getProperty("b"), d.getProperty("missing"), s.getProperty("n"), d.getKeys().sort()];
    }
    function wipe() { var d = PropertiesService.getDocumentProperties(); d.deleteProperty("a"); var k = d.getKeys().length; d.deleteAllProperties(); return [k, d.getKeys().length]; }`);
    expect(h.call("run")).toEqual(["5", "true", null, null, ["a", "b", "n"]]);
    expect(rt.properties.document.get("n")).toBe("5");
    expect(h.call("wipe")).toEqual([2, 0]);
  });

  it("rejects values over 9 KB", () => {
    const rt = rt0();
    const props = (
      rt.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService
    ).getDocumentProperties();
    props.setProperty("ok", "x".repeat(9 * 1024));
    expect(() => props.setProperty("big", "x".repeat(9 * 1024 + 1))).toThrow("Argument too large: value");
    expect(props.getProperty("big")).toBeNull();
  });
});

describe("CacheService", () => {
  it("expires entries by the runtime clock", () => {
    const rt = rt0();
    const cache = (rt.globals.CacheService as GoogleAppsScript.Cache.CacheService).getDocumentCache()!;
    cache.put("a", "1", 60);
    cache.putAll({ b: "2", c: "3" });
    expect(cache.getAll(["a", "b", "zz"])).toEqual({ a: "1", b: "2" });
    rt.clock.advance(60_000);
    expect(cache.get("a")).toBeNull();
    expect(cache.get("b")).toBe("2");
    cache.remove("b");
    expect(cache.get("b")).toBeNull();
    rt.clock.advance(600_000);
    expect(cache.get("c")).toBeNull();
  });
});

describe("LockService", () => {
  it("tryLock/waitLock succeed when free and fail while another run holds the lock", () => {
    const rt = rt0();
    const h = rt.load(`
      function tryIt(ms) { var l = LockService.getDocumentLock(); var ok = l.tryLock(ms); return [ok, l.hasLock()]; }
      function waitIt(ms) { LockService.getDocumentLock().waitLock(ms); return "locked"; }
    `);
    expect(h.call("tryIt", 1000)).toEqual([true, true]);
    // The lock is released when that execution ends.
    expect(h.call("tryIt", 0)).toEqual([true, true]);
    rt.holdLock("document");
    const before = rt.clock.now();
    expect(h.call("tryIt", 5000)).toEqual([false, false]);
    expect(rt.clock.now() - before).toBe(5000); // waiting takes time
    expect(() => h.call("waitIt", 1000)).toThrow(/^Lock timeout/);
    rt.releaseLock("document");
    expect(h.call("waitIt", 1000)).toBe("locked");
  });

  it("acquires a lock the other run releases within the timeout", () => {
    const rt = rt0();
    const h = rt.load(`function tryIt(ms) { return LockService.getScriptLock().tryLock(ms); }`);
    rt.holdLock("script", 2000);
    expect(h.call("tryIt", 1000)).toBe(false);
    expect(h.call("tryIt", 1000)).toBe(true);
  });
});

describe("Utilities and Session", () => {
  it("formatDate renders SimpleDateFormat patterns in a time zone", () => {
    const rt = rt0();
    const u = rt.globals.Utilities as GoogleAppsScript.Utilities.Utilities;
    const d = new Date("2024-03-01T15:04:05.123Z");
    expect(u.formatDate(d, "UTC", "yyyy-MM-dd HH:mm:ss")).toBe("2024-03-01 15:04:05");
    expect(u.formatDate(d, "America/New_York", "EEE, MMM d, yyyy h:mm a z")).toBe(
      "Fri, Mar 1, 2024 10:04 AM EST",
    );
    expect(u.formatDate(d, "Europe/Paris", "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe("2024-03-01T16:04:05+01:00");
    expect(u.formatDate(d, "UTC", "yyyy-MM-dd'T'HH:mm:ss.SSSX")).toBe("2024-03-01T15:04:05.123Z");
    expect(u.formatDate(d, "Asia/Kolkata", "EEEE d MMMM yy, HH:mm Z")).toBe("Friday 1 March 24, 20:34 +0530");
    expect(u.formatDate(d, "UTC", "'It''s' H")).toBe("It's 15");
  });

  it("sleep advances the clock; uuid, digest and base64 work", () => {
    const rt = rt0();
    const u = rt.globals.Utilities as GoogleAppsScript.Utilities.Utilities;
    u.sleep(1500);
    expect(rt.clock.date().toISOString()).toBe("2024-03-01T10:00:01.500Z");
    expect(u.getUuid()).toMatch(/^[0-9a-f-]{36}$/);
    const md5 = u.computeDigest(u.DigestAlgorithm.MD5, "abc");
    expect(md5).toHaveLength(16);
    expect(md5[0]).toBe(-112); // 0x90 as a signed Java byte
    expect(u.base64Encode("héllo")).toBe(Buffer.from("héllo").toString("base64"));
    expect(u.newBlob(u.base64Decode(u.base64Encode("héllo"))).getDataAsString()).toBe("héllo");
  });

  it("Session reports the user and time zone", () => {
    const rt = rt0({ user: "me@corp.com", timeZone: "Europe/Paris" });
    const h = rt.load(
      `function who() { return [Session.getEffectiveUser().getEmail(), Session.getActiveUser().getEmail(), Session.getScriptTimeZone(), SpreadsheetApp.getActive().getSpreadsheetTimeZone(), SpreadsheetApp.getActive().getOwner().getEmail()]; }`,
    );
    expect(h.call("who")).toEqual([
      "me@corp.com",
      "me@corp.com",
      "Europe/Paris",
      "Europe/Paris",
      "me@corp.com",
    ]);
  });

  it("dates typed as text are read in the spreadsheet time zone", () => {
    const rt = rt0({ timeZone: "America/New_York" });
    const r = rt.spreadsheet.getActiveSheet().getRange("A1");
    r.setValue("2024-01-05");
    expect((r.getValue() as Date).toISOString()).toBe("2024-01-05T05:00:00.000Z");
    expect(r.getDisplayValue()).toBe("1/5/2024");
  });
});

describe("HtmlService and Ui", () => {
  const files = {
    sidebar: "<html><body>Leadscore sidebar</body></html>",
    dialog: "<p>Hi <?= name ?> <?!= raw ?></p>",
  };

  it("shows sidebars and dialogs from files, templates and strings", () => {
    const rt = rt0({ files });
    const h = rt.load(`
      function openSidebar() {
        var out = HtmlService.createHtmlOutputFromFile("sidebar").setTitle("Leadscore").setWidth(300);
        SpreadsheetApp.getUi().showSidebar(out);
      }
      function explain() {
        var t = HtmlService.createTemplateFromFile("dialog");
        t.name = "<Ada>"; t.raw = "<b>x</b>";
        SpreadsheetApp.getUi().showModalDialog(t.evaluate().setWidth(400).setHeight(300), "Explain");
      }
      function missing() { HtmlService.createHtmlOutputFromFile("nope"); }
    `);
    h.call("openSidebar");
    h.call("explain");
    expect(rt.ui.sidebars).toEqual([
      expect.objectContaining({ kind: "sidebar", title: "Leadscore", html: files.sidebar, width: 300 }),
    ]);
    expect(rt.ui.dialogs).toEqual([
      expect.objectContaining({
        kind: "modal",
        title: "Explain",
        html: "<p>Hi &#60;Ada&#62; <b>x</b></p>",
        height: 300,
      }),
    ]);
    expect(() => h.call("missing")).toThrow("No HTML file named nope was found.");
  });

  it("records menus with separators and submenus; alerts take scripted answers", () => {
    const rt = rt0();
    const h = rt.load(`
      function onOpen() {
        var ui = SpreadsheetApp.getUi();
        ui.createMenu("Leadscore").addItem("Set up workbook", "setup").addSeparator()
          .addSubMenu(ui.createMenu("More").addItem("Check the matrix", "check")).addToUi();
      }
      function ask() { var ui = SpreadsheetApp.getUi(); return [ui.alert("Sure?", "Rescore all?", ui.ButtonSet.YES_NO), ui.alert("Done")]; }
    `);
    h.call("onOpen");
    expect(rt.ui.menus[0]).toEqual({
      title: "Leadscore",
      addon: false,
      items: [
        { kind: "item", caption: "Set up workbook", functionName: "setup" },
        { kind: "separator" },
        {
          kind: "submenu",
          menu: {
            title: "More",
            addon: false,
            items: [{ kind: "item", caption: "Check the matrix", functionName: "check" }],
          },
        },
      ],
    });
    expect(rt.ui.menuItems().map((i) => i.functionName)).toEqual(["setup", "check"]);
    expect(h.call("ask")).toEqual(["YES", "OK"]);
    rt.ui.answerAlerts("NO");
    expect(h.call("ask")).toEqual(["NO", "OK"]);
    expect(rt.ui.alerts[0]).toEqual({
      title: "Sure?",
      prompt: "Rescore all?",
      buttons: "YES_NO",
      answer: "YES",
    });
  });
});
