/**
 * What the rule specs share: the repository's policy file compiled once, a
 * fixed clock, and an author built by hand (no database, as in Coral Talk's
 * pipeline specs). Specs go through the public engine so that they pin
 * behaviour, not the shape of the pipeline's internals.
 */
import { createPolicyEngine, loadPolicyFile, type AuthorContext, type PolicyContext, type Thresholds, type Violation } from '..';
import { projectPolicyFile } from '../test-support';

export const policy = loadPolicyFile(projectPolicyFile());
export const engine = createPolicyEngine(policy);
export const NOW = new Date('2026-11-28T12:00:00Z');

export const ago = (seconds: number): Date => new Date(NOW.getTime() - seconds * 1000);

/** A reader in good standing with a history: no context rule fires for them. */
export function author(overrides: Partial<AuthorContext> = {}): AuthorContext {
  return {
    accountCreatedAt: ago(400 * 86_400),
    suspendedUntil: null,
    publishedOrHeldCommentCount: 42,
    recentFingerprints: [],
    commentsLast24h: 2,
    commentsOnArticle: 0,
    lastCommentAt: ago(3600),
    ...overrides,
  };
}

export function ctx(overrides: Partial<PolicyContext> = {}): PolicyContext {
  return { now: NOW, ...overrides };
}

/** The ids of every rule that fired on `body`. */
export function fired(body: string, context: PolicyContext = ctx()): string[] {
  return engine.evaluate(body, context).violations.map((v) => v.rule);
}

/** The violation of one rule, or undefined. */
export function violationOf(rule: string, body: string, context: PolicyContext = ctx()): Violation | undefined {
  return engine.evaluate(body, context).violations.find((v) => v.rule === rule);
}

/** it.each over a list of texts that must (or must not) make `rule` fire. */
export function expectRule(rule: string, mustFire: string[], mustPass: string[], context: () => PolicyContext = () => ctx()): void {
  if (mustFire.length) {
    it.each(mustFire)(`${rule} fires: %s`, (text) => {
      expect(fired(text, context())).toContain(rule);
    });
  }
  if (mustPass.length) {
    it.each(mustPass)(`${rule} lets pass: %s`, (text) => {
      expect(fired(text, context())).not.toContain(rule);
    });
  }
}

/** A message names the kind of problem; it never repeats what the reader wrote. */
export function expectNoEcho(v: Violation | undefined, text: string): void {
  expect(v).toBeDefined();
  const words = text.split(/\s+/).filter((w) => w.length >= 4);
  for (const lang of ['ko', 'en'] as const) {
    for (const w of words) expect(v!.message[lang]).not.toContain(w);
  }
  expect(JSON.stringify(v!.details ?? {})).not.toContain(text);
}

/** The same policy with the environment's threshold overrides. */
export function createEngineWith(overrides: Partial<Thresholds>) {
  return createPolicyEngine(policy, overrides);
}
