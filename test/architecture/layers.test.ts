// The layer rules (README, Architecture): imports run downwards only and never in a circle. Every import of
// every .ts/.tsx file under src/ and sidebar/ is read with the TypeScript compiler (type-only imports and
// re-exports count), resolved to a file, and checked; a violation names the file and the import.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

const files = [...sourceFiles("src"), ...sourceFiles("sidebar")];
const texts = new Map(files.map((f) => [f, readFileSync(join(root, f), "utf8")]));

interface Import {
  /** The specifier as written. */
  spec: string;
  /** Repository-relative file it resolves to; null for a package or node: builtin. */
  target: string | null;
}

/** Bundler resolution for relative specifiers, as tsconfig's moduleResolution "Bundler" does it. */
function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  const base = relative(root, resolve(root, dirname(from), spec));
  const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`];
  const found = candidates.find((c) => texts.has(c));
  if (found) return found;
  // A non-source file (JSON, CSS) is a leaf; an unresolvable import would hide an edge, so it fails.
  if (existsSync(join(root, base)) && statSync(join(root, base)).isFile()) return base;
  throw new Error(`${from}: cannot resolve import "${spec}"`);
}

const imports = new Map<string, Import[]>(
  files.map((file) => [
    file,
    ts
      .preProcessFile(texts.get(file)!, true, true)
      .importedFiles.map(({ fileName }) => ({ spec: fileName, target: resolveImport(file, fileName) })),
  ]),
);

const LAYERS = [
  "src/core",
  "src/contract",
  "src/sheets",
  "src/addon",
  "src/local",
  "src/cli",
  "src/demo",
  "sidebar",
] as const;
type Layer = (typeof LAYERS)[number];

function layerOf(file: string): Layer | null {
  return LAYERS.find((layer) => file.startsWith(`${layer}/`)) ?? null;
}

/** "file imports spec (target)" for every import from `layer` whose target's layer `allowed` rejects. */
function violations(layer: Layer, allowed: (target: Layer | null) => boolean): string[] {
  return files
    .filter((file) => layerOf(file) === layer)
    .flatMap((file) =>
      imports
        .get(file)!
        .filter((i) => i.target !== null && !allowed(layerOf(i.target)))
        .map((i) => `${file} imports "${i.spec}" (${i.target})`),
    );
}

const only =
  (...layers: Layer[]) =>
  (target: Layer | null) =>
    target !== null && layers.includes(target);
const not =
  (...layers: Layer[]) =>
  (target: Layer | null) =>
    target === null || !layers.includes(target);

/** The Apps Script services: core must run in Node and the sidebar too. */
const APPS_SCRIPT_GLOBALS = new Set([
  "SpreadsheetApp",
  "ScriptApp",
  "PropertiesService",
  "LockService",
  "MailApp",
  "GmailApp",
  "Session",
  "Utilities",
  "CacheService",
  "HtmlService",
  "BigQuery",
  "GoogleAppsScript",
]);

/** Identifiers that name a global (not a property name after a dot or in a declaration), outside comments. */
function globalsUsed(file: string): string[] {
  if (![...APPS_SCRIPT_GLOBALS].some((name) => texts.get(file)!.includes(name))) return [];
  const source = ts.createSourceFile(file, texts.get(file)!, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && APPS_SCRIPT_GLOBALS.has(node.text)) {
      const parent = node.parent;
      const isMemberName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isQualifiedName(parent) && parent.right === node) ||
        ((ts.isPropertyAssignment(parent) ||
          ts.isPropertySignature(parent) ||
          ts.isPropertyDeclaration(parent) ||
          ts.isMethodDeclaration(parent) ||
          ts.isMethodSignature(parent)) &&
          parent.name === node);
      if (!isMemberName) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${file}:${line + 1} uses ${node.text}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Strongly connected components of more than one file (or a file importing itself): Tarjan's algorithm. */
function circles(): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const edges = (file: string) =>
    imports
      .get(file)!
      .map((i) => i.target)
      .filter((t): t is string => t !== null && texts.has(t));
  const connect = (file: string): void => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const target of edges(file)) {
      if (!index.has(target)) {
        connect(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file)!, index.get(target)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || edges(file).includes(file)) found.push(component.sort());
  };
  for (const file of files) if (!index.has(file)) connect(file);
  return found;
}

describe("layers", () => {
  it("finds the files and their imports", () => {
    // Guards the rules below against passing on an empty or unparsed tree.
    for (const layer of LAYERS)
      expect(
        files.some((f) => layerOf(f) === layer),
        layer,
      ).toBe(true);
    expect(imports.get("src/addon/index.ts")!.map((i) => i.target)).toContain("src/addon/menu.ts");
  });

  it("src/core imports only src/core", () => {
    expect(violations("src/core", only("src/core"))).toEqual([]);
  });

  it("src/core references no Apps Script global", () => {
    expect(files.filter((f) => layerOf(f) === "src/core").flatMap(globalsUsed)).toEqual([]);
  });

  it("src/contract imports only src/core", () => {
    expect(violations("src/contract", only("src/core", "src/contract"))).toEqual([]);
  });

  it("src/sheets imports nothing from src/addon, src/local, src/cli or sidebar", () => {
    expect(violations("src/sheets", not("src/addon", "src/local", "src/cli", "sidebar"))).toEqual([]);
  });

  it("src/addon imports nothing from src/local, src/cli or sidebar", () => {
    expect(violations("src/addon", not("src/local", "src/cli", "sidebar"))).toEqual([]);
  });

  it("sidebar imports only sidebar, src/contract and src/core", () => {
    expect(violations("sidebar", only("sidebar", "src/contract", "src/core"))).toEqual([]);
  });

  it("has no import circle", () => {
    const report = circles().map((component) =>
      component
        .flatMap((file) =>
          imports
            .get(file)!
            .filter((i) => i.target !== null && component.includes(i.target))
            .map((i) => `${file} imports "${i.spec}"`),
        )
        .join("; "),
    );
    expect(report).toEqual([]);
  });
});
