import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../auth/decorators';
import { CommentParams } from '../comments/dto/comment.input';
import type { User } from '../users/user.entity';
import { ReportDto, ReportedView } from './dto';
import { ReportsService } from './reports.service';

@ApiTags('comments')
@Controller('comments/:id/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @ApiOperation({ summary: '201 the first time; a repeated report by the same reader is 200 and counts once' })
  @ApiResponse({ status: 201, type: ReportedView, description: 'The reader’s first report of this comment' })
  @ApiResponse({ status: 200, type: ReportedView, description: 'Reported before: counted once' })
  @ApiErrors('VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'UNAUTHENTICATED', 'CSRF_FAILED', 'FORBIDDEN', 'ACCOUNT_SUSPENDED', 'NOT_FOUND')
  async report(@Param() params: CommentParams, @Body() dto: ReportDto, @CurrentUser() user: User, @Res({ passthrough: true }) reply: FastifyReply): Promise<ReportedView> {
    const first = await this.reports.report(user, params.id, dto.reason, dto.note);
    reply.status(first ? 201 : 200);
    return { reported: true };
  }
}
