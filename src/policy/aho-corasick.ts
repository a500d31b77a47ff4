/**
 * One automaton for a whole word list: matching costs the length of the text,
 * not the length of the list (policy.md). Transitions live in one Map keyed by
 * state and UTF-16 code unit, so a step is a single lookup.
 */
export interface Match {
  start: number;
  end: number;
  /** Index of the pattern in the list it was built from. */
  pattern: number;
}

const key = (state: number, code: number) => state * 0x10000 + code;

export class AhoCorasick {
  private readonly next = new Map<number, number>();
  private readonly fail: number[] = [0];
  private readonly out: number[][] = [[]];
  private readonly lengths: number[];

  constructor(patterns: string[]) {
    this.lengths = patterns.map((p) => p.length);
    const children: number[][] = [[]];
    patterns.forEach((p, i) => {
      if (!p) return;
      let s = 0;
      for (let k = 0; k < p.length; k++) {
        const code = p.charCodeAt(k);
        let t = this.next.get(key(s, code));
        if (t === undefined) {
          t = this.fail.length;
          this.fail.push(0);
          this.out.push([]);
          children.push([]);
          this.next.set(key(s, code), t);
          children[s].push(code);
        }
        s = t;
      }
      this.out[s].push(i);
    });
    // Breadth-first: each state's failure link is the longest proper suffix that is also a prefix.
    const queue: number[] = children[0].map((c) => this.next.get(key(0, c))!);
    for (let q = 0; q < queue.length; q++) {
      const r = queue[q];
      for (const code of children[r]) {
        const s = this.next.get(key(r, code))!;
        queue.push(s);
        let f = this.fail[r];
        while (f !== 0 && !this.next.has(key(f, code))) f = this.fail[f];
        const g = this.next.get(key(f, code));
        this.fail[s] = g !== undefined && g !== s ? g : 0;
        if (this.out[this.fail[s]].length) this.out[s] = this.out[s].concat(this.out[this.fail[s]]);
      }
    }
  }

  /** Every occurrence, in UTF-16 offsets of `text`. */
  search(text: string): Match[] {
    const found: Match[] = [];
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let t = this.next.get(key(s, code));
      while (t === undefined && s !== 0) {
        s = this.fail[s];
        t = this.next.get(key(s, code));
      }
      s = t ?? 0;
      const out = this.out[s];
      for (let j = 0; j < out.length; j++) found.push({ start: i + 1 - this.lengths[out[j]], end: i + 1, pattern: out[j] });
    }
    return found;
  }
}
