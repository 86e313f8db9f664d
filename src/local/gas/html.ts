// HtmlService: outputs built from strings or from the project's HTML files (given to the runtime as a
// name → content map), and templates with <?= ?>, <?!= ?> and <? ?> scriptlets.
import { SandboxMode, XFrameOptionsMode } from "./enums";
import type { Env } from "./env";

export class HtmlOutput {
  private title = "";
  private width: number | null = null;
  private height: number | null = null;
  private sandbox: string = SandboxMode.IFRAME;
  private meta: { name: string; content: string }[] = [];
  constructor(private html: string) {}
  _snapshot(): { title: string; html: string; width: number | null; height: number | null } {
    return { title: this.title, html: this.html, width: this.width, height: this.height };
  }
  getContent(): string {
    return this.html;
  }
  setContent(content: string): this {
    this.html = String(content);
    return this;
  }
  append(content: string): this {
    this.html += String(content);
    return this;
  }
  appendUntrusted(content: string): this {
    this.html += escapeHtml(String(content));
    return this;
  }
  clear(): this {
    this.html = "";
    return this;
  }
  setTitle(title: string): this {
    this.title = String(title);
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setWidth(width: number): this {
    this.width = width;
    return this;
  }
  getWidth(): number | null {
    return this.width;
  }
  setHeight(height: number): this {
    this.height = height;
    return this;
  }
  getHeight(): number | null {
    return this.height;
  }
  setSandboxMode(mode: string): this {
    this.sandbox = mode;
    return this;
  }
  getSandboxMode(): string {
    return this.sandbox;
  }
  /** Accepted for compatibility; the local page embeds outputs regardless. */
  setXFrameOptionsMode(_mode: string): this {
    return this;
  }
  addMetaTag(name: string, content: string): this {
    this.meta.push({ name, content });
    return this;
  }
  getMetaTags(): { name: string; content: string }[] {
    return [...this.meta];
  }
  setFaviconUrl(_url: string): this {
    return this;
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Compiles a template to a function body run with the template's properties in scope. */
function compileTemplate(source: string): string {
  let code = "var __out = [];\nwith (__vars) {\n";
  const re = /<\?(!?=)?([\s\S]*?)\?>/g;
  let last = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    code += `__out.push(${JSON.stringify(source.slice(last, m.index))});\n`;
    if (m[1] === "=") code += `__out.push(__escape(String(${m[2]})));\n`;
    else if (m[1] === "!=") code += `__out.push(String(${m[2]}));\n`;
    else code += `${m[2]}\n`;
    last = re.lastIndex;
  }
  code += `__out.push(${JSON.stringify(source.slice(last))});\n}\nreturn __out.join("");`;
  return code;
}

export class HtmlTemplate {
  constructor(
    private readonly env: Env,
    private readonly source: string,
  ) {}
  getRawContent(): string {
    return this.source;
  }
  getCode(): string {
    return compileTemplate(this.source);
  }
  evaluate(): HtmlOutput {
    const vars: Record<string, unknown> = {};
    for (const key of Object.keys(this))
      if (key !== "env" && key !== "source") vars[key] = (this as never)[key];
    const body = compileTemplate(this.source);
    const src = `(function (__vars, __escape) {\n${body}\n})`;
    // Scriptlets see the script's globals (e.g. an include() helper) when a script is loaded.
    const fn = (this.env.evalInScript ? this.env.evalInScript(src) : new Function(`return ${src}`)()) as (
      vars: Record<string, unknown>,
      esc: (s: string) => string,
    ) => string;
    return htmlOutput(this.env, fn(vars, escapeHtml));
  }
}

export function htmlOutput(env: Env, html: string): HtmlOutput {
  return env.wrap(new HtmlOutput(html), "HtmlOutput");
}

export class HtmlService {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;
  constructor(private readonly env: Env) {}
  private file(name: string): string {
    const files = this.env.options.files ?? {};
    const key = String(name);
    const content = files[key] ?? files[`${key}.html`] ?? files[key.replace(/\.html$/, "")];
    if (content === undefined) throw new Error(`No HTML file named ${key} was found.`);
    return content;
  }
  createHtmlOutput(html?: string): HtmlOutput {
    return htmlOutput(this.env, html === undefined ? "" : String(html));
  }
  createHtmlOutputFromFile(filename: string): HtmlOutput {
    return htmlOutput(this.env, this.file(filename));
  }
  createTemplate(html: string): HtmlTemplate {
    return this.env.wrap(new HtmlTemplate(this.env, String(html)), "HtmlTemplate");
  }
  createTemplateFromFile(filename: string): HtmlTemplate {
    return this.env.wrap(new HtmlTemplate(this.env, this.file(filename)), "HtmlTemplate");
  }
}
