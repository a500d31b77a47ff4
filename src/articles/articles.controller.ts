import { Body, Controller, Get, Inject, Param, Put, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagOf, isPersonal, noStore, publicAnswer } from '../comments/http-cache';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { ReadRouter } from '../database/read-routing';
import { ApiErrors } from '../common/api-errors';
import { CmsToken, CurrentActor, Roles } from '../auth/decorators';
import type { Actor } from '../moderation/audit.repository';
import { Public } from '../common/public.decorator';
import { ArticlesService } from './articles.service';
import { ArticleCountsQuery, ArticleCountsView, ArticleParams, ArticleView, UpsertArticleDto } from './dto';

@ApiTags('articles')
@Controller('articles')
export class ArticlesController {
  constructor(
    private readonly articles: ArticlesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reads: ReadRouter,
  ) {}

  @Public()
  @Get('counts')
  @ApiOperation({ summary: 'Published comment counts for up to 100 articles, in one query; anonymous answers carry an ETag and a short public Cache-Control' })
  @ApiOkResponse({ type: ArticleCountsView, description: 'Public comment counts; 0 for unknown ids' })
  @ApiResponse({ status: 304, description: 'Not modified (anonymous, If-None-Match matched the ETag)' })
  @ApiErrors('VALIDATION_FAILED')
  async counts(@Query() query: ArticleCountsQuery, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ArticleCountsView | undefined> {
    return this.cacheable(request, reply, { counts: await this.reads.read(request, (db) => this.articles.counts(query.ids, db)) });
  }

  @Public()
  @Get(':articleId')
  @ApiOperation({ summary: 'An article and its published comment count; an unknown id answers the defaults; cached like the counts' })
  @ApiOkResponse({ type: ArticleView, description: 'The article, or the defaults for an unknown id' })
  @ApiResponse({ status: 304, description: 'Not modified (anonymous, If-None-Match matched the ETag)' })
  @ApiErrors('VALIDATION_FAILED')
  async get(@Param() params: ArticleParams, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ArticleView | undefined> {
    return this.cacheable(request, reply, await this.reads.read(request, (db) => this.articles.get(params.articleId, db)));
  }

  /**
   * Counts are one cheap read of the articles table, so their ETag is the
   * answer's own digest: a 304 saves the bytes, not the read. The answer is
   * the same for everyone, but a request with a session or token is still
   * not stored (see http-cache.ts).
   */
  private cacheable<T>(request: FastifyRequest, reply: FastifyReply, answer: T): T | undefined {
    if (isPersonal(request)) {
      noStore(reply);
      return answer;
    }
    return publicAnswer(request, reply, this.config, etagOf([JSON.stringify(answer)])) ? undefined : answer;
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
