import { HIT, type Rule } from '../rule';

/** article.premoderated: every comment on this article waits for a moderator. */
export const articlePremoderated: Rule = ({ ctx }) => (ctx.article?.moderation === 'pre' ? HIT : null);
