import fc from 'fast-check';
import { AhoCorasick } from './aho-corasick';

/** Every occurrence of every pattern, found the slow way. */
function naive(patterns: string[], text: string): string[] {
  const found: string[] = [];
  patterns.forEach((p, i) => {
    if (!p) return;
    for (let at = text.indexOf(p); at !== -1; at = text.indexOf(p, at + 1)) found.push(`${at}:${at + p.length}:${i}`);
  });
  return found.sort();
}

const fast = (patterns: string[], text: string) =>
  new AhoCorasick(patterns)
    .search(text)
    .map((m) => `${m.start}:${m.end}:${m.pattern}`)
    .sort();

describe('the Aho–Corasick automaton', () => {
  it('finds overlapping and nested patterns (the classic he/she/his/hers)', () => {
    expect(fast(['he', 'she', 'his', 'hers'], 'ushers')).toEqual(['1:4:1', '2:4:0', '2:6:3']);
  });

  it('works on Hangul and jamo as on Latin', () => {
    expect(fast(['시발', '시발점', 'ㅅㅂ'], '이번 시발점 ㅅㅂ')).toEqual(naive(['시발', '시발점', 'ㅅㅂ'], '이번 시발점 ㅅㅂ'));
  });

  it('agrees with a naive search on random texts over a small alphabet', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '가', '나'), minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c', '가', '나', ' '), maxLength: 40 }), (patterns, text) => {
        expect(fast(patterns, text)).toEqual(naive(patterns, text));
      }),
      { numRuns: 300 },
    );
  });

  // The Latin table (a–z and the space) meets the hashed transitions of every other character: both agree.
  it('agrees with a naive search where Latin letters, spaces, their neighbours in ASCII and Hangul mix', () => {
    const unit = fc.constantFrom('a', 'z', ' ', '`', '{', '@', '가', 'ㅅ');
    fc.assert(
      fc.property(fc.array(fc.string({ unit, minLength: 1, maxLength: 5 }), { maxLength: 15 }), fc.string({ unit, maxLength: 50 }), (patterns, text) => {
        expect(fast(patterns, text)).toEqual(naive(patterns, text));
      }),
      { numRuns: 300 },
    );
  });

  it('an empty list finds nothing', () => {
    expect(fast([], 'anything')).toEqual([]);
  });
});
