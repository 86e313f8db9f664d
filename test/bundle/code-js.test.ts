// The built artifact itself: dist/Code.js must load in an empty context, expose every entry point as a
// global function, contain no module syntax, parse as ES2020, and keep each custom function's JSDoc.
import { readFileSync } from "node:fs";
import vm from "node:vm";
import * as acorn from "acorn";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { SIDEBAR_FUNCTIONS } from "../../src/addon/api";

const code = readFileSync(new URL("../../dist/Code.js", import.meta.url), "utf8");

const ENTRY_POINTS = [
  "onOpen",
  "onInstall",
  "menuSetUpWorkbook",
  "menuScoreAll",
  "menuOpenSidebar",
  "menuExplainSelectedLead",
  "menuCheckMatrix",
  "menuToggleAutoScoring",
  "onEditAutoScore",
  "onChangeAutoScore",
  "onFormSubmitIntake",
  "debouncedRescore",
  "continueScoring",
  "scheduledRun",
  ...SIDEBAR_FUNCTIONS,
];
const CUSTOM_FUNCTIONS = ["LEADSCORE", "LEADSCORE_DETAIL", "LEADTIER", "LEADGRADE", "LEADDECAY"];

describe("dist/Code.js", () => {
  it("loads in an empty vm context without touching any service", () => {
    const context = vm.createContext({});
    expect(() => vm.runInContext(code, context, { filename: "Code.js" })).not.toThrow();
    for (const name of [...ENTRY_POINTS, ...CUSTOM_FUNCTIONS]) {
      expect(typeof context[name], name).toBe("function");
    }
  });

  it("declares every entry point as a top-level function declaration", () => {
    const source = ts.createSourceFile("Code.js", code, ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS);
    const declared = new Set(
      source.statements.filter(ts.isFunctionDeclaration).map((f) => f.name?.text ?? ""),
    );
    for (const name of [...ENTRY_POINTS, ...CUSTOM_FUNCTIONS]) expect(declared.has(name), name).toBe(true);
  });

  it("has no import or export statements and parses as an ES2020 script", () => {
    const source = ts.createSourceFile("Code.js", code, ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS);
    const moduleSyntax = source.statements.filter(
      (s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s),
    );
    expect(moduleSyntax).toHaveLength(0);
    expect((source as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toHaveLength(0);
    // vm.Script compiles it as a classic script: `import`/`export` would be a SyntaxError here.
    expect(() => new vm.Script(code)).not.toThrow();
  });

  it("uses no syntax newer than ES2020", () => {
    // acorn rejects anything past the version asked for (class fields, `??=`, top-level await…).
    expect(() => acorn.parse(code, { ecmaVersion: 2020, sourceType: "script" })).not.toThrow();
  });

  it("keeps the @customfunction JSDoc right above each custom function", () => {
    for (const name of CUSTOM_FUNCTIONS) {
      const match = code.match(new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*function ${name}\\(`));
      expect(match, name).not.toBeNull();
      expect(match![1]).toContain("@customfunction");
      expect(match![1]).toContain("@param");
    }
  });
});
