import { CASES } from './cases/standards-board.cases';
import { createPolicyEngine } from './engine';
import { loadPolicyFile } from './policy-file';
import { projectPolicyFile } from './test-support';

const engine = createPolicyEngine(loadPolicyFile(projectPolicyFile()));
const now = new Date('2026-11-28T00:00:00Z');
const flagged = (rules: string[]) => rules.length > 0;

describe('the Standards Board case table', () => {
  it('has at least 300 cases, at least 100 of them innocent', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(300);
    expect(CASES.filter(([, r]) => r.length === 0).length).toBeGreaterThanOrEqual(100);
  });

  it.each(CASES.map(([text, rules], i) => [i, rules.join(',') || 'pass', text.length > 60 ? `${text.slice(0, 57)}…` : text, text, rules] as const))(
    '#%i %s: %s',
    (_i, _label, _short, text, rules) => {
      const verdict = engine.evaluate(text, { now });
      const fired = verdict.violations.map((v) => v.rule);
      if (rules.length === 0) expect(fired).toEqual([]);
      else expect(fired).toEqual(expect.arrayContaining([...rules]));
    },
  );

  it('reports precision and recall over the table', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const [text, rules] of CASES) {
      const fired = engine.evaluate(text, { now }).violations.length > 0;
      if (fired && flagged(rules)) tp++;
      else if (fired) fp++;
      else if (flagged(rules)) fn++;
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    process.stdout.write(`\n[policy cases] ${CASES.length} cases: precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}%\n`);
    expect(precision).toBe(1);
    expect(recall).toBe(1);
  });
});
