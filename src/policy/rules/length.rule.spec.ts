import { ctx, engine, expectRule, fired, violationOf } from './rule-spec-support';

// length.empty, length.max, length.abuse: the 250-character rule of api.md.
describe('length rules', () => {
  expectRule('length.empty', ['', '   ', '\n\t\r\n', '\u3000\u3000', ' \u00a0 '], ['a', 'ㅋ', '.', '👍']);
  expectRule('length.max', ['가'.repeat(251), 'a'.repeat(251), '👍🏽'.repeat(251), `${'a '.repeat(125)}b`], ['가'.repeat(250), '👨‍👩‍👧‍👦'.repeat(250), `  ${'a'.repeat(250)}  `]);
  expectRule(
    'length.abuse',
    ['a'.repeat(2001), `q${'\u0301'.repeat(9)}`, `${'ok '.repeat(10)}q${'\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308'}`, `e${'\ufe0e'.repeat(32)}`],
    ['a'.repeat(250), `q${'\u0301'.repeat(8)}`, `e${'\u0301'.repeat(9)}` /* NFC makes é: 8 marks left */, '👩🏾‍💻', '🏳️‍🌈', `e${'\ufe0e'.repeat(20)}`, '안녕하세요'.normalize('NFD')],
  );

  it('counts exactly 250 as accepted and 251 as refused, NFC or NFD', () => {
    const nfd = '한'.normalize('NFD');
    expect(engine.evaluate(nfd.repeat(250), ctx()).length).toBe(250);
    expect(fired(nfd.repeat(250))).not.toContain('length.max');
    expect(fired(nfd.repeat(251))).toContain('length.max');
  });

  it('reports the length and the limit, not the text', () => {
    const v = violationOf('length.max', '가'.repeat(300));
    expect(v).toMatchObject({ action: 'reject', details: { length: 300, maxLength: 250 } });
  });

  it('an empty body skips the content rules (nothing to read)', () => {
    expect(fired('   ')).toEqual(['length.empty']);
  });

  it('NUL characters are dropped before anything reads the text: only NULs is empty, NULs inside a word vanish', () => {
    expect(fired('\u0000\u0000 \u0000')).toEqual(['length.empty']);
    expect(engine.evaluate('좋은\u0000 기사', ctx())).toMatchObject({ verdict: 'allow', length: 5, normalizedBody: '좋은 기사' });
    expect(fired('시\u0000발')).toContain('profanity');
  });

  it('a giant body is length.abuse, not also length.max, and its content is not scanned', () => {
    expect(fired('시발 '.repeat(2000))).toEqual(['length.abuse']);
  });
});
