/**
 * Disjoint sets over 0..n-1 (union by size, path halving) that grow as
 * elements are added: the connected components of the identity graph.
 */
export class UnionFind {
  private parent: number[] = [];
  private size: number[] = [];

  /** Adds one element in its own set and returns it. */
  add(): number {
    const id = this.parent.length;
    this.parent.push(id);
    this.size.push(1);
    return id;
  }

  /** The number of elements. */
  get length(): number {
    return this.parent.length;
  }

  /** The representative of `x`'s set. */
  find(x: number): number {
    let node = x;
    while (this.parent[node]! !== node) {
      const grand = this.parent[this.parent[node]!]!;
      this.parent[node] = grand;
      node = grand;
    }
    return node;
  }

  /** Joins the sets of `a` and `b`; true when they were apart. */
  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
    return true;
  }
}
