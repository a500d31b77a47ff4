/**
 * One automaton for a whole word list: matching costs the length of the text,
 * not the length of the list (policy.md).
 */
export interface Match {
  start: number;
  end: number;
  /** Index of the pattern in the list it was built from. */
  pattern: number;
}

export class AhoCorasick {
  private readonly goto: Map<string, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  private readonly out: number[][] = [[]];
  private readonly lengths: number[];

  constructor(patterns: string[]) {
    this.lengths = patterns.map((p) => p.length);
    patterns.forEach((p, i) => {
      if (!p) return;
      let s = 0;
      for (let k = 0; k < p.length; k++) {
        const ch = p[k];
        let next = this.goto[s].get(ch);
        if (next === undefined) {
          next = this.goto.length;
          this.goto.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.goto[s].set(ch, next);
        }
        s = next;
      }
      this.out[s].push(i);
    });
    const queue: number[] = [];
    for (const s of this.goto[0].values()) queue.push(s);
    while (queue.length) {
      const r = queue.shift()!;
      for (const [ch, s] of this.goto[r]) {
        queue.push(s);
        let f = this.fail[r];
        while (f !== 0 && !this.goto[f].has(ch)) f = this.fail[f];
        const g = this.goto[f].get(ch);
        this.fail[s] = g !== undefined && g !== s ? g : 0;
        this.out[s] = this.out[s].concat(this.out[this.fail[s]]);
      }
    }
  }

  /** Every occurrence, in UTF-16 offsets of `text`. Patterns are matched per code unit, which is exact for BMP text. */
  search(text: string): Match[] {
    const found: Match[] = [];
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      while (s !== 0 && !this.goto[s].has(ch)) s = this.fail[s];
      s = this.goto[s].get(ch) ?? 0;
      for (const p of this.out[s]) found.push({ start: i + 1 - this.lengths[p], end: i + 1, pattern: p });
    }
    return found;
  }
}
