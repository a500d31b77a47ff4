import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsOptional, IsString, IsUrl, Matches, MaxLength, ValidateIf } from 'class-validator';
import type { Article, ModerationMode } from './article.entity';

/** The newsroom's own article id: 1 to 128 of A-Z a-z 0-9 _ . : - */
export const ARTICLE_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;
const ARTICLE_ID_MESSAGE = 'articleId must be 1 to 128 characters of A-Z a-z 0-9 _ . : -';

export class ArticleParams {
  @ApiProperty({ example: '2000-11-25-it-accord', pattern: ARTICLE_ID_PATTERN.source })
  @Matches(ARTICLE_ID_PATTERN, { message: ARTICLE_ID_MESSAGE })
  articleId: string;
}

export class ArticleCountsQuery {
  @ApiProperty({ description: 'Comma-separated article ids, 1 to 100', example: 'a,b,c', type: String })
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value))
  @ArrayMinSize(1, { message: 'ids must name at least one article' })
  @ArrayMaxSize(100, { message: 'ids may name at most 100 articles' })
  @Matches(ARTICLE_ID_PATTERN, { each: true, message: 'each id must be 1 to 128 characters of A-Z a-z 0-9 _ . : -' })
  ids: string[];
}

export class UpsertArticleDto {
  @ApiPropertyOptional({ nullable: true, example: 'https://news.example.com/2000/11/25/it-accord' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http(s) URL' })
  @MaxLength(2048)
  url?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'South Korea, Japan Sign Information Technology Accord' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^[^\u0000]*$/, { message: 'title must not contain U+0000' })
  title?: string | null;

  // Left out, a setting keeps its value; null is not a value these two can have (400, not a 500 from the NOT NULL column).
  @ApiPropertyOptional()
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean()
  commentsOpen?: boolean;

  @ApiPropertyOptional({ enum: ['post', 'pre'] })
  @ValidateIf((_, value) => value !== undefined)
  @IsIn(['post', 'pre'])
  moderation?: ModerationMode;
}

export class ArticleView {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) url: string | null;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty() commentsOpen: boolean;
  @ApiProperty({ enum: ['post', 'pre'] }) moderation: ModerationMode;
  @ApiProperty({ description: 'Published comments and replies' }) commentCount: number;

  static of(article: Article): ArticleView {
    return {
      id: article.id,
      url: article.url,
      title: article.title,
      commentsOpen: article.commentsOpen,
      moderation: article.moderation,
      commentCount: article.commentCount,
    };
  }

  /** What an article nobody has registered looks like. */
  static unknown(id: string): ArticleView {
    return { id, url: null, title: null, commentsOpen: true, moderation: 'post', commentCount: 0 };
  }
}

export class ArticleCountsView {
  @ApiProperty({ example: { a: 12, b: 0 }, additionalProperties: { type: 'integer' } })
  counts: Record<string, number>;
}
