import { useState } from 'preact/hooks';
import { CommentCard, type CardContext } from './comment-card';
import { Composer } from './composer';
import { describeError, explainRefusal, suspensionOf, type Told } from './errors';
import type { Thread as ThreadState } from './list-state';
import type { Comment } from './types';

/** A top-level comment, its replies folded under it (loaded when opened), and a reply box. */
export function Thread({ c, thread, ctx, open: articleOpen }: { c: Comment; thread: ThreadState | undefined; ctx: CardContext; open: boolean }) {
  const { t, client, lang } = ctx;
  const [replying, setReplying] = useState(false);
  const [loading, setLoading] = useState(false);
  const [told, setTold] = useState<Told | null>(null);
  const shown = thread?.open ?? false;
  const replies = thread?.items ?? [];
  const count = Math.max(c.replyCount, replies.filter((r) => r.status === 'published').length);

  const load = async (cursor: string | null) => {
    setLoading(true);
    setTold(null);
    try {
      ctx.dispatch({ type: 'replies', id: c.id, page: await client.replies(c.id, cursor), append: cursor !== null });
    } catch (e) {
      setTold(describeError(e, t, lang));
    } finally {
      setLoading(false);
    }
  };
  const toggle = () => {
    ctx.dispatch({ type: 'thread', id: c.id, open: !shown });
    if (!shown && !thread?.loaded) void load(null);
  };
  const startReply = () => {
    setReplying(true);
    if (!shown) toggle();
  };

  const postReply = async (text: string): Promise<Told | null> => {
    try {
      const posted = await client.post(text, c.id);
      ctx.dispatch({ type: 'posted', comment: posted });
      setReplying(false);
      ctx.announce(posted.status === 'pending' ? t.held : t.replied);
      return null;
    } catch (e) {
      const s = suspensionOf(e);
      if (s) ctx.onSuspended(s);
      return explainRefusal(client, e, lang, t);
    }
  };

  const canReply = articleOpen && c.status === 'published';
  return (
    <li class="thread">
      <CommentCard c={c} ctx={ctx} onReply={canReply ? startReply : undefined} />
      {(count > 0 || replies.length > 0) && (
        <button type="button" class="link replies-toggle" aria-expanded={shown} onClick={toggle}>
          {shown ? t.hideReplies : t.showReplies(count)}
        </button>
      )}
      {shown && replies.length > 0 && (
        <ul class="replies" aria-label={t.reply}>
          {replies.map((r) => (
            <li key={r.id}>
              <CommentCard c={r} ctx={ctx} onReply={canReply ? startReply : undefined} />
            </li>
          ))}
        </ul>
      )}
      {shown && thread?.nextCursor && (
        <button type="button" class="secondary more" disabled={loading} onClick={() => void load(thread.nextCursor)}>
          {t.moreReplies}
        </button>
      )}
      {loading && <p class="muted">{t.loading}</p>}
      <div role="alert">{told?.lines.map((line) => <p class="error">{line}</p>)}</div>
      {replying && canReply && (
        <div class="reply-box">
          <Composer
            t={t}
            label={t.replyLabel(c.author?.displayName ?? '')}
            submitLabel={t.postReply}
            onSubmit={postReply}
            onCancel={() => setReplying(false)}
            onPolicy={ctx.openPolicy}
            autoFocus
          />
        </div>
      )}
    </li>
  );
}
