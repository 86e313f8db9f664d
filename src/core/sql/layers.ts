// A table's parsed forms as layered projections: each layer is a CTE selecting the layer below plus its
// own columns, which read the lower layers' columns by name. So a cell is trimmed once and each parsed
// part (a number, a timestamp's fields) is computed once per row, however many expressions read it:
// engines evaluate a repeated subexpression inside CASE once per occurrence.

export class Layers {
  private readonly layers: string[][] = [];
  private readonly named = new Set<string>();

  /** `expr` as column `name` in layer `at` (0 reads the table itself); once per name. Returns the name. */
  col(at: number, name: string, expr: string): string {
    if (!this.named.has(name)) {
      this.named.add(name);
      for (let i = this.layers.length; i <= at; i++) this.layers.push([]);
      this.layers[at].push(`${expr} AS ${name}`);
    }
    return name;
  }

  /** CTEs `${name}0`, `${name}1`, … over `from`; the last is named `name`. */
  ctes(name: string, from: string): string[] {
    const layers = this.layers.length ? this.layers : [[]];
    return layers.map((cols, i) => {
      const as = i === layers.length - 1 ? name : `${name}${i}`;
      const select = i === 0 ? cols : ["*", ...cols];
      return `${as} AS (SELECT ${select.join(", ") || "1 AS _one"} FROM ${i === 0 ? from : `${name}${i - 1}`})`;
    });
  }
}
