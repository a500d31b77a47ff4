import type { ContentRule } from '../rule';
import { piiPhone } from './pii-phone.rule';

// An ID to write to: "카톡 abc123", "ID: xyz_99", "@handle".
const HANDLE = /(?:\bid|아이디|아디)\s*(?:[:：]|is)?\s*[a-z0-9_.]{3,}|(?<![\w.])@[a-z0-9_]{3,}/i;
// A number abroad (+44 7911 123456, +1 (555) 123-4567): what a messenger advert gives instead of a Korean one.
const FOREIGN_NUMBER = /(?<![\w+])\+(?!82)\d{1,3}[\s.\-()]{0,3}\d[\d\s.\-()]{5,}\d/;

/**
 * spam.ad: an ad keyword together with a way to reach the advertiser (a
 * messenger, an ID, a phone number, a link, "DM me"), or several ad keywords at
 * once. One such word in an ordinary sentence ("가계 대출 금리가 올랐다") is
 * innocent. Topics that are also news vocabulary (casino, sports betting,
 * baccarat: `adTopics`) count only with a real contact: a handle, a number, a
 * link or an advertiser's call ("sign up", "promo code"), not a messenger's
 * name in a news sentence ("betting sites recruit on Telegram"). A messenger
 * with a number abroad ("WhatsApp +44 …"), or with an ID and a call ("my
 * kakao id is …, add me"), is advertising on its own.
 */
export const spamAd: ContentRule = (input) => {
  const { hits } = input;
  const keywords = hits.adKeywords.size;
  const topics = hits.adTopics?.size ?? 0;
  const channel = hits.contactChannels.size > 0;
  if (!keywords && !topics) {
    // No keyword, but a messenger with a number abroad, or with an ID and a call ("kakao id hotgirl99, add me").
    const offered = channel && (FOREIGN_NUMBER.test(input.measure.text) || ((hits.adCalls?.size ?? 0) > 0 && HANDLE.test(input.measure.text)));
    return offered ? { details: { keywords: 0, contact: true } } : null;
  }
  if (keywords >= 2 || (keywords && topics)) return { details: { keywords: keywords + topics } };
  const contact =
    (hits.adCalls?.size ?? 0) > 0 ||
    HANDLE.test(input.measure.text) ||
    input.linkHosts.length > 0 ||
    piiPhone(input) !== null ||
    (channel && FOREIGN_NUMBER.test(input.measure.text));
  if (contact || (keywords && channel)) return { details: { keywords: keywords + topics, contact: true } };
  return null;
};
