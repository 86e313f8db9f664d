// The add-on's entry points. Every export becomes a top-level function in dist/Code.js (scripts/build.mjs),
// which is what Apps Script triggers, menus, google.script.run and custom functions can call.
export * from "./bigquery-rpc";
export * from "./calibration-rpc";
export * from "./custom-functions";
export * from "./menu";
export * from "./sidebar-rpc";
export * from "./triggers";
