import { HIT, type ContextRule } from '../rule';

/** article.premoderated: every comment on this article waits for a moderator. */
export const articlePremoderated: ContextRule = ({ ctx }) => (ctx.article?.moderation === 'pre' ? HIT : null);
