import fc from 'fast-check';
import { LIMITS, countCharacters, measure, normalizeBody } from './length';

const nfd = (s: string) => s.normalize('NFD');
const cp = (s: string) => [...s].length;

describe('the 250-character count', () => {
  // [what, text, characters a reader sees]
  const table: [string, string, number][] = [
    ['empty', '', 0],
    ['spaces only', '     ', 0],
    ['tabs and newlines only', '\t\n\r\n ', 0],
    ['ideographic space only', '\u3000\u3000', 0],
    ['ASCII word', 'hello', 5],
    ['trimmed both ends', '  hi  ', 2],
    ['inner spaces count', 'a b', 3],
    ['a line break counts', 'a\nb', 3],
    ['CRLF is one character', 'a\r\nb', 3],
    ['Hangul syllables (NFC)', '안녕하세요', 5],
    ['Hangul syllables (NFD jamo)', nfd('안녕하세요'), 5],
    ['Hangul with a final consonant, NFD', nfd('닭'), 1],
    ['old Hangul jamo cluster', '\u1100\u1161\u11a8', 1],
    ['loose compatibility jamo', 'ㅋㅋㅋ', 3],
    ['CJK ideographs', '中央日報', 4],
    ['Japanese kana', 'ありがとう', 5],
    ['precomposed é', 'café', 4],
    ['decomposed é (e + U+0301)', 'cafe\u0301', 4],
    ['two accents on one letter', 'a\u0301\u0323', 1],
    ['Vietnamese stacked diacritics', 'Việt', 4],
    ['thumbs up', '👍', 1],
    ['thumbs up, skin tone', '👍🏽', 1],
    ['woman technologist, skin tone (ZWJ)', '👩🏾‍💻', 1],
    ['family of four (ZWJ)', '👨‍👩‍👧‍👦', 1],
    ['rainbow flag (ZWJ + VS16)', '🏳️‍🌈', 1],
    ['flag of Korea (regional indicators)', '🇰🇷', 1],
    ['two flags', '🇰🇷🇯🇵', 2],
    ['keycap', '1️⃣', 1],
    ['heart with VS16', '❤️', 1],
    ['text-style heart VS15', '❤︎', 1],
    ['Arabic (RTL)', 'مرحبا', 5],
    ['Hebrew with niqqud', 'שָׁלוֹם', 4],
    ['RTL mark counts as a character', 'a\u200fb', 3],
    ['Devanagari conjunct', 'क्षि', 1],
    ['Thai vowel with tone mark (one cluster)', 'น้ำ', 1],
    ['mixed Korean and English', '좋은 기사 good', 10],
    ['exactly 250 Hangul', '가'.repeat(250), 250],
    ['251 Hangul', '가'.repeat(251), 251],
    ['250 NFD Hangul (500 code points)', nfd('각'.repeat(250)), 250],
    ['250 family emoji', '👨‍👩‍👧‍👦'.repeat(250), 250],
    ['spaces around 250 letters', '  ' + 'a'.repeat(250) + '\n', 250],
    ['zero-width joiner alone', '\u200d', 1],
    ['Hangul tone mark combines with its syllable', '가\u302e나', 2],
    ['ideographic full stop stands alone', '좋다\u3002', 3],
  ];

  it.each(table)('%s', (_what, text, expected) => {
    expect(countCharacters(text)).toBe(expected);
  });

  it('stores the NFC, trimmed text', () => {
    expect(measure('  ' + nfd('한국') + '  ').text).toBe('한국');
  });

  describe('NUL characters', () => {
    // Postgres refuses U+0000 in text, and no reader types one: it is dropped before anything is counted or stored.
    it('vanish between letters, so the count and the stored text agree', () => {
      expect(measure('a\u0000b')).toMatchObject({ text: 'ab', length: 2, codePoints: 2 });
      expect(measure('좋은\u0000 기사')).toMatchObject({ text: '좋은 기사', length: 5 });
    });

    it('leave nothing when they are all there is', () => {
      expect(measure('\u0000\u0000\u0000')).toMatchObject({ text: '', length: 0 });
      expect(normalizeBody(' \u0000 \u0000 ')).toBe('');
    });

    it('go before trimming and NFC, which then see the text as the reader meant it', () => {
      expect(measure('\u0000  hi  \u0000').text).toBe('hi');
      expect(measure('e\u0000\u0301').text).toBe('\u00e9');
      expect(normalizeBody('\u1100\u0000\u1161')).toBe('가');
    });
  });

  describe('abuse', () => {
    it('counts combining marks per cluster, not the variation selectors', () => {
      // x has no precomposed accented form, so NFC leaves every mark in place.
      expect(measure('x' + '\u0301'.repeat(9)).maxMarksInCluster).toBe(9);
      expect(measure('x' + '\u0301'.repeat(8)).maxMarksInCluster).toBe(8);
      // NFC folds a + U+0301 into á first: one mark fewer.
      expect(measure('a' + '\u0301'.repeat(9)).maxMarksInCluster).toBe(8);
      expect(measure('❤️').maxMarksInCluster).toBe(0);
    });

    it('measures the longest cluster in code points', () => {
      expect(measure('👨‍👩‍👧‍👦').maxCodePointsInCluster).toBe(7);
      expect(measure('x' + '\u0301'.repeat(40)).maxCodePointsInCluster).toBe(41);
    });

    it('stops segmenting past the code-point ceiling', () => {
      const m = measure('x'.repeat(LIMITS.maxCodePoints + 1));
      expect(m.codePoints).toBe(2001);
    });
  });

  describe('properties', () => {
    it('never counts more characters than code points', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
          const m = measure(s);
          expect(m.length).toBeLessThanOrEqual(cp(m.text));
        }),
        { numRuns: 500 },
      );
    });

    it('counts NFC and NFD spellings of a text the same', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
          expect(countCharacters(s.normalize('NFD'))).toBe(countCharacters(s.normalize('NFC')));
        }),
        { numRuns: 500 },
      );
    });

    it('counts Korean text the same whichever way it was typed', () => {
      const syllable = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c));
      fc.assert(
        fc.property(fc.array(syllable, { maxLength: 260 }), (chars) => {
          const s = chars.join('');
          expect(countCharacters(nfd(s))).toBe(chars.length);
        }),
      );
    });
  });
});
