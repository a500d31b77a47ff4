import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors';
import type { FastifyRequest } from 'fastify';
import { pickLanguage } from '../common/errors';
import { Public } from '../common/public.decorator';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { PolicyEngine } from '../policy';
import { PolicyCheckDto, PolicyCheckView, PolicyView } from './dto';
import { POLICY_ENGINE } from './policy-engine.token';

@ApiTags('policy')
@Public()
@Controller('policy')
export class PolicyController {
  private readonly editWindowSeconds: number;

  constructor(
    @Inject(POLICY_ENGINE) private readonly engine: PolicyEngine,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.editWindowSeconds = config.editWindowSeconds;
  }

  @Get()
  @ApiOperation({ summary: 'The Standards Board Policy: version, title, maxLength and every rule with its action' })
  @ApiOkResponse({ type: PolicyView, description: 'The policy in force' })
  @ApiErrors()
  describe(): PolicyView {
    return { ...this.engine.describe(), editWindowSeconds: this.editWindowSeconds };
  }

  @Post('check')
  @HttpCode(200)
  @ApiOperation({ summary: 'The decision the server would take on the body, without storing anything (rate-limited per client IP)' })
  @ApiOkResponse({ type: PolicyCheckView, description: 'The decision; nothing is stored' })
  @ApiErrors('VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'CSRF_FAILED', 'RATE_LIMITED')
  // RATE_POLICY_CHECKS_PER_MINUTE per client IP is counted before the body is read (common/rate-limits.ts).
  check(@Body() dto: PolicyCheckDto, @Req() req: FastifyRequest): PolicyCheckView {
    const lang = pickLanguage(req.headers['accept-language']);
    const verdict = this.engine.evaluate(dto.body, { now: new Date() });
    return {
      verdict: verdict.verdict === 'limit' ? 'reject' : verdict.verdict,
      violations: verdict.violations.map((v) => ({ rule: v.rule, message: v.message[lang] })),
      length: verdict.length,
    };
  }
}
