import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_POLICY_FILE, loadPolicyFile, parsePolicy, PolicyFileError, RULE_IDS } from '.';
import { projectPolicyFile } from './test-support';

const good = fs.readFileSync(projectPolicyFile(), 'utf8');

/** The repository's file with one edit, so each case breaks exactly one thing. */
const broken = (from: string | RegExp, to: string): string => {
  const text = good.replace(from, to);
  if (text === good) throw new Error(`the edit ${String(from)} changed nothing`);
  return text;
};

function problemOf(text: string): string {
  try {
    parsePolicy(text, 'policy/test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyFileError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain('policy/test.yaml');
    return message;
  }
  throw new Error('the policy was accepted');
}

describe('the policy file', () => {
  it('the repository file is valid and complete', () => {
    const policy = loadPolicyFile(projectPolicyFile());
    expect(policy).toMatchObject({ title: 'Standards Board Policy', maxLength: 250, thresholds: { commentsPerDay: 20, commentsPerArticle: 3, commentIntervalSeconds: 60, reactionsPerDay: 50 } });
    expect(policy.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(policy.rules.map((r) => r.id)).toEqual([...RULE_IDS]);
    expect(projectPolicyFile().endsWith(DEFAULT_POLICY_FILE)).toBe(true);
  });

  it('every rule has both languages for title, description and message', () => {
    for (const r of loadPolicyFile(projectPolicyFile()).rules) {
      for (const field of [r.title, r.description, r.message]) {
        expect(field.ko).toMatch(/[가-힣]/);
        expect(field.en).toMatch(/[A-Za-z]/);
      }
    }
  });

  it('every deny list has lists in Korean, English and Japanese and an allow-list beside it', () => {
    const { lists } = loadPolicyFile(projectPolicyFile());
    for (const name of ['profanity', 'hate', 'obscene', 'violence'] as const) {
      expect(lists[name].deny.some((w) => /[가-힣]/.test(w))).toBe(true);
      expect(lists[name].deny.some((w) => /[a-z]/i.test(w))).toBe(true);
      expect(lists[name].deny.some((w) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(w))).toBe(true);
      expect(lists[name].allow.length).toBeGreaterThan(0);
    }
    expect(lists.reservedNames).toEqual(expect.arrayContaining(['기자', '편집국', '관리자', 'admin', 'staff']));
  });

  describe('refuses a bad file with one clear line', () => {
    it.each<[string, string | RegExp, string, RegExp]>([
      ['an unknown rule id', 'id: pii.rrn', 'id: pii.passport', /rules\[\d+\]\.id "pii\.passport" is not a rule the engine knows/],
      ['a missing message', /\n    message: \{ ko: 욕설이나 비속어가 들어 있습니다\., en: The comment contains profanity\. \}/, '', /profanity\.message must be a mapping/],
      ['a message without English', 'en: The comment contains profanity. }', 'fr: Grossièretés. }', /profanity\.message\.en must be a non-empty string/],
      ['a bad action', /(id: hate\n    action: )hold/, '$1hide', /hate\.action must be reject, hold or limit, got "hide"/],
      ['a limit on a content rule', /(id: obscene\n    action: )reject/, '$1limit', /obscene\.action must be reject or hold/],
      ['a non-numeric threshold', 'commentsPerDay: 20', 'commentsPerDay: twenty', /thresholds\.commentsPerDay must be a whole number from 0 to 1000000, got "twenty"/],
      ['a negative threshold', 'commentIntervalSeconds: 60', 'commentIntervalSeconds: -1', /thresholds\.commentIntervalSeconds must be a whole number/],
      ['a fractional maxLength', 'maxLength: 250', 'maxLength: 250.5', /maxLength must be a whole number/],
      ['no version', /\nversion: "[^"]*"/, '', /version must be a non-empty string/],
      ['a rule listed twice', /(  - id: violence)/, '  - id: hate\n    action: hold\n    title: { ko: 가, en: a }\n    description: { ko: 가, en: a }\n    message: { ko: 가, en: a }\n$1', /rule "hate" is listed twice/],
      ['a word list that is not a list', '  noiseWords:\n', '  noiseWords: first\n  noiseWordsOld:\n', /lists\.noiseWords must be a list of words/],
      ['a misspelt list', '  profanity:\n', '  profanty:\n', /lists\.profanity must be a mapping/],
      ['an unknown setting', 'maxLength: 250', 'maxLength: 250\nmaxLenght: 300', /maxLenght is not a known setting/],
      ['an unknown threshold', 'reactionsPerDay: 50', 'reactionsPerDay: 50\n  repliesPerDay: 5', /thresholds\.repliesPerDay is not a known setting/],
      ['an unknown list', '  banks:\n', '  bankz: [a]\n  banks:\n', /lists\.bankz is not a known setting/],
      ['an empty word', /(  banks:\n)/, '$1    - ""\n', /lists\.banks\[0\] is empty/],
      // Entries are matched in their normalised form (repeats collapse, spaces between letters go), so that is what is checked.
      ['a deny entry that normalises to one letter', '      - porno\n', '      - porno\n      - xxx\n', /lists\.obscene\.deny "xxx" is a single letter once normalised \("x"\)/],
      ['a deny entry of one letter', '      - fuck\n', '      - fuck\n      - q\n', /lists\.profanity\.deny "q" is a single letter once normalised \("q"\)/],
      ['a single jamo', '      - ㅅㅂ\n', '      - ㅅㅂ\n      - ㅅ\n', /lists\.profanity\.deny "ㅅ" is a single letter once normalised/],
      ['an ad keyword of one letter', '    - 부업\n', '    - 부업\n    - ｘ\n', /lists\.adKeywords "ｘ" is a single letter once normalised \("x"\)/],
      ['a reserved name of one letter', '    - staff\n', '    - staff\n    - A.\n', /lists\.reservedNames "A\." is a single letter once normalised \("a"\)/],
      ['a deny entry with no letter at all', '      - fuck\n', '      - fuck\n      - "1234"\n', /lists\.profanity\.deny "1234" has no letter left once normalised/],
      ['a deny entry its own allow-list holds', '      - 시발\n', '      - 시발\n      - 시 발 점\n', /lists\.profanity\.deny "시 발 점" reads "시발점" once normalised, which lists\.profanity\.allow also holds/],
      ['a deny entry its allow-list holds in another spelling', '      - spic\n', '      - spic\n      - SPICY\n', /lists\.hate\.deny "SPICY" reads "spicy" once normalised, which lists\.hate\.allow also holds/],
      // Issue 14: the hold entries, the news-vocabulary topics and the advertisers' calls are checked the same way.
      ['a hold entry of one letter', '    hold:\n      - porn\n', '    hold:\n      - porn\n      - X\n', /lists\.obscene\.hold "X" is a single letter once normalised \("x"\)/],
      ['a hold entry its allow-list holds', '    hold:\n      - porn\n', '    hold:\n      - porn\n      - Revenge Porn\n', /lists\.obscene\.hold "Revenge Porn" reads "revenge porn" once normalised, which lists\.obscene\.allow also holds/],
      ['an ad topic of one letter', '    - casino\n', '    - casino\n    - x\n', /lists\.adTopics "x" is a single letter once normalised/],
      ['an unknown key in a word list', '    hold:\n      - porn\n', '    held:\n      - porn\n', /lists\.obscene\.held is not a known setting/],
      ['broken YAML', 'title: Standards Board Policy', 'title: [Standards Board Policy', /is not valid YAML/],
      // The toxicity scorer's bands (docs/policy.md, "Toxicity").
      ['a hold band above the reject band', /\n  hold: [0-9.]+\n/, '\n  hold: 0.99\n', /toxicity\.hold \(0\.99\) must be below toxicity\.reject/],
      ['a band outside 0 to 1', /\n  reject: [0-9.]+\n/, '\n  reject: 97\n', /toxicity\.reject must be a number from 0 to 1, got 97/],
      ['a band that is not a number', /\n  minHangulShare: [0-9.]+\n/, '\n  minHangulShare: half\n', /toxicity\.minHangulShare must be a number from 0 to 1, got "half"/],
      ['an unknown toxicity setting', 'model: scorer/toxicity.bin', 'model: scorer/toxicity.bin\n  holdd: 0.5', /toxicity\.holdd is not a known setting/],
      ['a toxicity rule left out', /\n  - id: toxicity\.reject\n(?: {4}.*\n)+/, '\n', /rules is missing toxicity\.reject/],
    ])('%s', (_what, from, to, problem) => {
      expect(problemOf(broken(from, to))).toMatch(problem);
    });

    it('a whole Hangul syllable, a Chinese character or a consonant cluster is a word, not a single letter', () => {
      const { lists } = loadPolicyFile(projectPolicyFile());
      expect(lists.profanity.deny).toEqual(expect.arrayContaining(['좆', '썅', '糞', 'ㅄ']));
    });

    it('a missing rule', () => {
      const without = good.replace(/\n  - id: article\.premoderated\n(?: {4}.*\n)+/, '\n');
      expect(problemOf(without)).toMatch(/rules is missing article\.premoderated/);
    });

    it('a file that is not there names the file', () => {
      const missing = path.join(os.tmpdir(), 'no-such-policy.yaml');
      expect(() => loadPolicyFile(missing)).toThrow(new PolicyFileError(missing, 'cannot be read (ENOENT)'));
    });

    it('an empty document', () => {
      expect(problemOf('')).toMatch(/the document must be a mapping/);
    });
  });
});

describe('the sanctions section', () => {
  /** The repository's file with its sanctions section replaced (or left out, with ''). */
  const base = (sanctions: string) => good.replace(/^sanctions:\n(?: .*\n)+/m, sanctions);

  it('the repository’s file gives policy.md’s ladder: a warning, 1, 7 and 30 days, then a ban', () => {
    expect(parsePolicy(good).sanctions).toEqual(parsePolicy(base('')).sanctions);
    expect(parsePolicy(good).sanctions).toEqual({
      strikeLadder: [{ kind: 'warning' }, { kind: 'suspend', days: 1 }, { kind: 'suspend', days: 7 }, { kind: 'suspend', days: 30 }, { kind: 'ban' }],
      claimHideDays: 30,
    });
  });

  it('a ladder of its own is read as written', () => {
    expect(parsePolicy(base('sanctions:\n  strikeLadder: [2, ban]\n  claimHideDays: 14\n')).sanctions).toEqual({
      strikeLadder: [{ kind: 'suspend', days: 2 }, { kind: 'ban' }],
      claimHideDays: 14,
    });
  });

  it.each([
    ['an empty ladder', 'sanctions:\n  strikeLadder: []\n'],
    ['an unknown rung', 'sanctions:\n  strikeLadder: [warning, forever]\n'],
    ['a misspelt key', 'sanctions:\n  strikeLader: [warning]\n'],
    ['a claim of no days', 'sanctions:\n  claimHideDays: 0\n'],
  ])('refuses %s with one line', (_label, section) => {
    expect(() => parsePolicy(base(section))).toThrow(/sanctions/);
  });
});
