import { Body, Controller, Delete, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors';
import { CurrentUser } from '../auth/decorators';
import { CommentParams } from '../comments/dto/comment.input';
import type { User } from '../users/user.entity';
import { ReactionCountsView, ReactionDto } from './dto';
import { ReactionsService } from './reactions.service';

@ApiTags('comments')
@Controller('comments/:id/reaction')
export class ReactionsController {
  constructor(private readonly reactions: ReactionsService) {}

  @Put()
  @ApiOperation({ summary: 'Agree or disagree, one per reader, switchable' })
  @ApiOkResponse({ type: ReactionCountsView, description: 'The comment’s counts and the reader’s own reaction' })
  @ApiErrors('VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'UNAUTHENTICATED', 'CSRF_FAILED', 'ACCOUNT_SUSPENDED', 'NOT_FOUND', 'RATE_LIMITED')
  react(@Param() params: CommentParams, @Body() dto: ReactionDto, @CurrentUser() user: User): Promise<ReactionCountsView> {
    return this.reactions.set(user, params.id, dto.value);
  }

  @Delete()
  @ApiOperation({ summary: 'Removes the reader’s reaction' })
  @ApiOkResponse({ type: ReactionCountsView, description: 'The comment’s counts and the reader’s own reaction' })
  @ApiErrors('VALIDATION_FAILED', 'UNAUTHENTICATED', 'CSRF_FAILED', 'NOT_FOUND')
  unreact(@Param() params: CommentParams, @CurrentUser() user: User): Promise<ReactionCountsView> {
    return this.reactions.set(user, params.id, null);
  }
}
