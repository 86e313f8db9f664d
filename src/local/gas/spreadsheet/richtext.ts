// Rich text, minimally: the text and one link for the whole cell.
import type { Env } from "../env";

export class RichTextValue {
  constructor(
    readonly _text: string,
    readonly _link: string | null,
  ) {}
  getText(): string {
    return this._text;
  }
  getLinkUrl(): string | null {
    return this._link;
  }
}

export function richTextFacade(env: Env, text: string, link: string | null): RichTextValue {
  return env.wrap(new RichTextValue(text, link), "RichTextValue");
}

export class RichTextValueBuilder {
  private text = "";
  private link: string | null = null;
  constructor(private readonly env: Env) {}
  setText(text: string): this {
    this.text = String(text);
    return this;
  }
  setLinkUrl(...args: unknown[]): this {
    // setLinkUrl(url) or setLinkUrl(start, end, url): one link per cell here.
    const url = args[args.length - 1];
    this.link = url === null ? null : String(url);
    return this;
  }
  setTextStyle(..._args: unknown[]): this {
    return this;
  }
  build(): RichTextValue {
    return richTextFacade(this.env, this.text, this.link);
  }
}

export function newRichTextValue(env: Env): RichTextValueBuilder {
  return env.wrap(new RichTextValueBuilder(env), "RichTextValueBuilder");
}
