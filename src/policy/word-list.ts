import { AhoCorasick } from './aho-corasick';
import { normalizeListEntry, type MatchForm } from './normalize';
import type { WordList } from './types';

/** Endings an English listed word may take and still be that word (fucking, shitty, bastards). */
const LATIN_SUFFIXES = new Set(['', 's', 'es', 'ed', 'er', 'ers', 'ing', 'in', 'y', 'ty', 'ish', 'head', 'heads', 'face', 'hole', 'holes']);
const IS_LATIN = /[a-z]/;

interface Entry {
  list: string;
  allow: boolean;
  word: string;
  latin: boolean;
}

export type ListHits = Record<string, ReadonlySet<string>>;

/**
 * Every deny list and its allow list, compiled into ONE automaton: a comment
 * is scanned once whatever the number of lists and words. Latin entries must
 * stand as words (Scunthorpe, assessment and shiitake pass); Korean and
 * Japanese ones match inside words, unless an allow-list word of the same
 * list (시발점, 고등어) covers the match.
 */
export class ListMatcher {
  private readonly entries: Entry[] = [];
  private readonly automaton: AhoCorasick;
  readonly names: string[];
  private readonly none: ListHits;

  constructor(lists: Record<string, WordList>) {
    this.names = Object.keys(lists);
    const seen = new Set<string>();
    for (const [list, { deny, allow }] of Object.entries(lists)) {
      for (const [words, isAllow] of [
        [deny, false],
        [allow, true],
      ] as const) {
        for (const raw of words) {
          const word = normalizeListEntry(raw);
          const id = `${list}\u0000${isAllow}\u0000${word}`;
          if (!word || seen.has(id)) continue;
          seen.add(id);
          this.entries.push({ list, allow: isAllow, word, latin: IS_LATIN.test(word) });
        }
      }
    }
    this.automaton = new AhoCorasick(this.entries.map((e) => e.word));
    this.none = this.empty();
  }

  /** How many terms the lists hold (deny entries). */
  get size(): number {
    return this.entries.filter((e) => !e.allow).length;
  }

  /** The distinct listed words found, per list (lists with none share one empty set). */
  scan(form: MatchForm): ListHits {
    let found: ListHits | undefined;
    for (const text of form.layout ? [form.text, form.layout] : [form.text]) {
      const hits = this.automaton.search(text);
      if (!hits.length) continue;
      let allowed: typeof hits | undefined;
      for (const h of hits) {
        const e = this.entries[h.pattern];
        if (e.allow) continue;
        if (e.latin && !standsAsWord(text, h.start, h.end)) continue;
        allowed ??= hits.filter((x) => this.entries[x.pattern].allow);
        if (allowed.some((a) => this.entries[a.pattern].list === e.list && a.start <= h.start && h.end <= a.end)) continue;
        found ??= this.empty();
        const set = found[e.list] === NONE ? new Set<string>() : (found[e.list] as Set<string>);
        set.add(e.word);
        found[e.list] = set;
      }
    }
    return found ?? this.none;
  }

  private empty(): ListHits {
    const r: ListHits = {};
    for (const name of this.names) r[name] = NONE;
    return r;
  }
}

const NONE: ReadonlySet<string> = new Set<string>();

function standsAsWord(text: string, start: number, end: number): boolean {
  if (start > 0 && text[start - 1] !== ' ') return false;
  let stop = text.indexOf(' ', end);
  if (stop === -1) stop = text.length;
  return LATIN_SUFFIXES.has(text.slice(end, stop));
}
