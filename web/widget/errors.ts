import { ApiError } from '../shared/http';
import type { Client } from './client';
import { LoginError } from './session';
import { suspensionSentence, type Lang, type Texts } from './texts';
import type { Policy, Suspension } from './types';

/** What to tell the reader: sentences, and how long to wait where waiting helps. Never a code, never JSON. */
export interface Told {
  lines: string[];
  /** Seconds until trying again makes sense (a countdown is shown). */
  wait: number | null;
}

const said = (line: string, wait: number | null = null): Told => ({ lines: [line], wait });

export function describeError(e: unknown, t: Texts, lang: Lang): Told {
  if (e instanceof LoginError) {
    if (e.reason === 'network') return said(t.network);
    return said((t.loginErrors as Record<string, string>)[e.reason] ?? t.loginErrors.other);
  }
  if (!(e instanceof ApiError)) return said(t.unknown);
  const d = e.details;
  switch (e.code) {
    case 'NETWORK':
      return said(t.network);
    case 'UNAUTHENTICATED':
      return said(t.expired);
    case 'ACCOUNT_SUSPENDED':
      return said(suspensionSentence(t, lang, { until: String(d.until ?? ''), reason: (d.reason as string | null) ?? null, permanent: d.permanent === true }));
    case 'RATE_LIMITED': {
      const max = Number(d.max);
      if (d.limit === 'perArticle') return said(t.perArticle(max));
      if (d.limit === 'perDay' || d.limit === 'reactionsPerDay') return said(t.perDay(max, e.retryAfter), e.retryAfter);
      return e.retryAfter ? said(t.rateLimited(e.retryAfter), e.retryAfter) : said(e.message || t.unknown);
    }
    case 'EDIT_WINDOW_CLOSED':
      return said(t.editWindow(Math.max(1, Math.round(Number(d.editWindowSeconds ?? 300) / 60))));
    case 'CONFLICT':
      return said(t.cannotEdit);
    case 'NOT_FOUND':
      return said(t.notFound);
    case 'COMMENTS_CLOSED':
      return said(t.closed);
    default:
      return said(e.message || t.unknown);
  }
}

/** The suspension an error carries, so the widget can show it until the reader reloads. */
export function suspensionOf(e: unknown): Suspension | null {
  if (!(e instanceof ApiError) || e.code !== 'ACCOUNT_SUSPENDED') return null;
  return { until: String(e.details.until ?? ''), reason: (e.details.reason as string | null) ?? null, permanent: e.details.permanent === true };
}

const policies = new Map<string, Promise<Policy>>();

/** GET /policy once per page and service. */
export function loadPolicy(client: Client): Promise<Policy> {
  let p = policies.get(client.base);
  if (!p) {
    p = client.policy();
    policies.set(client.base, p);
    p.catch(() => policies.delete(client.base));
  }
  return p;
}

const SEVERITY = { limit: 0, reject: 1, hold: 2 } as const;

/**
 * A refused comment: what decided, in words (describeError), then every other
 * rule the text broke, the strictest first, so that a reader told to wait a
 * minute also learns the phone number will not pass either. The refusal
 * carries the deciding rule's message and the others' ids; their messages
 * come from the policy (GET /policy, loaded once).
 */
export async function explainRefusal(client: Client, e: unknown, lang: Lang, t: Texts): Promise<Told> {
  const told = describeError(e, t, lang);
  if (!(e instanceof ApiError)) return told;
  const rules = Array.isArray(e.details.rules) ? (e.details.rules as string[]) : [];
  const others = rules.filter((r) => r !== e.details.rule);
  if (!others.length) return told;
  const policy = await loadPolicy(client).catch(() => null);
  const order = (rule: string) => {
    const i = policy?.rules.findIndex((r) => r.id === rule) ?? -1;
    const action = i >= 0 ? policy!.rules[i].action : 'hold';
    return SEVERITY[action] * 1000 + (i >= 0 ? i : 999);
  };
  others.sort((a, b) => order(a) - order(b));
  const describe = (rule: string) => policy?.rules.find((r) => r.id === rule)?.message[lang];
  const lines = others.map(describe).filter((line): line is string => !!line && !told.lines.includes(line));
  return { lines: [...told.lines, ...new Set(lines)], wait: told.wait };
}
