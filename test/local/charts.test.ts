// Embedded charts in the local runtime: the Charts enums, the builder, insert / get / update / remove, and
// what inspect() reports, all counted like other service calls.
import { describe, expect, it } from "vitest";
import { LocalRuntime } from "../../src/local/gas";

const BUNDLE = `
function build(type) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Data");
  var chart = sheet.newChart()
    .setChartType(Charts.ChartType[type])
    .addRange(sheet.getRange("A1:B4"))
    .addRange(sheet.getRange("D1:D4"))
    .setNumHeaders(1)
    .setOption("title", "Rates")
    .setOption("series", { 1: { type: "line" } })
    .setPosition(6, 2, 10, 20)
    .build();
  sheet.insertChart(chart);
  return sheet.getCharts().length;
}
function describeCharts() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Data");
  return sheet.getCharts().map(function (c) {
    var info = c.getContainerInfo();
    return {
      id: c.getChartId(),
      type: String(c.modify().getChartType()),
      title: c.getOptions().get("title"),
      series1: c.getOptions().get("series.1.type"),
      ranges: c.getRanges().map(function (r) { return r.getA1Notation(); }),
      at: [info.getAnchorRow(), info.getAnchorColumn(), info.getOffsetX(), info.getOffsetY()],
      headers: c.getNumHeaders(),
      isArray: c.getRanges() instanceof Array,
    };
  });
}
function retitleFirst(title) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Data");
  var chart = sheet.getCharts()[0];
  sheet.updateChart(chart.modify().setOption("title", title).asColumnChart().build());
}
function removeAll() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Data");
  sheet.getCharts().forEach(function (c) { sheet.removeChart(c); });
  return sheet.getCharts().length;
}
function removeUninserted() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Data");
  sheet.removeChart(sheet.newChart().setChartType(Charts.ChartType.LINE).build());
}
`;

function setup(): { rt: LocalRuntime; script: ReturnType<LocalRuntime["load"]> } {
  const rt = new LocalRuntime();
  rt.loadTabs([
    {
      name: "Data",
      values: [
        ["Tier", "Rate", "Base", "Leads"],
        ["Cold", 0.05, 0.1, 10],
        ["Warm", 0.1, 0.1, 10],
        ["Hot", 0.3, 0.1, 10],
      ],
    },
  ]);
  return { rt, script: rt.load(BUNDLE) };
}

describe("embedded charts", () => {
  it("exposes the Charts enums as a global", () => {
    const { script } = setup();
    expect(script.evaluate("Charts.ChartType.COLUMN")).toBe("COLUMN");
    expect(script.evaluate("String(Charts.ChartType.LINE)")).toBe("LINE");
    expect(script.evaluate("Charts.ChartMergeStrategy.MERGE_COLUMNS")).toBe("MERGE_COLUMNS");
  });

  it("builds, inserts and reads back a chart's type, ranges, position and options", () => {
    const { rt, script } = setup();
    expect(script.call("build", "COMBO")).toBe(1);
    expect(rt.inspect("Data").charts).toEqual([
      {
        id: 1,
        type: "COMBO",
        ranges: ["A1:B4", "D1:D4"],
        position: { row: 6, column: 2, offsetX: 10, offsetY: 20 },
        options: { title: "Rates", series: { 1: { type: "line" } } },
        numHeaders: 1,
        mergeStrategy: "MERGE_COLUMNS",
        hiddenDimensionStrategy: "IGNORE_BOTH",
        transpose: false,
      },
    ]);
    expect(script.call("describeCharts")).toEqual([
      {
        id: 1,
        type: "COMBO",
        title: "Rates",
        series1: "line",
        ranges: ["A1:B4", "D1:D4"],
        at: [6, 2, 10, 20],
        headers: 1,
        isArray: true,
      },
    ]);
  });

  it("counts every chart call", () => {
    const { rt, script } = setup();
    rt.calls.reset();
    script.call("build", "COLUMN");
    expect(rt.calls.byName()).toMatchObject({
      "Sheet.newChart": 1,
      "EmbeddedChartBuilder.setChartType": 1,
      "EmbeddedChartBuilder.addRange": 2,
      "EmbeddedChartBuilder.setOption": 2,
      "EmbeddedChartBuilder.setPosition": 1,
      "EmbeddedChartBuilder.build": 1,
      "Sheet.insertChart": 1,
      "Sheet.getCharts": 1,
    });
  });

  it("updates a chart in place and removes charts by id", () => {
    const { rt, script } = setup();
    script.call("build", "LINE");
    script.call("build", "COLUMN");
    script.call("retitleFirst", "New title");
    const charts = rt.inspect("Data").charts;
    expect(charts.map((c) => [c.id, c.type, c.options.title])).toEqual([
      [1, "COLUMN", "New title"],
      [2, "COLUMN", "Rates"],
    ]);
    expect(script.call("removeAll")).toBe(0);
    expect(rt.inspect("Data").charts).toEqual([]);
    expect(() => script.call("removeUninserted")).toThrow(/could not be found/);
  });

  it("rejects a chart type that is not a Charts.ChartType", () => {
    const { script } = setup();
    expect(() => script.call("build", "NOPE")).toThrow(/don't match the method signature/);
  });

  it("refuses chart changes in a custom function", () => {
    const { script } = setup();
    expect(() => script.callAs("CUSTOM_FUNCTION", "build", "LINE")).toThrow(
      /permission to call Sheet.insertChart/,
    );
  });
});
