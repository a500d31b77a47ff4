import type { Rule, RuleInput } from '../rule';

// A scheme, www., or a bare host with a common top-level domain.
const URL_LIKE =
  /\b(?:https?:\/\/[^\s<>"']+|www\.[^\s<>"']+|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|net|org|kr|io|me|ly|gl|to|co|xyz|top|site|shop|info|biz|link|click|at|cc|do|la|gd|us|tv|app|dev)\b(?:\/[^\s<>"']*)?)/gi;

export function linkHosts(text: string): string[] {
  const hosts: string[] = [];
  const nfkc = text.normalize('NFKC');
  for (const m of nfkc.matchAll(URL_LIKE)) {
    // The domain of an e-mail address is not a link (pii.account deals with the address).
    if (m.index > 0 && nfkc[m.index - 1] === '@') continue;
    const raw = m[0].replace(/[),.;!?]+$/, '');
    try {
      hosts.push(new URL(/^https?:\/\//i.test(raw) ? raw : `http://${raw}`).hostname.toLowerCase().replace(/^www\./, ''));
    } catch {
      // not a URL after all
    }
  }
  return hosts;
}

const within = (host: string, domains: Set<string>) => [...domains].some((d) => host === d || host.endsWith(`.${d}`));

/**
 * spam.link: any link is held for review (hold); a shortener or a blocked site
 * is refused, which the engine expresses by reporting the hit with reject.
 * Links to the newspaper's own sites pass.
 */
export const spamLink: Rule = (input: RuleInput) => {
  // No host without a dot between letters or digits: most comments stop here.
  if (!/[a-z0-9]\s?[.．。]\s?[a-z]/i.test(input.measure.text)) return null;
  const hosts = linkHosts(input.measure.text).filter((h) => !within(h, input.lists.allowedDomains));
  if (!hosts.length) return null;
  const blocked = hosts.some((h) => within(h, input.lists.shorteners) || within(h, input.lists.deniedDomains));
  return { details: { links: hosts.length, blocked }, ...(blocked ? { action: 'reject' as const } : {}) };
};
