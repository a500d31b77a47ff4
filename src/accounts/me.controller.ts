import { Controller, Delete, Get, HttpCode, Query, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthService } from '../auth/auth.service';
import { CurrentUser } from '../auth/decorators';
import { CommentsService } from '../comments/comments.service';
import { PageQuery } from '../comments/dto/comment.input';
import { CommentPage } from '../comments/dto/comment.view';
import type { User } from '../users/user.entity';
import { AccountsService } from './accounts.service';

class AccountExportView {
  @ApiProperty({ format: 'date-time' }) exportedAt: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The user row: id, displayName, avatarUrl, profileUrl, role, suspension, createdAt' })
  user: Record<string, unknown>;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Provider accounts, as last seen at login' })
  identities: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Every comment, every status, with its policy decision' })
  comments: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) reactions: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) reports: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'When each open session expires' })
  sessions: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Confirmed violations: the comment and the rule' })
  strikes: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Warnings, suspensions and bans, lifted or not' })
  sanctions: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Rights claims on the reader’s comments: reason and dates (not the claimant)' })
  claimsOnComments: Record<string, unknown>[];
}

@ApiTags('readers')
@Controller('users/me')
export class MeController {
  constructor(
    private readonly comments: CommentsService,
    private readonly accounts: AccountsService,
    private readonly auth: AuthService,
  ) {}

  @Get('comments')
  @ApiOperation({ summary: 'The reader’s own comments, every status, newest first, with any moderation notice' })
  @ApiOkResponse({ type: CommentPage, description: 'A page of comments' })
  @ApiErrors('VALIDATION_FAILED', 'UNAUTHENTICATED')
  mine(@CurrentUser() user: User, @Query() query: PageQuery): Promise<CommentPage> {
    return this.comments.byAuthor(user.id, query.limit ?? 20, query.cursor);
  }

  @Get('export')
  @ApiOperation({ summary: 'Everything the service holds about the reader, as JSON' })
  @ApiOkResponse({ type: AccountExportView, description: 'Everything the service holds about the reader' })
  @ApiErrors('UNAUTHENTICATED')
  export(@CurrentUser() user: User): Promise<Record<string, unknown>> {
    return this.accounts.export(user.id);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Erases the account: comments (placeholders where replies hang on them), identities, sessions, reactions, reports' })
  @ApiNoContentResponse({ description: 'Erased and logged out' })
  @ApiErrors('UNAUTHENTICATED', 'CSRF_FAILED')
  async remove(@CurrentUser() user: User, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.accounts.erase(user.id, req.id);
    await this.auth.logout(req, reply);
  }
}
