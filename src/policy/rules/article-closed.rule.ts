import { HIT, type ContextRule } from '../rule';

/** article.closed: the newsroom closed comments on this article. */
export const articleClosed: ContextRule = ({ ctx }) => (ctx.article && !ctx.article.commentsOpen ? HIT : null);
