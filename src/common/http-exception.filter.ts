import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger, Optional } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DatabaseOutage, OUTAGE_RETRY_AFTER_SECONDS, isDatabaseUnreachable, isStatementTimeout } from '../database/outage';
import { AppError, ERROR_STATUS, ErrorCode, defaultMessage, pickLanguage } from './errors';

/** Fastify's own errors (body parsing, limits) by their code. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_FAILED',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** Turns anything thrown into api.md's error shape. Only AppError details reach the client. */
export function toAppError(exception: unknown): AppError {
  if (exception instanceof AppError) return exception;
  if (exception instanceof HttpException) {
    // Nest wraps Fastify's own 4xx errors (body parsing, limits) with the original as the cause.
    if (exception.cause && (exception.cause as { code?: unknown }).code) return toAppError(exception.cause);
    const status = exception.getStatus();
    const code = STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
    if (status === 404) return AppError.notFound('route');
    return new AppError(code, { internal: exception });
  }
  const err = exception as (Error & { code?: string; statusCode?: number }) | undefined;
  if (err && typeof err.code === 'string' && FASTIFY_CODES[err.code]) {
    const code = FASTIFY_CODES[err.code];
    const message =
      code === 'VALIDATION_FAILED' ? { en: 'The request body is not valid JSON.', ko: '요청 본문이 올바른 JSON이 아닙니다.' } : defaultMessage(code);
    return new AppError(code, { message, internal: exception });
  }
  if (err && typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return new AppError(STATUS_CODES[err.statusCode] ?? 'VALIDATION_FAILED', { internal: exception });
  }
  // The database did not answer: not a fault in this request, and worth retrying soon.
  if (isDatabaseUnreachable(exception) || isStatementTimeout(exception)) {
    return new AppError('UNAVAILABLE', {
      message: { en: 'The service is briefly unavailable. Please try again shortly.', ko: '서비스를 잠시 이용할 수 없습니다. 잠시 후 다시 시도해 주세요.' },
      headers: { 'Retry-After': String(OUTAGE_RETRY_AFTER_SECONDS) },
      internal: exception,
    });
  }
  return new AppError('INTERNAL', { internal: exception });
}

export function renderError(error: AppError, acceptLanguage: string | undefined): ErrorBody {
  const lang = pickLanguage(acceptLanguage);
  const body: ErrorBody = { error: { code: error.code, message: error.text[lang] } };
  if (error.details && Object.keys(error.details).length) body.error.details = error.details;
  return body;
}

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  constructor(@Optional() private readonly outage?: DatabaseOutage) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const error = toAppError(exception);

    if (error.code === 'UNAVAILABLE' && isDatabaseUnreachable(error.internal)) {
      // One line when the database goes (and one when it is back), not a stack trace per request.
      this.outage?.reportDown(error.internal);
    } else if (error.code === 'UNAVAILABLE' && isStatementTimeout(error.internal)) {
      this.logger.warn({ msg: 'statement timeout', requestId: request?.id, method: request?.method, route: request?.routeOptions?.url });
    } else if (error.status >= 500 && error.code !== 'UNAVAILABLE') {
      // UNAVAILABLE is a state (readiness, shutdown, an outage logged once), not a fault to trace per request.
      const cause = error.internal ?? exception;
      this.logger.error(
        { msg: 'request failed', requestId: request?.id, code: error.code, method: request?.method, route: request?.routeOptions?.url },
        cause instanceof Error ? cause.stack : undefined,
      );
    }
    if (reply.sent) return;
    if (error.headers) for (const [k, v] of Object.entries(error.headers)) reply.header(k, v);
    reply
      .status(error.status ?? ERROR_STATUS.INTERNAL)
      .type('application/json; charset=utf-8')
      .send(renderError(error, request?.headers?.['accept-language']));
  }
}
