import { toMatchForm } from './normalize';
import type { Policy } from './types';

/**
 * Display names that would pass for the newsroom (기자, 편집국, admin, staff):
 * shown as a neutral handle until a moderator approves them (policy.md,
 * "Identity rules"). Matched on the same normalised form as the word lists,
 * so 편 집 국, ｓｔａｆｆ and adm1n are caught. Hangul entries match anywhere
 * (홍길동기자); Latin ones must begin a word, camelCase counting as a word
 * break, so JoongAng_Admin and KimStaff are caught but badminton is not.
 * A false alarm only costs a moderator's click.
 */
export function isReservedDisplayName(name: string, policy: Policy): boolean {
  const { hangul, latin } = compiled(policy);
  const joined = toMatchForm(name).text.replace(/ /g, '');
  if (hangul.some((w) => joined.includes(w))) return true;
  const words = name
    .normalize('NFKC')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .split(/[\s_\-.·|/\\,:;()[\]{}'"!?~]+/u)
    .map((t) => toMatchForm(t).text.replace(/ /g, ''))
    .filter(Boolean);
  return words.some((w) => latin.some((r) => w.startsWith(r)));
}

const cache = new WeakMap<Policy, { hangul: string[]; latin: string[] }>();

function compiled(policy: Policy): { hangul: string[]; latin: string[] } {
  let c = cache.get(policy);
  if (!c) {
    const entries = policy.lists.reservedNames.map((w) => toMatchForm(w).text.replace(/ /g, '')).filter(Boolean);
    c = { hangul: entries.filter((w) => !/[a-z]/.test(w)), latin: entries.filter((w) => /[a-z]/.test(w)) };
    cache.set(policy, c);
  }
  return c;
}
