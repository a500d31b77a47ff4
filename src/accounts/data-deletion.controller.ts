import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../common/errors';
import { Public } from '../common/public.decorator';
import { AccountsService } from './accounts.service';

class DataDeletionView {
  @ApiProperty({ description: 'The status page of this deletion' }) url: string;
  @ApiProperty() confirmation_code: string;
}

/** Facebook's data-deletion callback and the status page it points people to. */
@ApiTags('auth')
@Public()
@Controller('auth/facebook/data-deletion')
export class DataDeletionController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: "Facebook's data-deletion callback (form field signed_request, issued within the hour); 200 { url, confirmation_code }" })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['signed_request'],
      properties: { signed_request: { type: 'string', description: 'base64url(HMAC-SHA256 signature) "." base64url(JSON payload), signed with the app secret' } },
    },
  })
  @ApiOkResponse({ type: DataDeletionView, description: 'The status page and confirmation code of the deletion' })
  // A browser that happens to carry a reader's session is CSRF-checked like any session request.
  @ApiErrors('VALIDATION_FAILED', 'CSRF_FAILED', 'PROVIDER_NOT_CONFIGURED')
  callback(@Body() body: Record<string, unknown> | undefined, @Req() req: FastifyRequest): Promise<DataDeletionView> {
    return this.accounts.facebookDataDeletion(body?.signed_request, req.id);
  }

  @Get(':code')
  @ApiExcludeEndpoint()
  async status(@Param('code') code: string, @Res() reply: FastifyReply): Promise<void> {
    const request = await this.accounts.deletionStatus(code);
    if (!request) throw AppError.notFound('deletion request');
    const done = request.completedAt !== null;
    await reply
      .type('text/html; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .send(
        `<!doctype html><meta charset="utf-8"><title>Data deletion</title>` +
          `<main style="font:16px/1.5 system-ui;max-width:36rem;margin:3rem auto">` +
          `<h1>Data deletion request</h1><p>Confirmation code: <code>${request.confirmationCode}</code></p>` +
          `<p>Status: <strong>${done ? 'completed' : 'in progress'}</strong>${done ? ` on ${request.completedAt!.toISOString()}` : ''}.</p>` +
          `<p>Every comment, reaction, report, identity and session of this account has been erased; ` +
          `comments that had replies remain as authorless placeholders.</p></main>`,
      );
  }
}
