import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from './api';
import { errorText, formatTime } from './format';
import { useTexts } from './i18n';
import type { Comment } from './types';

type State = { kind: 'loading' } | { kind: 'shown'; replies: Comment[] } | { kind: 'not-public' } | { kind: 'failed'; error: unknown };

/**
 * A comment's thread as moderators see it (GET /moderation/comments/:id): the
 * replies of the thread a reply belongs to, or of a top-level comment, in
 * every state, so a held or hidden thread shows too.
 */
export function Thread({ comment }: { comment: Comment }) {
  const t = useTexts();
  const top = comment.parentId ?? comment.id;
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    api<{ replies: Comment[] }>('GET', `/moderation/comments/${top}`)
      .then((thread) => live && setState({ kind: 'shown', replies: thread.replies }))
      .catch((error) => live && setState(error instanceof ApiError && error.status === 404 ? { kind: 'not-public' } : { kind: 'failed', error }));
    return () => {
      live = false;
    };
  }, [top]);

  if (state.kind === 'loading') return <p class="thread">{t.threadLoading}</p>;
  if (state.kind === 'not-public') return <p class="thread">{t.threadNotPublic}</p>;
  if (state.kind === 'failed') return <p class="thread">{errorText(state.error, t)}</p>;
  if (!state.replies.length) return <p class="thread">{t.threadNone}</p>;
  return (
    <div class="thread">
      <p>{comment.parentId ? t.threadSiblings : t.threadReplies}</p>
      <ol>
        {state.replies.map((r) => (
          <li key={r.id} class={r.id === comment.id ? 'this' : undefined}>
            {r.status === 'deleted' ? '—' : `${r.author?.displayName ?? ''}: ${r.body}`} <span class="meta">({formatTime(r.createdAt, t)}{r.status !== 'published' ? ` · ${r.status}` : ''})</span>
            {r.id === comment.id && <span class="meta"> · {t.thisComment}</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}
