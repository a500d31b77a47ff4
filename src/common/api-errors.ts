import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ERROR_STATUS, type ErrorCode } from './errors';

const CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

class ErrorContent {
  @ApiProperty({ enum: CODES, description: 'Stable, for programs; the table of codes is ERROR_STATUS in src/common/errors.ts' })
  code: ErrorCode;

  @ApiProperty({ description: 'For people, in English or Korean by Accept-Language' })
  message: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Public details: `fields` for VALIDATION_FAILED, `rule`/`rules`/`policyVersion` for the Standards Board, `until`/`reason` for ACCOUNT_SUSPENDED, `retryAfterSeconds` for RATE_LIMITED',
  })
  details?: Record<string, unknown>;
}

/** The one error shape of every non-2xx answer (docs/api.md, "Errors"). */
export class ErrorBody {
  @ApiProperty({ type: ErrorContent })
  error: ErrorContent;
}

/** How the OpenAPI document says which codes an error answer may carry; the spec that checks the document reads it back. */
export const ERROR_CODES_PREFIX = 'Error codes: ';

/**
 * Documents the error answers of an operation from the same table the error
 * filter answers with (ERROR_STATUS): one response per status, listing its
 * codes, each in the shape of ErrorBody. INTERNAL (500) is added to every
 * operation, since any of them can meet a fault of ours.
 */
export function ApiErrors(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set<ErrorCode>([...codes, 'INTERNAL'])) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ApiExtraModels(ErrorBody),
    ...[...byStatus].map(([status, list]) =>
      ApiResponse({
        status,
        description: `${ERROR_CODES_PREFIX}${list.join(', ')}`,
        content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBody) } } },
        ...(list.includes('RATE_LIMITED') ? { headers: { 'Retry-After': { description: 'Seconds to wait, where waiting helps', schema: { type: 'integer' } } } } : {}),
      }),
    ),
  );
}
