import { HIT, type Rule } from '../rule';

/** article.closed: the newsroom closed comments on this article. */
export const articleClosed: Rule = ({ ctx }) => (ctx.article && !ctx.article.commentsOpen ? HIT : null);
