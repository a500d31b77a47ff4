import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors';
import { CmsToken, CurrentActor, Roles } from '../auth/decorators';
import type { Actor } from '../moderation/audit.repository';
import { Public } from '../common/public.decorator';
import { ArticlesService } from './articles.service';
import { ArticleCountsQuery, ArticleCountsView, ArticleParams, ArticleView, UpsertArticleDto } from './dto';

@ApiTags('articles')
@Controller('articles')
export class ArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  @Public()
  @Get('counts')
  @ApiOperation({ summary: 'Published comment counts for up to 100 articles, in one query' })
  @ApiOkResponse({ type: ArticleCountsView, description: 'Public comment counts; 0 for unknown ids' })
  @ApiErrors('VALIDATION_FAILED')
  async counts(@Query() query: ArticleCountsQuery): Promise<ArticleCountsView> {
    return { counts: await this.articles.counts(query.ids) };
  }

  @Public()
  @Get(':articleId')
  @ApiOperation({ summary: 'An article and its published comment count; an unknown id answers the defaults' })
  @ApiOkResponse({ type: ArticleView, description: 'The article, or the defaults for an unknown id' })
  @ApiErrors('VALIDATION_FAILED')
  get(@Param() params: ArticleParams): Promise<ArticleView> {
    return this.articles.get(params.articleId);
  }

  @Put(':articleId')
  @Roles('moderator')
  @CmsToken()
  @ApiOperation({ summary: 'Upsert url, title, commentsOpen, moderation (moderator, or the CMS with its bearer token)' })
  @ApiOkResponse({ type: ArticleView, description: 'The article as stored' })
  @ApiErrors('VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'UNAUTHENTICATED', 'CSRF_FAILED', 'FORBIDDEN')
  upsert(@Param() params: ArticleParams, @Body() body: UpsertArticleDto, @CurrentActor() actor: Actor): Promise<ArticleView> {
    return this.articles.upsert(params.articleId, body, actor);
  }
}
