import { AhoCorasick } from './aho-corasick';
import { normalizeListEntry, type MatchForm } from './normalize';
import type { WordList } from './types';

/** Endings an English listed word may take and still be that word (fucking, shitty, bastards, fuckwit, shitshow). */
const LATIN_SUFFIXES = new Set([
  '', 's', 'es', 'ed', 'er', 'ers', 'ing', 'in', 'y', 'ty', 'ish', 'head', 'heads', 'face', 'faces', 'hole', 'holes',
  'wit', 'wits', 'tard', 'tards', 'show', 'shows', 'storm', 'storms', 'bag', 'bags', 'stain', 'stains', 'wad', 'wads',
  'ter', 'ters', 'less', 'load', 'loads', 'pile', 'boy', 'boys', 'ings',
]);
/** What may come before an English listed word in one compound and leave it that word (motherfucking, clusterfuck, dipshit, horseshit). */
const LATIN_PREFIXES = new Set(['mother', 'cluster', 'dip', 'horse', 'bull', 'ape', 'bat', 'chicken', 'dog', 'holy', 'dumb', 'pig', 'jack', 'cock', 'cow', 'sister', 'brother', 'goat', 'super']);
const IS_LATIN = /[a-z]/;
/** Lists whose Latin words a masked word (f**k, sh*t, b*tch, c*nt, p*rn) is read as. */
const MASKABLE = new Set(['profanity', 'profanity.hold', 'hate', 'hate.hold', 'obscene', 'obscene.hold']);

interface Entry {
  /** The list the hit is reported under: `obscene`, or `obscene.hold` for the entries that only hold. */
  list: string;
  /** The list whose allow-list covers it: `obscene` for both. */
  group: string;
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

  /** Latin one-word entries by first and last letter, for masked words. */
  private readonly maskable = new Map<string, Entry[]>();

  constructor(lists: Record<string, WordList>) {
    this.names = [];
    for (const [name, l] of Object.entries(lists)) {
      this.names.push(name);
      if (l.hold) this.names.push(`${name}.hold`);
    }
    const seen = new Set<string>();
    for (const [group, { deny, allow, hold }] of Object.entries(lists)) {
      for (const [words, isAllow, list] of [
        [deny, false, group],
        [hold ?? [], false, `${group}.hold`],
        [allow, true, group],
      ] as const) {
        for (const raw of words) {
          const word = normalizeListEntry(raw);
          const id = `${list}\u0000${isAllow}\u0000${word}`;
          if (!word || seen.has(id)) continue;
          seen.add(id);
          const entry: Entry = { list, group, allow: isAllow, word, latin: IS_LATIN.test(word) };
          this.entries.push(entry);
          if (!isAllow && MASKABLE.has(list) && /^[a-z]{3,}$/.test(word)) {
            const key = word[0] + word[word.length - 1];
            const bucket = this.maskable.get(key);
            if (bucket) bucket.push(entry);
            else this.maskable.set(key, [entry]);
          }
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
        if (allowed.some((a) => this.entries[a.pattern].group === e.group && a.start <= h.start && h.end <= a.end)) continue;
        found ??= this.empty();
        add(found, e);
      }
    }
    if (form.masked) {
      for (const masked of form.masked) {
        const e = this.unmask(masked);
        if (e) add((found ??= this.empty()), e);
      }
    }
    return found ?? this.none;
  }

  /**
   * The listed word a masked word stands for: same first and last letters, each
   * run of masks hiding as many letters or one more (f**k, f*ck, f*k: fuck;
   * sh*t, b*tch, c*nt, p*rn), with a usual ending after it (f*cking, sh*tty).
   * The first such entry in the lists' order (profanity first); none when no
   * listed word fits, so a*b or M*A*S*H stay as they are.
   */
  private unmask(masked: string): Entry | undefined {
    for (let cut = masked.length; cut >= 3; cut--) {
      if (!LATIN_SUFFIXES.has(masked.slice(cut))) continue;
      const stem = masked.slice(0, cut);
      if (!/^[a-z][a-z*]*\*[a-z*]*[a-z]$/.test(stem)) continue;
      for (const e of this.maskable.get(stem[0] + stem[stem.length - 1]) ?? []) if (fitsMask(stem, e.word)) return e;
    }
    return undefined;
  }

  private empty(): ListHits {
    const r: ListHits = {};
    for (const name of this.names) r[name] = NONE;
    return r;
  }
}

const NONE: ReadonlySet<string> = new Set<string>();

function add(found: Record<string, ReadonlySet<string>>, e: Entry): void {
  const set = found[e.list] === NONE ? new Set<string>() : (found[e.list] as Set<string>);
  set.add(e.word);
  found[e.list] = set;
}

/** A masked stem (f**k) against a word (fuck): letters equal, each run of n masks n or n+1 letters. */
function fitsMask(stem: string, word: string, i = 0, j = 0): boolean {
  if (i === stem.length) return j === word.length;
  if (stem[i] !== '*') return j < word.length && stem[i] === word[j] && fitsMask(stem, word, i + 1, j + 1);
  let run = 0;
  while (stem[i + run] === '*') run++;
  return fitsMask(stem, word, i + run, j + run) || fitsMask(stem, word, i + run, j + run + 1);
}

function standsAsWord(text: string, start: number, end: number): boolean {
  if (start > 0 && text[start - 1] !== ' ' && !LATIN_PREFIXES.has(text.slice(text.lastIndexOf(' ', start - 1) + 1, start))) return false;
  let stop = text.indexOf(' ', end);
  if (stop === -1) stop = text.length;
  return LATIN_SUFFIXES.has(text.slice(end, stop));
}
