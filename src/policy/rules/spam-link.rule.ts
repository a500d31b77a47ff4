import type { ContentInput, ContentRule } from '../rule';

// A scheme, www., or a bare host with a common top-level domain.
const URL_LIKE =
  /\b(?:https?:\/\/[^\s<>"']+|www\.[^\s<>"']+|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|net|org|kr|io|me|ly|gl|to|co|xyz|top|site|shop|info|biz|link|click|at|cc|do|la|gd|us|tv|app|dev|jp|vip|live|bet|casino|xxx|porn|sex|adult)\b(?:\/[^\s<>"']*)?)/gi;

export function linkHosts(text: string): string[] {
  const hosts: string[] = [];
  // No host without a dot between letters or digits: most comments stop here.
  if (!/[a-z0-9]\s?[.．。]\s?[a-z]/i.test(text)) return hosts;
  const nfkc = text.normalize('NFKC');
  for (const m of nfkc.matchAll(URL_LIKE)) {
    // The domain of an e-mail address is not a link (pii.account deals with the address).
    if (m.index > 0 && nfkc[m.index - 1] === '@') continue;
    const raw = m[0].replace(/[),.;!?]+$/, '');
    // "article.To be honest": a sentence run into the next one, not a host. A bare host (no scheme, no www.)
    // whose last label is capitalised like a word after a full stop is read as text.
    if (!/^(?:https?:\/\/|www\.)/i.test(raw) && /\.[A-Z][a-z]+(?:$|\/)/.test(raw)) continue;
    try {
      hosts.push(new URL(/^https?:\/\//i.test(raw) ? raw : `http://${raw}`).hostname.toLowerCase().replace(/^www\./, ''));
    } catch {
      // not a URL after all
    }
  }
  return hosts;
}

/** The host or one of its parent domains (down to the top-level one) is on the list: a look-up per label, whatever the list's length. */
export function within(host: string, domains: ReadonlySet<string>): boolean {
  for (let at = 0; at !== -1; at = host.indexOf('.', at + 1)) {
    if (domains.has(at === 0 ? host : host.slice(at + 1))) return true;
  }
  return false;
}

/**
 * spam.link: any link is held for review (hold); a shortener, a blocked site or an adult one
 * is refused, which the engine expresses by reporting the hit with reject.
 * Links to public contacts (allowedDomains: the newspaper's own sites, government and public bodies,
 * the wire services) pass.
 */
export const spamLink: ContentRule = (input: ContentInput) => {
  const hosts = input.linkHosts.filter((h) => !within(h, input.lists.allowedDomains));
  if (!hosts.length) return null;
  const { shorteners, deniedDomains, adultDomains } = input.lists;
  const blocked = hosts.some((h) => within(h, shorteners) || within(h, deniedDomains) || within(h, adultDomains));
  return { details: { links: hosts.length, blocked }, ...(blocked ? { action: 'reject' as const } : {}) };
};
