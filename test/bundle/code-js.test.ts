// The built artifact itself: dist/Code.js must load in an empty context, expose every entry point as a
// global function, contain no module syntax, parse as ES2020, and keep each custom function's JSDoc.
import { readFileSync } from "node:fs";
import vm from "node:vm";
import * as acorn from "acorn";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { CUSTOM_FUNCTIONS, ENTRY_POINTS } from "../../src/contract";

const code = readFileSync(new URL("../../dist/Code.js", import.meta.url), "utf8");

describe("dist/Code.js", () => {
  it("loads in an empty vm context without touching any service", () => {
    const context = vm.createContext({});
    expect(() => vm.runInContext(code, context, { filename: "Code.js" })).not.toThrow();
    for (const name of ENTRY_POINTS) {
      expect(typeof context[name], name).toBe("function");
    }
  });

  it("declares exactly the contract's entry points as top-level function declarations", () => {
    // Every export of src/addon becomes a global function: one the contract does not name is callable by
    // google.script.run without anything knowing of it, one it names but the bundle lacks breaks a caller.
    const source = ts.createSourceFile("Code.js", code, ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS);
    const declared = source.statements.filter(ts.isFunctionDeclaration).map((f) => f.name?.text ?? "");
    expect(declared.sort()).toEqual([...ENTRY_POINTS].sort());
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
