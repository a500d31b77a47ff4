/** How one call of a passport strategy's authenticate() ended. */
export type StrategyOutcome =
  | { kind: 'redirect'; url: string; status?: number }
  | { kind: 'success'; user: unknown; info?: unknown }
  | { kind: 'fail'; challenge?: unknown; status?: number }
  | { kind: 'error'; error: unknown }
  | { kind: 'pass' };

/** The bits of a request that passport-oauth1/oauth2 read (query, session; headers only for a relative callbackURL). */
export interface StrategyRequest {
  query: Record<string, string>;
  session: Record<string, unknown>;
  headers?: Record<string, string>;
  url?: string;
  method?: string;
  body?: Record<string, string>;
}

interface AuthenticatingStrategy {
  authenticate(req: unknown, options?: unknown): void;
}

/**
 * Runs a passport strategy's authenticate() the way passport's middleware
 * does (an object inheriting from the strategy, with success/fail/redirect/
 * error/pass attached), without Express or Fastify: enough to drive
 * passport-twitter / passport-facebook against the sandbox providers.
 * Pass the same `session` object to the redirect and callback steps.
 */
export function runStrategy(strategy: AuthenticatingStrategy, req: StrategyRequest, options: Record<string, unknown> = {}): Promise<StrategyOutcome> {
  return new Promise((resolve) => {
    const s = Object.create(strategy) as AuthenticatingStrategy & Record<string, unknown>;
    s.redirect = (url: string, status?: number) => resolve({ kind: 'redirect', url, status });
    s.success = (user: unknown, info?: unknown) => resolve({ kind: 'success', user, info });
    s.fail = (challenge?: unknown, status?: number) => resolve({ kind: 'fail', challenge, status });
    s.error = (error: unknown) => resolve({ kind: 'error', error });
    s.pass = () => resolve({ kind: 'pass' });
    const full = { method: 'GET', url: '/', headers: { host: 'app.test' }, body: {}, ...req };
    try {
      s.authenticate(full, options);
    } catch (error) {
      resolve({ kind: 'error', error });
    }
  });
}
