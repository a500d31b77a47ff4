import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

/**
 * Bodies are counted by the policy's length rules (250 characters); this cap
 * only keeps absurd payloads out before they reach it, and still answers with
 * length.abuse rather than a generic 400 for anything up to it.
 */
const RAW_BODY_MAX = 100_000;

export class PostCommentDto {
  @ApiProperty({ example: '좋은 기사 감사합니다.', description: '1 to 250 characters as a reader sees them (NFC, trimmed, grapheme clusters)' })
  @IsString()
  @MaxLength(RAW_BODY_MAX)
  body: string;

  @ApiPropertyOptional({ description: 'Reply to this comment; a reply to a reply attaches to its top-level comment' })
  @IsOptional()
  @IsUUID('all', { message: 'parentId must be a comment id' })
  parentId?: string;
}

export class EditCommentDto {
  @ApiProperty()
  @IsString()
  @MaxLength(RAW_BODY_MAX)
  body: string;
}

export class CommentParams {
  @ApiProperty()
  @IsUUID('all', { message: 'id must be a comment id' })
  id: string;
}

/** A page of any list: `limit` 1..100 (each route has its own default) and the previous page's cursor. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, description: '20 for articles, your comments and the moderation queue; 50 for replies and the audit log' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;
}

export class ListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['newest', 'oldest', 'agreed'], default: 'newest' })
  @IsOptional()
  @IsIn(['newest', 'oldest', 'agreed'])
  sort?: 'newest' | 'oldest' | 'agreed';
}

/** An Idempotency-Key: printable ASCII, 1 to 255. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
