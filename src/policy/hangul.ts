/** Hangul jamo composition and the Korean 2-beolsik keyboard layout. */
const CHO = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const JUNG = 'ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ';
const JONG = ['', 'ㄱ', 'ㄲ', 'ㄳ', 'ㄴ', 'ㄵ', 'ㄶ', 'ㄷ', 'ㄹ', 'ㄺ', 'ㄻ', 'ㄼ', 'ㄽ', 'ㄾ', 'ㄿ', 'ㅀ', 'ㅁ', 'ㅂ', 'ㅄ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'];
const VOWEL_PAIRS: Record<string, string> = { ㅗㅏ: 'ㅘ', ㅗㅐ: 'ㅙ', ㅗㅣ: 'ㅚ', ㅜㅓ: 'ㅝ', ㅜㅔ: 'ㅞ', ㅜㅣ: 'ㅟ', ㅡㅣ: 'ㅢ' };
const FINAL_PAIRS: Record<string, string> = { ㄱㅅ: 'ㄳ', ㄴㅈ: 'ㄵ', ㄴㅎ: 'ㄶ', ㄹㄱ: 'ㄺ', ㄹㅁ: 'ㄻ', ㄹㅂ: 'ㄼ', ㄹㅅ: 'ㄽ', ㄹㅌ: 'ㄾ', ㄹㅍ: 'ㄿ', ㄹㅎ: 'ㅀ', ㅂㅅ: 'ㅄ' };

const isVowel = (c: string | undefined) => c !== undefined && JUNG.includes(c);
const isInitial = (c: string | undefined) => c !== undefined && CHO.includes(c);
const isFinal = (c: string | undefined) => c !== undefined && c !== '' && JONG.includes(c);

export const COMPATIBILITY_JAMO = /[\u3131-\u318e]/;

/** NFKC turns ㅅ into the conjoining ᄉ; map conjoining jamo back so there is one spelling of each. */
export function toCompatibilityJamo(text: string): string {
  return text.replace(/[\u1100-\u11ff]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code >= 0x1100 && code <= 0x1112) return CHO[code - 0x1100];
    if (code >= 0x1161 && code <= 0x1175) return JUNG[code - 0x1161];
    if (code >= 0x11a8 && code <= 0x11c2) return JONG[code - 0x11a7];
    return c;
  });
}

/** 시 → ㅅㅣ: syllables to compatibility jamo. */
export function decomposeSyllables(text: string): string {
  return text.replace(/[\uac00-\ud7a3]/g, (c) => {
    const n = c.charCodeAt(0) - 0xac00;
    return CHO[Math.floor(n / 588)] + JUNG[Math.floor((n % 588) / 28)] + JONG[n % 28];
  });
}

/** A token with loose jamo in it (시바ㄹ, ㅅㅣㅂㅏㄹ) is read again from its jamo: 시발. */
export function recomposeToken(token: string): string {
  return COMPATIBILITY_JAMO.test(token) ? composeJamo(decomposeSyllables(token)).text : token;
}

/**
 * Composes a run of compatibility jamo (ㅅㅣㅂㅏㄹ) into syllables (시발) the way
 * a Korean input method would. Jamo that cannot start a syllable stay as they are.
 */
export function composeJamo(jamo: string): { text: string; complete: boolean } {
  const j = [...jamo];
  let out = '';
  let complete = true;
  let i = 0;
  while (i < j.length) {
    if (isInitial(j[i]) && isVowel(j[i + 1])) {
      const cho = j[i];
      let jung = j[i + 1];
      i += 2;
      if (isVowel(j[i]) && VOWEL_PAIRS[jung + j[i]]) jung = VOWEL_PAIRS[jung + j[i++]];
      let jong = '';
      if (isFinal(j[i]) && !isVowel(j[i + 1])) {
        jong = j[i++];
        if (isFinal(j[i]) && FINAL_PAIRS[jong + j[i]] && !isVowel(j[i + 1])) jong = FINAL_PAIRS[jong + j[i++]];
      }
      out += String.fromCharCode(0xac00 + (CHO.indexOf(cho) * 21 + JUNG.indexOf(jung)) * 28 + JONG.indexOf(jong));
    } else {
      out += j[i++];
      complete = false;
    }
  }
  return { text: out, complete };
}

const LAYOUT: Record<string, string> = {
  q: 'ㅂ', w: 'ㅈ', e: 'ㄷ', r: 'ㄱ', t: 'ㅅ', y: 'ㅛ', u: 'ㅕ', i: 'ㅑ', o: 'ㅐ', p: 'ㅔ',
  a: 'ㅁ', s: 'ㄴ', d: 'ㅇ', f: 'ㄹ', g: 'ㅎ', h: 'ㅗ', j: 'ㅓ', k: 'ㅏ', l: 'ㅣ',
  z: 'ㅋ', x: 'ㅌ', c: 'ㅊ', v: 'ㅍ', b: 'ㅠ', n: 'ㅜ', m: 'ㅡ',
  Q: 'ㅃ', W: 'ㅉ', E: 'ㄸ', R: 'ㄲ', T: 'ㅆ', O: 'ㅒ', P: 'ㅖ',
};

/**
 * Latin typed with the Korean layout left on (tlqkf → 시발, qudtls → 병신).
 * Only a token that becomes whole syllables and does not look like English
 * (few Latin vowels) is converted: "hello" and "school" stay English.
 */
export function fromKoreanLayout(token: string): string | null {
  if (token.length < 3 || token.length > 20) return null;
  let vowels = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i) | 0x20;
    if (c === 0x61 || c === 0x65 || c === 0x69 || c === 0x6f || c === 0x75) vowels++;
  }
  if (vowels / token.length >= 0.25 || !/^[A-Za-z]+$/.test(token)) return null;
  const jamo = [...token].map((c) => LAYOUT[c] ?? LAYOUT[c.toLowerCase()]).join('');
  const { text, complete } = composeJamo(jamo);
  return complete ? text : null;
}
