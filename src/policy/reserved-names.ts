import { latinLookAlikes } from './look-alike-letters';
import { toMatchForm } from './normalize';

/**
 * Display names that would pass for the newsroom (기자, 편집국, admin, staff):
 * shown as a neutral handle until a moderator approves them (docs/policy.md,
 * "Identity rules"). Matched on the same normalised form as the word lists,
 * so 편 집 국, ｓｔａｆｆ and adm1n are caught. Hangul entries match anywhere
 * (홍길동기자); Latin ones must begin a word, camelCase counting as a word
 * break, so JoongAng_Admin and KimStaff are caught but badminton is not.
 * Cyrillic and Greek letters that pass for Latin ones are read as the Latin
 * letter first (Аdmin, ѕtaff, ΑDMIN: look-alike-letters.ts).
 *
 * A Latin entry that begins a longer word counts (staffkim, adminlee, and so
 * Staffordshire too): a false alarm only costs a moderator's click, a miss
 * lets someone pass for the newsroom.
 */
export function reservedNameMatcher(reservedNames: readonly string[]): (name: string) => boolean {
  const entries = reservedNames.map((w) => toMatchForm(w).text.replace(/ /g, '')).filter(Boolean);
  const hangul = entries.filter((w) => !/[a-z]/.test(w));
  const latin = entries.filter((w) => /[a-z]/.test(w));
  return (given) => {
    const name = latinLookAlikes(given.normalize('NFKC'));
    const joined = toMatchForm(name).text.replace(/ /g, '');
    if (hangul.some((w) => joined.includes(w))) return true;
    const words = name
      .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
      .split(/[\s_\-.·|/\\,:;()[\]{}'"!?~]+/u)
      .map((t) => toMatchForm(t).text.replace(/ /g, ''))
      .filter(Boolean);
    return words.some((w) => latin.some((r) => w.startsWith(r)));
  };
}
