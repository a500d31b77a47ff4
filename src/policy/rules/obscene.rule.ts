import type { ContentRule } from '../rule';
import { within } from './spam-link.rule';

/**
 * obscene: sexual content and adult links. Words: the obscene list, matched on
 * the shared normalised form by the one automaton of all lists (see
 * normalize.ts and word-list.ts); its `hold` entries hold instead. Links: a host on the adult-site list or
 * under an adult top-level domain (.xxx, .porn).
 */
export const obscene: ContentRule = (input) => {
  if (input.hits.obscene.size) return { details: { kind: 'words' } };
  const adult = input.lists.adultDomains;
  if (adult.size && input.linkHosts.some((h) => within(h, adult))) return { details: { kind: 'adult link' } };
  // Words that are also news vocabulary (porn in a deepfake story, leaked nudes): a moderator reads them.
  return input.hits['obscene.hold']?.size ? { action: 'hold', details: { kind: 'words' } } : null;
};
