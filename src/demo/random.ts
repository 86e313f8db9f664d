// Seeded randomness so the demo is byte-for-byte reproducible in Node, benches and Apps Script alike.
import { mulberry32 } from "../core/random";

export class Rng {
  /** Uniform in [0, 1). */
  readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Standard normal (Box–Muller; one value per call keeps the stream simple to reason about). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Poisson count: Knuth's method for small means, a rounded normal beyond (plenty for demo data). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
}

/** Weighted choice among a fixed table, precomputed once so the hot loops only draw one number. */
export class Weighted<T> {
  private readonly values: T[];
  private readonly cumulative: Float64Array;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    this.values = entries.map((e) => e[0]);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach((e, i) => {
      sum += e[1];
      this.cumulative[i] = sum;
    });
    for (let i = 0; i < this.cumulative.length; i++) this.cumulative[i] /= sum;
  }

  draw(rng: Rng): T {
    const u = rng.next();
    const c = this.cumulative;
    for (let i = 0; i < c.length; i++) if (u < c[i]) return this.values[i];
    return this.values[this.values.length - 1];
  }
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
