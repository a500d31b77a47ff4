/**
 * One error type for the whole service. Services throw AppError with a stable
 * code; the global filter renders it in api.md's shape. `details` are public
 * (sent to the client); `internal` is for the log only.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  ACCOUNT_SUSPENDED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_TIMEOUT: 408,
  COMMENTS_CLOSED: 409,
  EDIT_WINDOW_CLOSED: 409,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  POLICY_VIOLATION: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  PROVIDER_NOT_CONFIGURED: 503,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A message for people, in the two languages the widget speaks. */
export interface LocalizedText {
  en: string;
  ko: string;
}

/** Default messages: what a code means when the thrower has nothing more specific to say. */
const DEFAULT_MESSAGES: Record<ErrorCode, LocalizedText> = {
  VALIDATION_FAILED: { en: 'The request is not valid.', ko: '요청이 올바르지 않습니다.' },
  UNAUTHENTICATED: { en: 'Please log in first.', ko: '먼저 로그인해 주세요.' },
  CSRF_FAILED: { en: 'The request could not be verified. Reload the page and try again.', ko: '요청을 확인할 수 없습니다. 페이지를 새로 고친 뒤 다시 시도해 주세요.' },
  FORBIDDEN: { en: 'You are not allowed to do this.', ko: '이 작업을 할 권한이 없습니다.' },
  ACCOUNT_SUSPENDED: { en: 'Your account is suspended.', ko: '계정이 이용 정지 상태입니다.' },
  NOT_FOUND: { en: 'Not found.', ko: '찾을 수 없습니다.' },
  METHOD_NOT_ALLOWED: { en: 'This method is not allowed here.', ko: '허용되지 않는 요청 방식입니다.' },
  REQUEST_TIMEOUT: { en: 'The request body did not arrive in time.', ko: '요청 본문이 제때 도착하지 않았습니다.' },
  COMMENTS_CLOSED: { en: 'Comments are closed on this article.', ko: '이 기사는 댓글이 닫혀 있습니다.' },
  EDIT_WINDOW_CLOSED: { en: 'The time to edit this comment has passed.', ko: '댓글을 수정할 수 있는 시간이 지났습니다.' },
  CONFLICT: { en: 'The request conflicts with the current state.', ko: '현재 상태와 충돌하는 요청입니다.' },
  PAYLOAD_TOO_LARGE: { en: 'The request body is too large.', ko: '요청 본문이 너무 큽니다.' },
  UNSUPPORTED_MEDIA_TYPE: { en: 'Send the body as application/json.', ko: '본문은 application/json 형식으로 보내 주세요.' },
  POLICY_VIOLATION: { en: 'The comment breaks the Standards Board Policy.', ko: '댓글이 운영 원칙에 어긋납니다.' },
  RATE_LIMITED: { en: 'Too many requests. Please wait and try again.', ko: '요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.' },
  INTERNAL: { en: 'Something went wrong on our side.', ko: '서버에 문제가 생겼습니다.' },
  PROVIDER_NOT_CONFIGURED: { en: 'This login provider is not configured.', ko: '이 로그인 방식은 설정되어 있지 않습니다.' },
  UNAVAILABLE: { en: 'The service is not available right now.', ko: '지금은 서비스를 이용할 수 없습니다.' },
};

export interface AppErrorOptions {
  message?: string | LocalizedText;
  details?: Record<string, unknown>;
  /** Logged, never sent. */
  internal?: unknown;
  headers?: Record<string, string>;
}

export class AppError extends Error {
  readonly status: number;
  readonly text: LocalizedText;
  readonly details?: Record<string, unknown>;
  readonly internal?: unknown;
  readonly headers?: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    options: AppErrorOptions = {},
  ) {
    const text =
      options.message === undefined
        ? DEFAULT_MESSAGES[code]
        : typeof options.message === 'string'
          ? { en: options.message, ko: options.message }
          : options.message;
    super(text.en);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
    this.text = text;
    this.details = options.details;
    this.internal = options.internal;
    this.headers = options.headers;
  }

  static notFound(what = 'resource'): AppError {
    return new AppError('NOT_FOUND', { message: { en: `No such ${what}.`, ko: '찾을 수 없습니다.' } });
  }

  static validation(message: string | LocalizedText, details?: Record<string, unknown>): AppError {
    return new AppError('VALIDATION_FAILED', { message, details });
  }
}

export function defaultMessage(code: ErrorCode): LocalizedText {
  return DEFAULT_MESSAGES[code];
}

/** `Accept-Language: ko-KR,ko;q=0.9,en;q=0.8` → 'ko'. English unless Korean is preferred over it. */
export function pickLanguage(acceptLanguage: string | undefined): 'en' | 'ko' {
  if (!acceptLanguage) return 'en';
  let best: { lang: 'en' | 'ko'; q: number } | null = null;
  for (const part of acceptLanguage.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.find((p) => p.trim().startsWith('q='));
    const q = qParam ? Number(qParam.trim().slice(2)) : 1;
    const lang = tag.startsWith('ko') ? 'ko' : tag.startsWith('en') ? 'en' : null;
    if (lang && Number.isFinite(q) && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'en';
}
