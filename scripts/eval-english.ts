/**
 * `npm run eval:english`: the Standards Board Policy over the English case
 * table (src/policy/cases/english.cases.ts, issue 14). Prints the share of
 * innocent comments held or refused (the false alarms; target ≤ 2%), with
 * innocent comments that carry a link, an address or a number reported apart
 * (the policy holds or refuses those by design), and the share of abusive
 * comments held or refused (target ≥ 80%), overall and per category (target:
 * none under 60%). Exits non-zero when a target is missed.
 */
import * as path from 'node:path';
import { projectRoot } from '../src/config/project-root';
import { createPolicyEngine, loadPolicyFile } from '../src/policy';
import { ABUSIVE_CATEGORIES, ENGLISH_CASES, type EnglishCategory } from '../src/policy/cases/english.cases';

const policyFile = process.env.POLICY_FILE ?? path.join(projectRoot(), 'policy/standards-board.yaml');
const engine = createPolicyEngine(loadPolicyFile(policyFile));
const now = new Date();

const total: Partial<Record<EnglishCategory, number>> = {};
const flagged: Partial<Record<EnglishCategory, number>> = {};
const held: Partial<Record<EnglishCategory, number>> = {};
const falseAlarms: string[] = [];
const misses: string[] = [];

for (const [text, category] of ENGLISH_CASES) {
  total[category] = (total[category] ?? 0) + 1;
  const verdict = engine.evaluate(text, { now });
  // Length and noise are about form: the categories speak of content.
  const fired = verdict.violations.filter((v) => !v.rule.startsWith('length.') && v.rule !== 'content.noise');
  if (fired.length) {
    flagged[category] = (flagged[category] ?? 0) + 1;
    if (!fired.some((v) => v.action === 'reject')) held[category] = (held[category] ?? 0) + 1;
    if (category === 'innocent') falseAlarms.push(`${fired.map((v) => `${v.rule}:${v.action}`).join(',')}: ${text}`);
  } else if (category !== 'innocent' && category !== 'contact') {
    misses.push(`${category}: ${text}`);
  }
}

const pct = (a: number, b: number) => `${((a / Math.max(b, 1)) * 100).toFixed(1)}%`;
const n = (c: EnglishCategory) => total[c] ?? 0;
const f = (c: EnglishCategory) => flagged[c] ?? 0;
const h = (c: EnglishCategory) => held[c] ?? 0;
const abusiveTotal = ABUSIVE_CATEGORIES.reduce((s, c) => s + n(c), 0);
const abusiveFlagged = ABUSIVE_CATEGORIES.reduce((s, c) => s + f(c), 0);

console.log(`eval:english — ${ENGLISH_CASES.length} English cases (src/policy/cases/english.cases.ts), policy ${engine.version}`);
console.log(`  innocent held or refused: ${f('innocent')} of ${n('innocent')} = ${pct(f('innocent'), n('innocent'))} (target ≤ 2%; ${h('innocent')} of them held, not refused)`);
console.log(`  innocent with a link, address or number (handled by design, apart): ${f('contact')} of ${n('contact')} held or refused, ${h('contact')} of them held`);
console.log(`  abusive held or refused:  ${abusiveFlagged} of ${abusiveTotal} = ${pct(abusiveFlagged, abusiveTotal)} (target ≥ 80%, no category under 60%)`);
for (const c of ABUSIVE_CATEGORIES) {
  console.log(`    ${c.padEnd(10)} ${String(f(c)).padStart(3)} of ${String(n(c)).padStart(3)} = ${pct(f(c), n(c)).padStart(6)}  (${h(c)} held)`);
}
console.log('  innocent comments held or refused, for review:');
for (const line of falseAlarms) console.log(`    ${line}`);
console.log('  abusive comments let through, for review:');
for (const line of misses) console.log(`    ${line}`);

const worst = Math.min(...ABUSIVE_CATEGORIES.map((c) => f(c) / Math.max(n(c), 1)));
if (f('innocent') / n('innocent') > 0.02 || abusiveFlagged / abusiveTotal < 0.8 || worst < 0.6) {
  console.error('a target is missed');
  process.exitCode = 1;
}
