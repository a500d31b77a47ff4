/**
 * One automaton for a whole word list: matching costs the length of the text,
 * not the length of the list (policy.md).
 *
 * Laid out for speed on the request path: the root's transitions are a dense
 * table indexed by UTF-16 code unit (most steps of a scan start from the root
 * or fall back to it), and every other transition lives in one open-addressing
 * hash table of typed arrays keyed by (state, code unit). No objects are
 * allocated while scanning, except for the matches themselves.
 *
 * Latin text (the letters a to z and the space, which is all the matching
 * form of an English word is made of) goes through a full transition table
 * instead: every state's next state for those 27 characters, failure links
 * already followed. English words walk deep into the automaton (many listed
 * words share their first letters), and one array read per character is far
 * cheaper there than hash probes along failure links.
 */
export interface Match {
  start: number;
  end: number;
  /** Index of the pattern in the list it was built from. */
  pattern: number;
}

const EMPTY: readonly number[] = [];
/** a to z, then the space. */
const LATIN_WIDTH = 27;
const SPACE_SLOT = 26;

export class AhoCorasick {
  private readonly root = new Int32Array(0x10000);
  private readonly keyState: Int32Array;
  private readonly keyCode: Uint16Array;
  private readonly value: Int32Array;
  private readonly mask: number;
  private readonly fail: Int32Array;
  private readonly out: (readonly number[])[];
  private readonly lengths: number[];
  /** next state for (state, a–z or space): state * 27 + (code − 0x61), the space at 26. */
  private readonly latin: Int32Array;

  constructor(patterns: string[]) {
    this.lengths = patterns.map((p) => p.length);
    // Build as a plain trie first; the hash table is sized once the number of transitions is known.
    const edges: Map<number, number>[] = [new Map()];
    const out: number[][] = [[]];
    patterns.forEach((p, i) => {
      if (!p) return;
      let s = 0;
      for (let k = 0; k < p.length; k++) {
        const code = p.charCodeAt(k);
        let t = edges[s].get(code);
        if (t === undefined) {
          t = edges.length;
          edges.push(new Map());
          out.push([]);
          edges[s].set(code, t);
        }
        s = t;
      }
      out[s].push(i);
    });

    let transitions = 0;
    for (const e of edges) transitions += e.size;
    let size = 16;
    while (size < transitions * 2) size *= 2;
    this.mask = size - 1;
    this.keyState = new Int32Array(size).fill(-1);
    this.keyCode = new Uint16Array(size);
    this.value = new Int32Array(size);
    for (let s = 1; s < edges.length; s++) for (const [code, t] of edges[s]) this.put(s, code, t);
    for (const [code, t] of edges[0]) this.root[code] = t;

    // Breadth-first: each state's failure link is the longest proper suffix that is also a prefix.
    this.fail = new Int32Array(edges.length);
    const queue: number[] = [...edges[0].values()];
    const order: number[] = [];
    for (let q = 0; q < queue.length; q++) {
      order.push(queue[q]);
      const r = queue[q];
      for (const [code, s] of edges[r]) {
        queue.push(s);
        let f = this.fail[r];
        let g = this.step(f, code);
        while (g === 0 && f !== 0) {
          f = this.fail[f];
          g = this.step(f, code);
        }
        this.fail[s] = g !== s ? g : 0;
        if (out[this.fail[s]].length) out[s] = out[s].concat(out[this.fail[s]]);
      }
    }
    this.out = out.map((o) => (o.length ? o : EMPTY));

    // In breadth-first order a state's failure link is filled in before the state itself.
    this.latin = new Int32Array(edges.length * LATIN_WIDTH);
    for (const s of [0, ...order]) {
      for (let k = 0; k < LATIN_WIDTH; k++) {
        const code = k === SPACE_SLOT ? 0x20 : 0x61 + k;
        const t = s === 0 ? this.root[code] : edges[s].get(code);
        this.latin[s * LATIN_WIDTH + k] = t !== undefined ? t : s === 0 ? 0 : this.latin[this.fail[s] * LATIN_WIDTH + k];
      }
    }
  }

  private slot(state: number, code: number): number {
    return (Math.imul(state, 0x9e3779b1) ^ Math.imul(code, 0x85ebca6b)) & this.mask;
  }

  private put(state: number, code: number, target: number): void {
    let h = this.slot(state, code);
    while (this.keyState[h] !== -1) h = (h + 1) & this.mask;
    this.keyState[h] = state;
    this.keyCode[h] = code;
    this.value[h] = target;
  }

  /** The goto function: the next state, or 0 (the root) when there is no edge. */
  private step(state: number, code: number): number {
    if (state === 0) return this.root[code];
    let h = this.slot(state, code);
    for (;;) {
      const k = this.keyState[h];
      if (k === -1) return 0;
      if (k === state && this.keyCode[h] === code) return this.value[h];
      h = (h + 1) & this.mask;
    }
  }

  /** Every occurrence, in UTF-16 offsets of `text`. */
  search(text: string): Match[] {
    const found: Match[] = [];
    const { root, fail, out, lengths, latin } = this;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const k = code === 0x20 ? SPACE_SLOT : code >= 0x61 && code <= 0x7a ? code - 0x61 : -1;
      if (k >= 0) {
        s = latin[s * LATIN_WIDTH + k];
        const o = out[s];
        for (let j = 0; j < o.length; j++) found.push({ start: i + 1 - lengths[o[j]], end: i + 1, pattern: o[j] });
        continue;
      }
      let t = s === 0 ? root[code] : this.step(s, code);
      while (t === 0 && s !== 0) {
        s = fail[s];
        t = s === 0 ? root[code] : this.step(s, code);
      }
      s = t;
      const o = out[s];
      for (let j = 0; j < o.length; j++) found.push({ start: i + 1 - lengths[o[j]], end: i + 1, pattern: o[j] });
    }
    return found;
  }
}
