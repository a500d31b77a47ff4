import { Body, Controller, Delete, Get, Headers, HttpCode, Inject, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { ReadRouter } from '../database/read-routing';
import { ArticleParams } from '../articles/dto';
import { CurrentUser } from '../auth/decorators';
import { AppError } from '../common/errors';
import { Public } from '../common/public.decorator';
import type { User } from '../users/user.entity';
import { CommentsService } from './comments.service';
import { isPersonal, noStore, publicAnswer } from './http-cache';
import { CommentParams, EditCommentDto, IDEMPOTENCY_KEY, ListQuery, PostCommentDto, PageQuery } from './dto/comment.input';
import { CommentPage, CommentView } from './dto/comment.view';

class RestorationRequestedView {
  @ApiProperty({ enum: [true] }) requested: true;
}

@ApiTags('comments')
@Controller()
export class CommentsController {
  constructor(
    private readonly comments: CommentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reads: ReadRouter,
  ) {}

  @Public()
  @Get('articles/:articleId/comments')
  @ApiOperation({
    summary:
      'Top-level comments, keyset-paginated; a logged-in reader also sees their own pending and hidden ones with a notice. Anonymous answers carry an ETag and a short public Cache-Control; If-None-Match answers 304',
  })
  @ApiOkResponse({ type: CommentPage, description: 'A page of comments' })
  @ApiResponse({ status: 304, description: 'Not modified (anonymous, If-None-Match matched the ETag)' })
  @ApiErrors('VALIDATION_FAILED')
  async list(
    @Param() params: ArticleParams,
    @Query() query: ListQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentUser() user?: User,
  ): Promise<CommentPage | undefined> {
    const sort = query.sort ?? 'newest';
    const limit = query.limit ?? 20;
    if (isPersonal(request)) {
      noStore(reply);
      return this.reads.read(request, (db) => this.comments.list(params.articleId, sort, limit, query.cursor, user?.id ?? null, db));
    }
    // The version and the page from the same database, the version first (see ListVersionsRepository).
    return this.reads.read(request, async (db) => {
      const { etag, total } = await this.comments.listTag(params.articleId, sort, limit, query.cursor, db);
      if (publicAnswer(request, reply, this.config, etag)) return undefined;
      return this.comments.list(params.articleId, sort, limit, query.cursor, null, db, total);
    });
  }

  @Post('articles/:articleId/comments')
  @ApiOperation({ summary: '201 published, 202 held for review; 422 POLICY_VIOLATION, 409 COMMENTS_CLOSED, 403 ACCOUNT_SUSPENDED, 429 RATE_LIMITED' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the first answer (24 h, per reader)' })
  @ApiResponse({ status: 201, type: CommentView, description: 'Published' })
  @ApiResponse({ status: 202, type: CommentView, description: 'Held for review: status "pending", notice "awaiting_review"' })
  @ApiErrors('VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'UNAUTHENTICATED', 'CSRF_FAILED', 'ACCOUNT_SUSPENDED', 'NOT_FOUND', 'COMMENTS_CLOSED', 'POLICY_VIOLATION', 'RATE_LIMITED')
  async post(
    @Param() params: ArticleParams,
    @Body() dto: PostCommentDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentUser() user: User,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommentView> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw AppError.validation('Idempotency-Key must be 1 to 255 printable ASCII characters.', { fields: [{ field: 'Idempotency-Key', problems: ['invalid'] }] });
    }
    const result = await this.comments.post(user, params.articleId, dto.body, dto.parentId, idempotencyKey);
    reply.status(result.status);
    return result.comment;
  }

  @Public()
  @Get('comments/:id/replies')
  @ApiOperation({ summary: 'Replies to a top-level comment, oldest first; cached like the top-level list' })
  @ApiOkResponse({ type: CommentPage, description: 'A page of comments' })
  @ApiResponse({ status: 304, description: 'Not modified (anonymous, If-None-Match matched the ETag)' })
  @ApiErrors('VALIDATION_FAILED', 'NOT_FOUND')
  async replies(
    @Param() params: CommentParams,
    @Query() query: PageQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentUser() user?: User,
  ): Promise<CommentPage | undefined> {
    const limit = query.limit ?? 50;
    return this.reads.read(request, async (db) => {
      const etag = isPersonal(request) ? null : await this.comments.repliesTag(params.id, limit, query.cursor, db);
      if (etag === null) {
        const page = await this.comments.replies(params.id, limit, query.cursor, user?.id ?? null, db);
        noStore(reply);
        return page;
      }
      if (publicAnswer(request, reply, this.config, etag)) return undefined;
      return this.comments.replies(params.id, limit, query.cursor, null, db);
    });
  }

  @Patch('comments/:id')
  @ApiOperation({ summary: 'Its author edits within EDIT_WINDOW_SECONDS; the policy runs again; 409 EDIT_WINDOW_CLOSED after' })
  @ApiOkResponse({ type: CommentView, description: 'The comment after the change' })
  @ApiErrors('VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'UNAUTHENTICATED', 'CSRF_FAILED', 'FORBIDDEN', 'ACCOUNT_SUSPENDED', 'NOT_FOUND', 'EDIT_WINDOW_CLOSED', 'CONFLICT', 'COMMENTS_CLOSED', 'POLICY_VIOLATION')
  edit(@Param() params: CommentParams, @Body() dto: EditCommentDto, @CurrentUser() user: User): Promise<CommentView> {
    return this.comments.edit(user, params.id, dto.body);
  }

  @Delete('comments/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Its author deletes it; with replies it stays as a placeholder (moderators use POST /moderation/comments/:id/delete)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors('VALIDATION_FAILED', 'UNAUTHENTICATED', 'CSRF_FAILED', 'FORBIDDEN', 'NOT_FOUND')
  async remove(@Param() params: CommentParams, @CurrentUser() user: User): Promise<void> {
    await this.comments.remove(user, params.id);
  }

  @Post('comments/:id/restoration-request')
  @HttpCode(202)
  @ApiOperation({ summary: 'Its author asks, once, for a comment hidden by a rights claim to be restored; 202' })
  @ApiAcceptedResponse({ type: RestorationRequestedView, description: 'Queued for a moderator' })
  @ApiErrors('VALIDATION_FAILED', 'UNAUTHENTICATED', 'CSRF_FAILED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT')
  async restorationRequest(@Param() params: CommentParams, @CurrentUser() user: User): Promise<{ requested: true }> {
    await this.comments.requestRestoration(user, params.id);
    return { requested: true };
  }
}
