import type { ContentRule } from '../rule';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
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

/** pii.account: an e-mail address, a 16-digit card number passing Luhn, or an account number near a bank's name. */
export const piiAccount: ContentRule = ({ measure, lists, digits }) => {
  const text = measure.text.normalize('NFKC');
  if ((text.includes('@') || text.includes('＠')) && EMAIL.test(text)) return { details: { kind: 'email' } };
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

