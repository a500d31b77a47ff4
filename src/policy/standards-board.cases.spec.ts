import { CASES } from './cases/standards-board.cases';
import { createPolicyEngine, ruleKind } from './engine';
import { loadPolicyFile, RULE_IDS } from './policy-file';
import { projectPolicyFile } from './test-support';

const engine = createPolicyEngine(loadPolicyFile(projectPolicyFile()));
const now = new Date('2026-11-28T00:00:00Z');
const firedOn = (text: string) => engine.evaluate(text, { now }).violations.map((v) => v.rule);
const TOXICITY = new Set(['toxicity.hold', 'toxicity.reject']);
/**
 * The learned scorer often fires too on what a word list already refuses; a
 * case names it only in the scorer's own cases. An innocent case stays exact:
 * the scorer must not hold or refuse it.
 */
const expectedOn = (text: string, rules: string[]) =>
  rules.length > 0 && !rules.some((r) => TOXICITY.has(r)) ? firedOn(text).filter((r) => !TOXICITY.has(r)) : firedOn(text);

describe('the Standards Board case table', () => {
  it('has at least 300 cases, at least 100 of them innocent', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(300);
    expect(CASES.filter(([, r]) => r.length === 0).length).toBeGreaterThanOrEqual(100);
  });

  // Exactly the listed rules, no more: a rule that starts firing on someone else's case is caught here.
  it.each(CASES.map(([text, rules], i) => [i, rules.join(',') || 'pass', text.length > 60 ? `${text.slice(0, 57)}…` : text, text, rules] as const))(
    '#%i %s: %s',
    (_i, _label, _short, text, rules) => {
      expect([...expectedOn(text, rules)].sort()).toEqual([...rules].sort());
    },
  );

  // What the per-case tests cannot see: a rule whose cases were all deleted would leave them green.
  it('has cases that must fire for every rule that reads the text', () => {
    const covered = new Set(CASES.flatMap(([, rules]) => rules));
    const contentRules = RULE_IDS.filter((id) => ruleKind(id) === 'content');
    expect(contentRules.filter((id) => !covered.has(id))).toEqual([]);
  });

  // A summary for the Standards Board, not a test: the per-case tests above already decide pass or fail.
  afterAll(() => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const [text, rules] of CASES) {
      const fired = firedOn(text).length > 0;
      if (fired && rules.length) tp++;
      else if (fired) fp++;
      else if (rules.length) fn++;
    }
    const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
    process.stdout.write(`\n[policy cases] ${CASES.length} cases: precision ${pct(tp / (tp + fp))}, recall ${pct(tp / (tp + fn))}\n`);
  });
});
