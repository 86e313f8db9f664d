// Builds the sidebar into ONE self-contained dist/sidebar.html: HtmlService serves a single file, and the
// sidebar must work offline (no CDN, no external URL of any kind).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Licences of the bundled libraries, kept as one short comment since the bundle drops legal comments. */
const NOTICE = "Bundles Preact (MIT, Jason Miller) and Chart.js (MIT, Chart.js Contributors).";

/** Makes text safe inside an inline <script> or <style>: nothing in it can close the element early. */
function inlineSafe(code, tag) {
  return code.replace(new RegExp(`</(${tag})`, "gi"), "<\\/$1").replace(/<!--/g, "<\\!--");
}

/** Bundles `<dir>/main.tsx` and `<dir>/styles.css` into `<dir>/index.html` and returns the finished HTML. */
async function renderApp(dir) {
  const js = await esbuild.build({
    entryPoints: [resolve(root, dir, "main.tsx")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    legalComments: "none",
    jsx: "automatic",
    jsxImportSource: "preact",
    // HtmlService has been seen mangling `//` and `/*` inside template literals.
    supported: { "template-literal": false },
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  const css = await esbuild.transform(await readFile(resolve(root, dir, "styles.css"), "utf8"), {
    loader: "css",
    minify: true,
    target: "chrome90",
  });
  const template = await readFile(resolve(root, dir, "index.html"), "utf8");
  // Function replacements: a string replacement would expand `$&`, `$'` etc. found inside the code.
  const html = template
    .replace("/*__SIDEBAR_CSS__*/", () => inlineSafe(css.code.trim(), "style"))
    .replace("/*__SIDEBAR_JS__*/", () => inlineSafe(js.outputFiles[0].text.trim(), "script"))
    .replace("<!doctype html>", () => `<!doctype html>\n<!-- Leadscore ${dir}. ${NOTICE} -->`);
  const urls = html.match(/\bhttps?:\/\/[^\s"'`)]+/g) ?? [];
  const external = urls.filter((u) => !u.startsWith("http://www.w3.org/"));
  if (external.length)
    throw new Error(`${dir}/index.html would reference external URLs: ${external.join(", ")}`);
  return html;
}

/** The sidebar as one HTML file. */
export const renderSidebar = () => renderApp("sidebar");

/** The local workbook page (`npm start`), one HTML file like the sidebar; never pushed to Apps Script. */
export const renderPage = () => renderApp("page");

/** Writes the sidebar to `outFile` (default dist/sidebar.html); returns its path and size in bytes. */
export async function buildSidebar({ outFile = resolve(root, "dist/sidebar.html") } = {}) {
  const html = await renderSidebar();
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, html);
  return { outFile, bytes: Buffer.byteLength(html), html };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { outFile, bytes } = await buildSidebar();
  console.log(`${outFile}: ${(bytes / 1024).toFixed(1)} KiB`);
}
