/**
 * `npm run bench:policy`: Standards Board evaluations per second on one core,
 * 250-character comments (Korean and English mixed, 10% violating), against
 * word lists of 5,000 terms and of 50 terms, in one run. The automaton makes
 * the cost independent of the list's length: the ratio should stay near 1.
 * Also the same comments in two parts, as the comments service runs them
 * (the content verdict awaited, then decide), against evaluate in the same run.
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../src/config/project-root';
import { createPolicyEngine, loadPolicyFile, type Policy } from '../src/policy';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
const syllable = () => String.fromCharCode(0xac00 + Math.floor(random() * 11172));

const KOREAN = ['정부는', '이번', '협정이', '국민에게', '도움이', '되길', '바랍니다', '경제', '협력은', '좋지만', '역사', '문제도', '중요합니다', '기자님', '기사', '잘', '읽었습니다', '일본과', '관계가', '개선되면', '좋겠네요'];
const ENGLISH = ['the', 'accord', 'looks', 'promising', 'but', 'details', 'matter', 'for', 'engineers', 'and', 'farmers', 'alike', 'thanks', 'reporter'];
const VIOLATIONS = ['시1발 진짜', '010-1234-5678', 'ㅅ ㅂ', 'f.u.c.k', '틀딱들', 'bit.ly/abc', '고수익 부업 카톡 abc1', 'kill yourself', '900101-1234567', '야동'];

function comment(violating: boolean): string {
  let text = '';
  while ([...text].length < 240) text += (random() < 0.7 ? pick(KOREAN) : pick(ENGLISH)) + ' ';
  if (violating) text = text.slice(0, 200) + ' ' + pick(VIOLATIONS);
  return [...text].slice(0, 250).join('');
}

/** Synthetic extra terms, shaped like real entries (2-4 Hangul syllables, or a Latin word). */
function withTerms(policy: Policy, n: number): Policy {
  const extra = (k: number) => Array.from({ length: k }, (_, i) => (i % 3 === 0 ? `zq${i.toString(36)}xw` : Array.from({ length: 2 + (i % 3) }, syllable).join('')));
  const per = Math.max(0, Math.floor((n - countTerms(policy)) / 4));
  const grow = (l: { deny: string[]; allow: string[] }) => ({ deny: [...l.deny, ...extra(per)], allow: l.allow });
  return {
    ...policy,
    lists: { ...policy.lists, profanity: grow(policy.lists.profanity), hate: grow(policy.lists.hate), obscene: grow(policy.lists.obscene), violence: grow(policy.lists.violence) },
  };
}

function shrink(policy: Policy, n: number): Policy {
  const per = Math.floor(n / 4);
  const cut = (l: { deny: string[]; allow: string[] }) => ({ deny: l.deny.slice(0, per), allow: l.allow });
  return { ...policy, lists: { ...policy.lists, profanity: cut(policy.lists.profanity), hate: cut(policy.lists.hate), obscene: cut(policy.lists.obscene), violence: cut(policy.lists.violence) } };
}

function countTerms(p: Policy): number {
  return p.lists.profanity.deny.length + p.lists.hate.deny.length + p.lists.obscene.deny.length + p.lists.violence.deny.length;
}

/** The same, as the comments service runs the policy: the content verdict awaited before the transaction, then decide inside it. */
async function measureInTwoParts(engine: ReturnType<typeof createPolicyEngine>, comments: string[], seconds: number): Promise<number> {
  const now = new Date();
  let n = 0;
  const start = performance.now();
  const stop = start + seconds * 1000;
  while (performance.now() < stop) {
    for (let i = 0; i < 100; i++) engine.decide(await engine.assessContent(comments[n++ % comments.length]), { now });
  }
  return n / ((performance.now() - start) / 1000);
}

/** Evaluations per second over `seconds`, after a warm-up. */
function measure(engine: ReturnType<typeof createPolicyEngine>, comments: string[], seconds: number): number {
  const now = new Date();
  let n = 0;
  const start = performance.now();
  const stop = start + seconds * 1000;
  while (performance.now() < stop) {
    for (let i = 0; i < 100; i++) engine.evaluate(comments[n++ % comments.length], { now });
  }
  return n / ((performance.now() - start) / 1000);
}

const withScorer = loadPolicyFile(path.join(projectRoot(), 'policy/standards-board.yaml'));
// The word lists alone: the same policy without the toxicity scorer.
const base: Policy = { ...withScorer, toxicity: undefined };
const comments = Array.from({ length: 1000 }, (_, i) => comment(i % 10 === 0));
const large = withTerms(base, 5000);
const small = shrink(base, 50);
const engines = { large: createPolicyEngine(large), small: createPolicyEngine(small), scorer: createPolicyEngine(withScorer), lists: createPolicyEngine(base) };
// Warm-up: a fixed number of evaluations per engine, so that V8 has compiled the hot paths before anything is timed.
const WARM_UP = 20_000;
for (const e of Object.values(engines)) for (let i = 0; i < WARM_UP; i++) e.evaluate(comments[i % comments.length], { now: new Date() });

// The two list sizes take turns, several rounds each, and the best round of each counts: the
// machine is shared, and alternating keeps a burst of someone else's work from landing on one side only.
async function main(): Promise<void> {
  for (let i = 0; i < WARM_UP; i++) engines.large.decide(await engines.large.assessContent(comments[i % comments.length]), { now: new Date() });
  const ROUNDS = 5;
  const best = { large: 0, small: 0, twoParts: 0, scorer: 0, lists: 0 };
  for (let r = 0; r < ROUNDS; r++) {
    for (const k of r % 2 ? (['small', 'twoParts', 'large', 'lists', 'scorer'] as const) : (['scorer', 'lists', 'large', 'twoParts', 'small'] as const)) {
      const rate = k === 'twoParts' ? await measureInTwoParts(engines.large, comments, SECONDS / ROUNDS) : measure(engines[k], comments, SECONDS / ROUNDS);
      best[k] = Math.max(best[k], rate);
    }
  }
  report(best.large, best.small, best.twoParts, ROUNDS);
  reportScorer(best.scorer, best.lists);
}

/** Per-comment latency of assessContent, what posting waits for before its transaction: p50 and p99 over every comment, lists alone and with the scorer, interleaved. */
async function latencies(): Promise<{ lists: number[]; scorer: number[] }> {
  const out = { lists: [] as number[], scorer: [] as number[] };
  for (let i = 0; i < 20_000; i++) {
    const c = comments[i % comments.length];
    for (const k of i % 2 ? (['lists', 'scorer'] as const) : (['scorer', 'lists'] as const)) {
      const t = performance.now();
      await engines[k].assessContent(c);
      out[k].push(performance.now() - t);
    }
  }
  return out;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))];
}

function reportScorer(rateScorer: number, rateLists: number): void {
  console.log(`  the repository's policy, word lists alone: ${Math.round(rateLists).toLocaleString('en')} evaluations/s (target ≥ 50,000: ${rateLists >= 50_000 ? 'met' : 'NOT met'})`);
  console.log(`  the repository's policy with the toxicity scorer: ${Math.round(rateScorer).toLocaleString('en')} evaluations/s (target ≥ 5,000: ${rateScorer >= 5_000 ? 'met' : 'NOT met'}), ratio scorer / lists alone ${(rateScorer / rateLists).toFixed(2)}`);
}

function report(rateLarge: number, rateSmall: number, rateTwoParts: number, rounds: number): void {
  console.log(
    `bench:policy — one core, ${comments.length} distinct 250-character comments (10% violating), ${WARM_UP.toLocaleString('en')} warm-up evaluations, then best of ${rounds} alternating rounds of ${(SECONDS / rounds).toFixed(1)} s per list size`,
  );
  console.log(`  ${String(countTerms(large)).padStart(5)} terms: ${Math.round(rateLarge).toLocaleString('en')} evaluations/s`);
  console.log(`  ${String(countTerms(small)).padStart(5)} terms: ${Math.round(rateSmall).toLocaleString('en')} evaluations/s`);
  console.log(`  ratio 5,000-term / 50-term: ${(rateLarge / rateSmall).toFixed(2)} (target ≥ 0.80); target ≥ 50,000/s: ${rateLarge >= 50_000 ? 'met' : 'NOT met'}`);
  // How the comments service runs it: the await adds a microtask per comment, which this ratio shows.
  console.log(`  in two parts (await assessContent, then decide), ${countTerms(large)} terms: ${Math.round(rateTwoParts).toLocaleString('en')} evaluations/s, ratio to evaluate ${(rateTwoParts / rateLarge).toFixed(2)}`);
}

void main().then(async () => {
  const l = await latencies();
  const added = quantile(l.scorer, 0.5) - quantile(l.lists, 0.5);
  console.log(
    `  assessContent per comment (what posting waits for before its transaction), 20,000 each: lists alone p50 ${(quantile(l.lists, 0.5) * 1000).toFixed(0)} µs, p99 ${(quantile(l.lists, 0.99) * 1000).toFixed(0)} µs; with the scorer p50 ${(quantile(l.scorer, 0.5) * 1000).toFixed(0)} µs, p99 ${(quantile(l.scorer, 0.99) * 1000).toFixed(0)} µs; the scorer adds ${(added * 1000).toFixed(0)} µs at p50 (target < 1,000 µs: ${added < 1 ? 'met' : 'NOT met'})`,
  );
});
