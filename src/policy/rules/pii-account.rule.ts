import type { ContentRule } from '../rule';
import { within } from './spam-link.rule';

const EMAIL = /[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;
// An address written out to dodge a filter: "kim.minji at naver dot com", "kim [at] gmail [dot] com".
const AT = String.raw`\s*(?:[([{<]\s*at\s*[)\]}>]|\sat\s|＠)\s*`;
const DOT = String.raw`\s*(?:[([{<]\s*dot\s*[)\]}>]|\sdot\s|\.)\s*`;
const SPELLED_EMAIL = new RegExp(String.raw`\b([a-z0-9][a-z0-9._%+-]*)${AT}([a-z0-9-]+(?:${DOT}[a-z0-9-]+)*${DOT}(?:com|net|org|kr|co|io|me|jp|cn|edu|info|biz))\b`, 'gi');
const MAIL_WORD = /e-?mail|mail me|write to|contact|address|reach me/i;
/** Mail services readers give addresses at: with one of them, "kim at naver.com" is an address even without "dot". */
const MAIL_SERVICES = /^(?:gmail|naver|daum|hanmail|kakao|nate|yahoo|hotmail|outlook|icloud|proton|protonmail|live|msn)\b/i;
const CARD = /(?<!\d)(?:\d[ -]?){15}\d(?!\d)/g;
const ACCOUNT = /(?<![\d-])\d{2,6}[-\s]\d{2,6}[-\s]\d{2,7}(?:[-\s]\d{1,3})?(?![\d-])|(?<!\d)\d{10,14}(?!\d)/g;
const NEAR = 20;

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Words the automaton looks for (engine.ts, the hidden `cues` list): a written-out address has "dot" or a mail service's name. */
const SERVICES = ['gmail', 'naver', 'daum', 'hanmail', 'kakao', 'nate', 'yahoo', 'hotmail', 'outlook', 'icloud', 'proton', 'protonmail', 'live', 'msn'];
// The matching form drops the dot of naver.com, so the service is also looked for with its domain run on.
export const EMAIL_CUES = ['dot', ...SERVICES, ...SERVICES.flatMap((s) => ['com', 'net', 'cokr', 'me'].map((tld) => s + tld))];
const EMAIL_CUE_SET = new Set(EMAIL_CUES);

const BRACKETED_AT = /[([{<]\s*at\s*[)\]}>]/i;

function maySpellEmail(text: string, cues: ReadonlySet<string> | undefined): boolean {
  if (cues?.size) for (const w of cues) if (EMAIL_CUE_SET.has(w)) return true;
  // "kim (at) company.com" has no cue word: its "at" is bracketed.
  return text.includes('at') && BRACKETED_AT.test(text);
}

/** A written-out address: "at" in brackets, or "dot" written out, or a mail service's name after a plain "at". */
function spelledEmail(text: string, allowed: ReadonlySet<string>): boolean {
  for (const m of text.matchAll(SPELLED_EMAIL)) {
    const bracketed = /[([{<]\s*at/i.test(m[0]);
    const dotWord = /\bdot\b/i.test(m[2]);
    // "look at naver.com" is not an address: a plain "at" before a real dot needs a mail service and a
    // name that looks like a mailbox (kim.minji, minji92) or a word about mail before it.
    if (!bracketed && !dotWord && !(MAIL_SERVICES.test(m[2]) && (/[\d._]/.test(m[1]) || MAIL_WORD.test(text.slice(Math.max(0, m.index - 30), m.index))))) continue;
    const domain = m[2].replace(/\s*(?:[([{<]\s*dot\s*[)\]}>]|\sdot\s|\.)\s*/gi, '.').toLowerCase();
    if (!within(domain, allowed)) return true;
  }
  return false;
}

/**
 * pii.account: an e-mail address (also written "at" and "dot"), a 16-digit card number passing Luhn, or an
 * account number near a bank's name. An address at a public contact's domain (`allowedDomains`: the
 * newspaper's own, government and public bodies, the wire services) is no one's private data.
 */
export const piiAccount: ContentRule = ({ measure, lists, digits, hits }) => {
  const text = measure.text.normalize('NFKC');
  if (text.includes('@') || text.includes('＠')) {
    for (const m of text.matchAll(EMAIL)) if (!within(m[1].toLowerCase(), lists.allowedDomains)) return { details: { kind: 'email' } };
  }
  if (maySpellEmail(text, hits.cues) && spelledEmail(text, lists.allowedDomains)) return { details: { kind: 'email' } };
  if (digits < 10) return null;
  for (const m of text.matchAll(CARD)) if (luhn(m[0].replace(/\D/g, ''))) return { details: { kind: 'card' } };
  for (const m of text.matchAll(ACCOUNT)) {
    const digits = m[0].replace(/\D/g, '').length;
    if (digits < 10 || digits > 14) continue;
    const around = text.slice(Math.max(0, m.index! - NEAR), m.index! + m[0].length + NEAR);
    lists.banks.lastIndex = 0;
    if (lists.banks.test(around)) return { details: { kind: 'account' } };
  }
  return null;
};

