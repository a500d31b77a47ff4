import { ABUSIVE_CATEGORIES, ENGLISH_CASES } from './cases/english.cases';
import { createPolicyEngine } from './engine';
import { loadPolicyFile } from './policy-file';
import { projectPolicyFile } from './test-support';

const engine = createPolicyEngine(loadPolicyFile(projectPolicyFile()));
const now = new Date('2026-12-02T00:00:00Z');
const verdictOn = (text: string) => engine.evaluate(text, { now });

describe('the English case table (issue 14)', () => {
  it('has at least 150 innocent and 150 abusive cases, in every category', () => {
    expect(ENGLISH_CASES.filter(([, c]) => c === 'innocent').length).toBeGreaterThanOrEqual(150);
    expect(ENGLISH_CASES.filter(([, c]) => ABUSIVE_CATEGORIES.includes(c)).length).toBeGreaterThanOrEqual(150);
    for (const category of ABUSIVE_CATEGORIES) expect(ENGLISH_CASES.filter(([, c]) => c === category).length).toBeGreaterThanOrEqual(15);
  });

  // Exactly the listed rules, no more, as in the Korean table.
  it.each(ENGLISH_CASES.map(([text, category, rules], i) => [i, category, rules.join(',') || 'pass', text.length > 60 ? `${text.slice(0, 57)}…` : text, text, rules] as const))(
    '#%i %s %s: %s',
    (_i, _category, _label, _short, text, rules) => {
      expect(verdictOn(text).violations.map((v) => v.rule).sort()).toEqual([...rules].sort());
    },
  );

  // The targets of issue 14 on this table; `npm run eval:english` prints the same figures in full.
  it('holds or refuses at most 2% of innocent comments, and at least 80% of abusive ones with no category under 60%', () => {
    const share = (category: string) => {
      const of = ENGLISH_CASES.filter(([, c]) => c === category);
      return of.filter(([text]) => verdictOn(text).verdict !== 'allow').length / of.length;
    };
    expect(share('innocent')).toBeLessThanOrEqual(0.02);
    const abusive = ENGLISH_CASES.filter(([, c]) => ABUSIVE_CATEGORIES.includes(c));
    expect(abusive.filter(([text]) => verdictOn(text).verdict !== 'allow').length / abusive.length).toBeGreaterThanOrEqual(0.8);
    for (const category of ABUSIVE_CATEGORIES) expect(share(category)).toBeGreaterThanOrEqual(0.6);
  });

  // Reported speech is held for a moderator, never refused: no strike for quoting a threat.
  it.each([
    'police said he told her "I will kill you"',
    "The fans wrote 'go die' under every post.",
    'He shouted "I\'m going to kill you" at the officers, the court heard.',
  ])('holds a reported threat without a strike: %s', (text) => {
    const v = verdictOn(text).violations.find((x) => x.rule === 'violence');
    expect(v).toMatchObject({ action: 'hold', details: { reported: true, strike: false } });
  });

  it('refuses a threat in the reader’s own words, with a strike', () => {
    expect(verdictOn("I'm going to kill you").violations).toEqual([expect.objectContaining({ rule: 'violence', action: 'reject', details: expect.objectContaining({ strike: true }) })]);
  });

  it.each([
    ['deepfake porn is everywhere now, watch porn elsewhere', 'obscene', 'hold'],
    ['the Seoul Global Center is on 02-2075-4180', 'pii.phone', 'hold'],
    ['my mobile is 010-2075-4180', 'pii.phone', 'reject'],
  ])('holds everyday news vocabulary and public numbers rather than refusing them: %s', (text, rule, action) => {
    expect(verdictOn(text).violations.find((v) => v.rule === rule)?.action).toBe(action);
  });
});
