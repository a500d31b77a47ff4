import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query, Req, Res, applyDecorators } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, CurrentUser, Roles } from '../auth/decorators';
import { hasRole } from '../auth/roles';
import { PostgresSessionStore } from '../auth/session-store';
import type { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { CommentParams } from '../comments/dto/comment.input';
import { CommentView } from '../comments/dto/comment.view';
import { ApiErrors } from '../common/api-errors';
import { LiveEvents } from '../live/live-events';
import { streamEvents } from '../live/sse';
import type { Actor } from './audit.repository';
import {
  AuditPage,
  AuditQuery,
  ClaimDto,
  ClaimOpenedView,
  DecisionDto,
  LiftDto,
  PersonView,
  QueuePage,
  QueueQuery,
  RoleDto,
  RoleView,
  SanctionDto,
  SanctionView,
  ThreadView,
  UserParams,
} from './dto';
import { ModerationService, type Decision } from './moderation.service';

class NameApprovedView {
  @ApiProperty() id: string;
  @ApiProperty() displayName: string;
}

/** What a moderator's state change can meet, besides its own conflicts. */
const WRITE_ERRORS = ['VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'UNAUTHENTICATED', 'CSRF_FAILED', 'FORBIDDEN', 'NOT_FOUND'] as const;

/** One decision on a comment: 200 with the comment, 409 with the decision that won when another got there first. */
const ApiDecision = (summary: string) =>
  applyDecorators(
    HttpCode(200),
    ApiOperation({ summary }),
    ApiOkResponse({ type: CommentView, description: 'The comment after the decision, as moderators see it' }),
    ApiErrors(...WRITE_ERRORS, 'CONFLICT'),
  );

/** Moderator and admin only (one decorator on the class); admin only where it says so. */
@ApiTags('moderation')
@Roles('moderator')
@Controller('moderation')
export class ModerationController {
  constructor(
    private readonly moderation: ModerationService,
    private readonly live: LiveEvents,
    private readonly users: UsersRepository,
    private readonly sessions: PostgresSessionStore,
  ) {}

  @Get('queue')
  @ApiOperation({ summary: 'What waits for a decision, oldest first: held comments, reported ones, hidden ones, due rights claims, flagged display names' })
  @ApiOkResponse({ type: QueuePage, description: 'A page of the queue' })
  @ApiErrors('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN')
  queue(@Query() query: QueueQuery): Promise<QueuePage> {
    return this.moderation.list(query.status ?? 'pending', query.articleId ?? null, query.limit ?? 20, query.cursor);
  }

  @Get('comments/:id')
  @ApiOperation({ summary: 'A comment as the queue shows it, with its whole thread in every state (what the public replies list cannot show)' })
  @ApiOkResponse({ type: ThreadView, description: 'The comment and its thread' })
  @ApiErrors('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND')
  thread(@Param() params: CommentParams): Promise<ThreadView> {
    return this.moderation.thread(params.id);
  }

  @Get('users/:id')
  @ApiOperation({ summary: 'A person’s record: role, comments, strikes, the sanction in force, a name waiting for approval' })
  @ApiOkResponse({ type: PersonView, description: 'The record' })
  @ApiErrors('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND')
  person(@Param() params: UserParams): Promise<PersonView> {
    return this.moderation.person(params.id);
  }

  @Get('events')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event id' })
  @ApiOperation({ summary: 'The live queue: frames naming a kind (comment.pending, comment.reported, comment.hidden, comment.decided, claim.due, name.pending, name.decided) and an id, never text' })
  @ApiOkResponse({ description: 'text/event-stream; data is { "kind", "id" }', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiErrors('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN')
  async events(
    @Headers('last-event-id') lastEventId: string | undefined,
    @CurrentUser() user: User,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // A moderator whose role is withdrawn (or who logs out, or is erased) stops hearing the queue.
    const stillAllowed = async () => {
      const now = await this.users.findById(user.id);
      return now !== null && hasRole(now, ['moderator']) && (await this.sessions.get(req.session.sessionId ?? '')) !== null;
    };
    await streamEvents(req, reply, { ...this.live.moderationFeed(), stillAllowed }, lastEventId);
  }

  @Post('comments/:id/approve')
  @ApiDecision('approve: a held comment is published')
  approve(@Param() params: CommentParams, @Body() dto: DecisionDto, @CurrentActor() actor: Actor): Promise<CommentView> {
    return this.decide('approve', params, dto, actor);
  }

  @Post('comments/:id/reject')
  @ApiDecision('reject: a held comment is removed; the rule it breaks (named, or the rules that held it) is a strike on the author')
  reject(@Param() params: CommentParams, @Body() dto: DecisionDto, @CurrentActor() actor: Actor): Promise<CommentView> {
    return this.decide('reject', params, dto, actor);
  }

  @Post('comments/:id/hide')
  @ApiDecision('hide: a published comment (and its thread) leaves public view until a moderator restores it')
  hide(@Param() params: CommentParams, @Body() dto: DecisionDto, @CurrentActor() actor: Actor): Promise<CommentView> {
    return this.decide('hide', params, dto, actor);
  }

  @Post('comments/:id/restore')
  @ApiDecision('restore: a hidden comment is published again; its reports are cleared (their readers cannot report it again) and a rights claim is closed')
  restore(@Param() params: CommentParams, @Body() dto: DecisionDto, @CurrentActor() actor: Actor): Promise<CommentView> {
    return this.decide('restore', params, dto, actor);
  }

  @Post('comments/:id/delete')
  @ApiDecision('delete: the comment is removed; naming a rule makes it a strike on the author')
  remove(@Param() params: CommentParams, @Body() dto: DecisionDto, @CurrentActor() actor: Actor): Promise<CommentView> {
    return this.decide('delete', params, dto, actor);
  }

  private decide(decision: Decision, params: CommentParams, dto: DecisionDto, actor: Actor): Promise<CommentView> {
    return this.moderation.decide(actor, params.id, decision, dto.reason, dto.rule);
  }

  @Post('comments/:id/claims')
  @ApiOperation({ summary: 'A rights-infringement claim (임시조치): the comment is hidden for the policy’s claim period (30 days), then a moderator restores or deletes it' })
  @ApiCreatedResponse({ type: ClaimOpenedView, description: 'The claim and the hidden comment' })
  @ApiErrors(...WRITE_ERRORS, 'CONFLICT')
  claim(@Param() params: CommentParams, @Body() dto: ClaimDto, @CurrentActor() actor: Actor): Promise<ClaimOpenedView> {
    return this.moderation.claim(actor, params.id, dto.claimant, dto.reason);
  }

  @Post('users/:id/sanctions')
  @ApiOperation({ summary: 'Suspends (days) or bans a reader, with a reason the reader sees' })
  @ApiCreatedResponse({ type: SanctionView, description: 'The sanction, in force' })
  @ApiErrors(...WRITE_ERRORS)
  sanction(@Param() params: UserParams, @Body() dto: SanctionDto, @CurrentActor() actor: Actor): Promise<SanctionView> {
    return this.moderation.sanction(actor, params.id, dto.type, dto.days, dto.reason);
  }

  @Delete('users/:id/sanctions')
  @HttpCode(204)
  @ApiOperation({ summary: 'Lifts the suspension or ban in force' })
  @ApiNoContentResponse({ description: 'Lifted' })
  @ApiErrors(...WRITE_ERRORS, 'CONFLICT')
  async lift(@Param() params: UserParams, @Body() dto: LiftDto, @CurrentActor() actor: Actor): Promise<void> {
    await this.moderation.liftSanction(actor, params.id, dto?.reason);
  }

  @Put('users/:id/role')
  @Roles('admin')
  @ApiOperation({ summary: 'Admin only: grants or withdraws a role; the last admin stays an admin' })
  @ApiOkResponse({ type: RoleView, description: 'The user’s role now' })
  @ApiErrors(...WRITE_ERRORS, 'CONFLICT')
  role(@Param() params: UserParams, @Body() dto: RoleDto, @CurrentActor() actor: Actor): Promise<RoleView> {
    return this.moderation.setRole(actor, params.id, dto.role);
  }

  @Post('users/:id/display-name/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Shows a display name the identity rules flagged (기자, 편집국, admin…) instead of the neutral handle' })
  @ApiOkResponse({ type: NameApprovedView, description: 'The name readers see from now on' })
  @ApiErrors(...WRITE_ERRORS, 'CONFLICT')
  approveName(@Param() params: UserParams, @CurrentActor() actor: Actor): Promise<NameApprovedView> {
    return this.moderation.approveName(actor, params.id);
  }

  @Get('audit')
  @ApiOperation({ summary: 'The audit log, newest first: every moderator, admin and CMS action with before and after' })
  @ApiOkResponse({ type: AuditPage, description: 'A page of the log' })
  @ApiErrors('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN')
  auditLog(@Query() query: AuditQuery): Promise<AuditPage> {
    return this.moderation.auditLog({ actorId: query.actorId, targetId: query.targetId }, query.limit ?? 50, query.cursor);
  }
}
