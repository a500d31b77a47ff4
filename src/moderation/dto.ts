import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ARTICLE_ID_PATTERN } from '../articles/dto';
import { PageQuery } from '../comments/dto/comment.input';
import { CommentView } from '../comments/dto/comment.view';
import { RULE_IDS } from '../policy';
import type { Role } from '../users/user.entity';
import type { QueueStatus } from './queue.repository';

const NO_NUL = /^[^\u0000]*$/;

export class UserParams {
  @ApiProperty()
  @IsUUID('all', { message: 'id must be a user id' })
  id: string;
}

export class DecisionDto {
  @ApiPropertyOptional({ maxLength: 1000, description: 'Why, for the audit log (the author never sees it)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @Matches(NO_NUL, { message: 'reason must not contain U+0000' })
  reason?: string;

  @ApiPropertyOptional({ enum: RULE_IDS, description: 'The policy rule a reject or delete confirms: a strike on the author. A reject of a held comment confirms the rules that held it when this is left out' })
  @IsOptional()
  @IsIn(RULE_IDS as unknown as string[])
  rule?: string;
}

export class ClaimDto {
  @ApiProperty({ maxLength: 200, description: 'Who claims the comment infringes their rights' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(NO_NUL, { message: 'claimant must not contain U+0000' })
  claimant: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  @Matches(NO_NUL, { message: 'reason must not contain U+0000' })
  reason: string;
}

export class SanctionDto {
  @ApiProperty({ enum: ['suspend', 'ban'] })
  @IsIn(['suspend', 'ban'])
  type: 'suspend' | 'ban';

  @ApiPropertyOptional({ minimum: 1, maximum: 3650, description: 'Required for a suspension' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  days?: number;

  @ApiProperty({ maxLength: 1000, description: 'Shown to the reader with the end of the suspension' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  @Matches(NO_NUL, { message: 'reason must not contain U+0000' })
  reason: string;
}

export class LiftDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @Matches(NO_NUL, { message: 'reason must not contain U+0000' })
  reason?: string;
}

export class RoleDto {
  @ApiProperty({ enum: ['reader', 'moderator', 'admin'] })
  @IsIn(['reader', 'moderator', 'admin'])
  role: Role;
}

export class QueueQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['pending', 'reported', 'hidden', 'claims', 'names'], default: 'pending' })
  @IsOptional()
  @IsIn(['pending', 'reported', 'hidden', 'claims', 'names'])
  status?: QueueStatus;

  @ApiPropertyOptional({ description: 'Only this article' })
  @IsOptional()
  @Matches(ARTICLE_ID_PATTERN, { message: 'articleId must be 1 to 128 characters of A-Z a-z 0-9 _ . : -' })
  articleId?: string;
}

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'actorId must be a user id' })
  actorId?: string;

  @ApiPropertyOptional({ description: 'A comment, user or article id' })
  @IsOptional()
  @Matches(ARTICLE_ID_PATTERN, { message: 'targetId must be a comment, user or article id' })
  targetId?: string;
}

export class QueueArticleView {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ nullable: true, type: String }) url: string | null;
}

export class QueueReportView {
  @ApiProperty() reason: string;
  @ApiProperty() reporterId: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class QueueReportsView {
  @ApiProperty({ description: 'Open reports (those a restore cleared do not count)' }) count: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { abuse: 2, spam: 1 } }) reasons: Record<string, number>;
  @ApiProperty({ type: [String] }) reporterIds: string[];
  @ApiProperty({ type: [QueueReportView] }) items: QueueReportView[];
}

export class AuthorRecordView {
  @ApiProperty() id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ format: 'date-time' }) accountCreatedAt: string;
  @ApiProperty({ description: 'Days since the account was created' }) accountAgeDays: number;
  @ApiProperty({ description: 'Comments ever written, every status' }) comments: number;
  @ApiProperty() strikes: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) suspendedUntil: string | null;
  @ApiProperty({ nullable: true, type: String }) suspensionReason: string | null;
}

export class ClaimView {
  @ApiProperty() id: string;
  @ApiProperty() claimant: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', description: 'When the claim’s period runs out and a moderator decides' }) hiddenUntil: string;
}

export class ToxicityNgramView {
  @ApiProperty({ description: 'The characters of the comment an n-gram covers' }) text: string;
  @ApiProperty({ description: 'How much it pushed the toxic score up (its share of the log-odds)' }) weight: number;
}

export class ToxicityView {
  @ApiProperty({ description: 'The toxic head’s probability (offensive or hate), 0 to 1' }) score: number;
  @ApiProperty({ description: 'The hate head’s probability, 0 to 1' }) hate: number;
  @ApiProperty({ enum: ['none', 'hold', 'reject'], description: 'The band the score fell in under the policy’s thresholds' }) band: 'none' | 'hold' | 'reject';
  @ApiProperty({ description: 'Too little Hangul for the Korean model: the score is recorded, no band applied' }) abstained: boolean;
  @ApiProperty({ enum: ['built-in', 'remote'] }) source: 'built-in' | 'remote';
  @ApiPropertyOptional({ type: [ToxicityNgramView], description: 'For a comment in a band: the n-grams that weighed most, strongest first' }) ngrams?: ToxicityNgramView[];
}

export class QueuePolicyView {
  @ApiProperty() version: string;
  @ApiProperty({ type: [String], description: 'The rules that fired on the last version of the text' }) rules: string[];
  @ApiProperty({ type: ToxicityView, nullable: true, description: 'The toxicity scorer’s reading of the last version of the text; null for comments stored before it or deleted' })
  toxicity: ToxicityView | null;
}

export class NameReviewView {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'What readers see now (a neutral handle)' }) displayName: string;
  @ApiProperty({ description: 'The name the provider gave, waiting for approval' }) requestedName: string;
  @ApiProperty({ format: 'date-time' }) accountCreatedAt: string;
}

export class QueueItemView {
  @ApiProperty({ enum: ['comment', 'name'] }) kind: 'comment' | 'name';
  @ApiPropertyOptional({ type: CommentView, description: 'kind "comment": the comment as a moderator sees it (text, author, notice)' }) comment?: CommentView;
  @ApiPropertyOptional({ type: QueueArticleView }) article?: QueueArticleView;
  @ApiPropertyOptional({ type: QueuePolicyView }) policy?: QueuePolicyView;
  @ApiPropertyOptional({ type: QueueReportsView }) reports?: QueueReportsView;
  @ApiPropertyOptional({ type: AuthorRecordView, nullable: true }) author?: AuthorRecordView | null;
  @ApiPropertyOptional({ type: ClaimView, nullable: true }) claim?: ClaimView | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) restorationRequestedAt?: string | null;
  @ApiPropertyOptional({ type: NameReviewView, description: 'kind "name": a display name waiting for approval' }) user?: NameReviewView;
}

export class ThreadView {
  @ApiProperty({ type: QueueItemView, description: 'The comment asked about, as the queue shows it' }) comment: QueueItemView;
  @ApiProperty({ type: CommentView, description: 'Its thread’s top-level comment (the comment itself when it is one), as moderators see it' }) top: CommentView;
  @ApiProperty({ type: [CommentView], description: 'Every reply of the thread, any state, oldest first (up to 200)' }) replies: CommentView[];
  @ApiProperty() moreReplies: boolean;
}

export class PersonView {
  @ApiProperty() id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['reader', 'moderator', 'admin'] }) role: Role;
  @ApiProperty({ format: 'date-time' }) accountCreatedAt: string;
  @ApiProperty() comments: number;
  @ApiProperty() strikes: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) suspendedUntil: string | null;
  @ApiProperty({ nullable: true, type: String }) suspensionReason: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'A flagged display name waiting for approval' }) requestedName: string | null;
}

export class QueuePage {
  @ApiProperty({ type: [QueueItemView] }) items: QueueItemView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ClaimOpenedView {
  @ApiProperty({ type: ClaimView }) claim: ClaimView;
  @ApiProperty({ type: CommentView }) comment: CommentView;
}

export class SanctionView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['warning', 'suspend', 'ban'] }) kind: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) until: string | null;
  @ApiProperty() reason: string;
}

export class RoleView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['reader', 'moderator', 'admin'] }) role: Role;
}

export class AuditEntryView {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({
    type: 'object',
    properties: { id: { type: 'string', nullable: true }, kind: { type: 'string', enum: ['moderator', 'admin', 'cms', 'system'] }, displayName: { type: 'string', nullable: true } },
  })
  actor: { id: string | null; kind: string; displayName: string | null };
  @ApiProperty({ example: 'comment.reject' }) action: string;
  @ApiProperty({ type: 'object', properties: { type: { type: 'string', enum: ['comment', 'user', 'article'] }, id: { type: 'string' } } })
  target: { type: string; id: string };
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) before: unknown;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) after: unknown;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntryView] }) items: AuditEntryView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
