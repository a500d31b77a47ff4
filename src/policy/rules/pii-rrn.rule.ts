import { HIT, type ContentRule } from '../rule';

// YYMMDD-SNNNNNN; the 7th digit (1-8) gives sex and century. No checksum: numbers issued since
// October 2020 end in random digits, so a checksum test would let them through.
const RRN = /(?<!\d)(\d{2})(\d{2})(\d{2})\s?[-‐–—]?\s?([1-8])\d{6}(?!\d)/g;
const CENTURY: Record<string, number> = { '1': 1900, '2': 1900, '5': 1900, '6': 1900, '3': 2000, '4': 2000, '7': 2000, '8': 2000 };

function validDate(yy: string, mm: string, dd: string, s: string): boolean {
  const year = CENTURY[s] + Number(yy);
  const month = Number(mm);
  const day = Number(dd);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** pii.rrn: a resident registration number with a real date of birth. */
export const piiRrn: ContentRule = ({ measure, digits }) => {
  if (digits < 13) return null;
  for (const m of measure.text.matchAll(RRN)) if (validDate(m[1], m[2], m[3], m[4])) return HIT;
  return null;
};

/** For logs: a number with everything but the date of birth masked. */
export function maskRrn(text: string): string {
  return text.replace(RRN, (_m, y, mo, d) => `${y}${mo}${d}-*******`);
}
