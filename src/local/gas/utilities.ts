// Utilities: formatDate, sleep (advances the clock), getUuid, digests, base64, blobs, CSV parsing.
import { createHash, createHmac, randomUUID } from "node:crypto";
import Papa from "papaparse";
import { Charset, DigestAlgorithm } from "./enums";
import type { Env } from "./env";
import { formatDate } from "./format-date";
import { isDate } from "./spreadsheet/values";
import { checkTimeZone } from "./tz";

const ALGORITHMS: Record<string, string> = {
  MD2: "md2",
  MD5: "md5",
  SHA_1: "sha1",
  SHA_256: "sha256",
  SHA_384: "sha384",
  SHA_512: "sha512",
};

/** Apps Script byte arrays are Java bytes: signed, -128..127. */
const toSigned = (buf: Buffer): number[] => Array.from(buf, (b) => (b > 127 ? b - 256 : b));
const toBuffer = (data: string | number[]): Buffer =>
  typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data.map((b) => b & 0xff));

export class Blob {
  constructor(
    private bytes: Buffer,
    private contentType: string | null,
    private name: string | null,
  ) {}
  getBytes(): number[] {
    return toSigned(this.bytes);
  }
  getDataAsString(): string {
    return this.bytes.toString("utf8");
  }
  getContentType(): string | null {
    return this.contentType;
  }
  setContentType(type: string): this {
    this.contentType = type;
    return this;
  }
  getName(): string | null {
    return this.name;
  }
  setName(name: string): this {
    this.name = name;
    return this;
  }
  setDataFromString(s: string): this {
    this.bytes = Buffer.from(s, "utf8");
    return this;
  }
}

export class Utilities {
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly Charset = Charset;
  constructor(private readonly env: Env) {}
  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDate(date))
      throw new Error("The parameters don't match the method signature for Utilities.formatDate.");
    return formatDate(date, checkTimeZone(String(timeZone)), String(format));
  }
  formatString(template: string, ...args: unknown[]): string {
    let i = 0;
    return String(template).replace(/%[sdf]/g, () => String(args[i++]));
  }
  /** Sleeps by moving the runtime clock (Apps Script allows at most 5 minutes). */
  sleep(milliseconds: number): void {
    const ms = Number(milliseconds);
    if (!(ms >= 0) || ms > 300000) throw new Error("Invalid argument: milliseconds");
    this.env.clock.advance(ms);
  }
  getUuid(): string {
    return randomUUID();
  }
  computeDigest(algorithm: string, value: string | number[], _charset?: string): number[] {
    const alg = ALGORITHMS[algorithm];
    if (!alg) throw new Error(`Invalid argument: algorithm`);
    return this.env.realm.plain(toSigned(createHash(alg).update(toBuffer(value)).digest()));
  }
  computeHmacSha256Signature(value: string | number[], key: string | number[]): number[] {
    return this.env.realm.plain(
      toSigned(createHmac("sha256", toBuffer(key)).update(toBuffer(value)).digest()),
    );
  }
  base64Encode(data: string | number[], _charset?: string): string {
    return toBuffer(data).toString("base64");
  }
  base64EncodeWebSafe(data: string | number[], _charset?: string): string {
    return toBuffer(data).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
  }
  base64Decode(encoded: string): number[] {
    return this.env.realm.plain(toSigned(Buffer.from(String(encoded), "base64")));
  }
  base64DecodeWebSafe(encoded: string): number[] {
    return this.base64Decode(String(encoded).replace(/-/g, "+").replace(/_/g, "/"));
  }
  newBlob(data: string | number[], contentType?: string, name?: string): Blob {
    return this.env.wrap(new Blob(toBuffer(data), contentType ?? null, name ?? null), "Blob");
  }
  parseCsv(csv: string, delimiter?: string): string[][] {
    const rows = Papa.parse<string[]>(String(csv), {
      delimiter: delimiter ?? ",",
      skipEmptyLines: false,
    }).data;
    if (rows.length && rows[rows.length - 1].length === 1 && rows[rows.length - 1][0] === "") rows.pop();
    return this.env.realm.grid(rows);
  }
}
