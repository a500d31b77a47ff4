import type { ContentRule } from '../rule';
import { piiPhone } from './pii-phone.rule';

// An ID to write to: "카톡 abc123", "ID: xyz_99", "@handle".
const HANDLE = /(?:\bid|아이디|아디)\s*[:：]?\s*[a-z0-9_.]{3,}|(?<![\w.])@[a-z0-9_]{3,}/i;

/**
 * spam.ad: an ad keyword together with a way to reach the advertiser (a
 * messenger, an ID, a phone number, a link), or several ad keywords at once.
 * One such word in an ordinary sentence ("가계 대출 금리가 올랐다") is innocent.
 */
export const spamAd: ContentRule = (input) => {
  const keywords = input.hits.adKeywords.size;
  if (!keywords) return null;
  if (keywords >= 2) return { details: { keywords } };
  const contact =
    input.hits.contactChannels.size > 0 || HANDLE.test(input.measure.text) || input.linkHosts.length > 0 || piiPhone(input) !== null;
  return contact ? { details: { keywords, contact: true } } : null;
};
