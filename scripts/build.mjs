// Builds everything the project ships:
//   dist/Code.js, dist/appsscript.json, dist/sidebar.html  – what clasp pushes to Apps Script
//     (`--bigquery`: the manifest flavour with the BigQuery advanced service and scope, scripts/manifest.mjs)
//   build/*.js                                             – the Node side: CLI, local runtime start, benches
// Apps Script only sees top-level function declarations, so the add-on is bundled as an IIFE assigned to one
// global, and a stub is appended for every export of the entry module (names read from an ESM pass's metafile).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import ts from "typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const addonEntry = join(root, "src/addon/index.ts");
const dist = join(root, "dist");
const nodeOut = join(root, "build");
const GLOBAL = "Leadscore";

async function exportNames(entry) {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    target: "es2020",
    metafile: true,
    write: false,
    outfile: "entry.js",
    logLevel: "silent",
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  return output.exports;
}

/** Parameter names and JSDoc of the functions exported from src/addon, read syntactically (fast, no type check). */
function addonDeclarations() {
  const dir = join(root, "src/addon");
  const found = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const text = readFileSync(join(dir, file), "utf8");
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2020, true);
    for (const node of source.statements) {
      if (!ts.isFunctionDeclaration(node) || !node.name) continue;
      if (!node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
      const jsdoc = docs.length ? text.slice(docs[0].pos, docs[0].end) : "";
      const params = node.parameters.map((p) => p.name.getText(source).replace(/^\.\.\./, ""));
      found.set(node.name.text, { jsdoc, params });
    }
  }
  return found;
}

function stubs(names, declarations) {
  return names
    .map((name) => {
      const decl = declarations.get(name);
      const params = decl ? decl.params.join(", ") : "...args";
      const call = decl ? decl.params.join(", ") : "...args";
      // Only custom functions need their JSDoc: Sheets reads @customfunction from the pushed file.
      const doc = decl?.jsdoc.includes("@customfunction") ? `${decl.jsdoc}\n` : "";
      return `${doc}function ${name}(${params}) {\n  return ${GLOBAL}.${name}(${call});\n}\n`;
    })
    .join("\n");
}

async function buildAddon() {
  const names = await exportNames(addonEntry);
  const bundle = await esbuild.build({
    entryPoints: [addonEntry],
    bundle: true,
    format: "iife",
    globalName: GLOBAL,
    target: "es2020",
    platform: "browser",
    write: false,
    charset: "utf8",
    legalComments: "none",
    logLevel: "warning",
  });
  const code = bundle.outputFiles[0].text;
  const header =
    "// Leadscore add-on, built by scripts/build.mjs. Entry points are the functions at the end.\n";
  writeFileSync(join(dist, "Code.js"), `${header}${code}\n${stubs(names, addonDeclarations())}`);
  const { flavourOf, manifest } = await import(pathToFileURL(join(root, "scripts/manifest.mjs")).href);
  const flavour = flavourOf(process.argv);
  writeFileSync(join(dist, "appsscript.json"), `${JSON.stringify(manifest(flavour), null, 2)}\n`);
  return names;
}

async function buildNode() {
  const benches = readdirSync(join(root, "bench")).filter((f) => f.endsWith(".ts"));
  await esbuild.build({
    entryPoints: {
      cli: join(root, "src/cli/main.ts"),
      // Beside the CLI and the local runtime, whose csv-tail.ts starts it from their own folder.
      "csv-tail-worker": join(root, "src/local/workbook/csv-tail-worker.ts"),
      start: join(root, "src/local/start.ts"),
      ...Object.fromEntries(benches.map((f) => [`bench/${f.replace(/\.ts$/, "")}`, join(root, "bench", f)])),
    },
    outdir: nodeOut,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    logLevel: "warning",
  });
}

async function buildSidebarHtml() {
  const { buildSidebar } = await import(pathToFileURL(join(root, "scripts/build-sidebar.mjs")).href);
  await buildSidebar({ outFile: join(dist, "sidebar.html") });
}

/** The local workbook page goes to build/ (the Node side), never to dist/ which clasp pushes. */
async function buildPageHtml() {
  const { renderPage } = await import(pathToFileURL(join(root, "scripts/build-sidebar.mjs")).href);
  mkdirSync(nodeOut, { recursive: true });
  writeFileSync(join(nodeOut, "page.html"), await renderPage());
}

mkdirSync(dist, { recursive: true });
mkdirSync(nodeOut, { recursive: true });
await Promise.all([buildAddon(), buildNode(), buildSidebarHtml(), buildPageHtml()]);
