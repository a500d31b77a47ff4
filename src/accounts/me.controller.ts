import { Controller, Delete, Get, HttpCode, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthService } from '../auth/auth.service';
import { CurrentUser } from '../auth/decorators';
import { CommentsService } from '../comments/comments.service';
import { PageQuery } from '../comments/dto/comment.input';
import { CommentPage } from '../comments/dto/comment.view';
import type { User } from '../users/user.entity';
import { AccountsService } from './accounts.service';

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
  @ApiOkResponse({ type: CommentPage })
  mine(@CurrentUser() user: User, @Query() query: PageQuery): Promise<CommentPage> {
    return this.comments.byAuthor(user.id, query.limit ?? 20, query.cursor);
  }

  @Get('export')
  @ApiOperation({ summary: 'Everything the service holds about the reader, as JSON' })
  export(@CurrentUser() user: User): Promise<Record<string, unknown>> {
    return this.accounts.export(user.id);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Erases the account: comments (placeholders where replies hang on them), identities, sessions, reactions, reports' })
  async remove(@CurrentUser() user: User, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.accounts.erase(user.id, req.id);
    await this.auth.logout(req, reply);
  }
}
