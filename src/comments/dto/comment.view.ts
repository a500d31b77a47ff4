import { ApiProperty } from '@nestjs/swagger';
import type { CommentNotice, CommentStatus } from '../comment.entity';
import type { ReactionValue } from '../../reactions/reaction.entity';

export class CommentAuthorView {
  @ApiProperty() id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) avatarUrl: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ['twitter', 'facebook'] }) provider: string | null;
}

/** The Comment of api.md, and nothing else: no fingerprint, no report count, no policy internals. */
export class CommentView {
  @ApiProperty() id: string;
  @ApiProperty() articleId: string;
  @ApiProperty({ nullable: true, type: String }) parentId: string | null;
  @ApiProperty({ nullable: true, type: CommentAuthorView }) author: CommentAuthorView | null;
  @ApiProperty() body: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) editedAt: string | null;
  @ApiProperty({ enum: ['published', 'pending', 'hidden', 'deleted'] }) status: CommentStatus;
  @ApiProperty() agreeCount: number;
  @ApiProperty() disagreeCount: number;
  @ApiProperty() replyCount: number;
  @ApiProperty({ nullable: true, type: String, enum: ['agree', 'disagree'] }) myReaction: ReactionValue | null;
  @ApiProperty({ nullable: true, type: String, enum: ['awaiting_review', 'hidden_by_reports', 'hidden_by_claim', 'hidden_by_moderator', 'removed_by_moderator'] })
  notice: CommentNotice | null;
}

export class CommentPage {
  @ApiProperty({ type: [CommentView] }) items: CommentView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty() total: number;
}

/** A comments row joined with its author, as the read queries select it. */
export interface CommentRow {
  id: string;
  article_id: string;
  parent_id: string | null;
  author_id: string | null;
  body: string;
  status: CommentStatus;
  notice: CommentNotice | null;
  agree_count: number;
  disagree_count: number;
  reply_count: number;
  created_at: Date;
  created_key: string;
  edited_at: Date | null;
  author_name: string | null;
  author_avatar: string | null;
  author_provider: string | null;
  my_reaction: ReactionValue | null;
}

/**
 * What a reader sees of a row: a deleted comment is a bodiless, authorless
 * placeholder; `notice` only for the author's own comments.
 */
export function toCommentView(row: CommentRow, viewerId: string | null): CommentView {
  const deleted = row.status === 'deleted';
  const own = viewerId !== null && row.author_id === viewerId;
  return {
    id: row.id,
    articleId: row.article_id,
    parentId: row.parent_id,
    author:
      deleted || !row.author_id
        ? null
        : { id: row.author_id, displayName: row.author_name ?? '', avatarUrl: row.author_avatar, provider: row.author_provider },
    body: deleted ? '' : row.body,
    createdAt: row.created_at.toISOString(),
    editedAt: deleted ? null : (row.edited_at?.toISOString() ?? null),
    status: row.status,
    agreeCount: row.agree_count,
    disagreeCount: row.disagree_count,
    replyCount: row.reply_count,
    myReaction: deleted ? null : (row.my_reaction ?? null),
    notice: own ? row.notice : null,
  };
}
