import { AhoCorasick } from './aho-corasick';
import { normalizeListEntry, type MatchForm } from './normalize';
import type { WordList } from './types';

/** Endings an English listed word may take and still be that word (fucking, shitty, bastards). */
const LATIN_SUFFIXES = new Set(['', 's', 'es', 'ed', 'er', 'ers', 'ing', 'in', 'y', 'ty', 'ish', 'head', 'heads', 'face', 'hole', 'holes']);
const IS_LATIN = /[a-z]/;

/**
 * A deny list and its allow list, compiled into one automaton each.
 * Latin entries must stand as words (Scunthorpe, assessment and shiitake pass);
 * Korean and Japanese ones match inside words, unless an allow-list word
 * (시발점, 고등어) covers the match.
 */
export class WordMatcher {
  private readonly deny: string[];
  private readonly denyAutomaton: AhoCorasick;
  private readonly allowAutomaton: AhoCorasick;

  constructor(list: WordList) {
    this.deny = unique(list.deny.map(normalizeListEntry));
    this.denyAutomaton = new AhoCorasick(this.deny);
    this.allowAutomaton = new AhoCorasick(unique(list.allow.map(normalizeListEntry)));
  }

  get size(): number {
    return this.deny.length;
  }

  /** How many listed words the text contains (distinct entries). */
  count(form: MatchForm): number {
    return this.matches(form).size;
  }

  matches(form: MatchForm): Set<string> {
    const found = new Set<string>();
    for (const text of form.layout ? [form.text, form.layout] : [form.text]) {
      const hits = this.denyAutomaton.search(text);
      if (!hits.length) continue;
      const allowed = this.allowAutomaton.search(text);
      for (const h of hits) {
        const word = this.deny[h.pattern];
        if (IS_LATIN.test(word) && !standsAsWord(text, h.start, h.end)) continue;
        if (allowed.some((a) => a.start <= h.start && h.end <= a.end)) continue;
        found.add(word);
      }
    }
    return found;
  }
}

function standsAsWord(text: string, start: number, end: number): boolean {
  if (start > 0 && text[start - 1] !== ' ') return false;
  let stop = text.indexOf(' ', end);
  if (stop === -1) stop = text.length;
  return LATIN_SUFFIXES.has(text.slice(end, stop));
}

function unique(xs: string[]): string[] {
  return [...new Set(xs.filter(Boolean))];
}
