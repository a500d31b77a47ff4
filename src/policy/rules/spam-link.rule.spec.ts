import { expectRule, violationOf } from './rule-spec-support';

// spam.link: any link holds; a shortener or a deny-listed site rejects.
describe('spam.link', () => {
  expectRule(
    'spam.link',
    ['자세한 건 https://example.com/report 참고', 'www.example.org', '여기 보세요 blog.naver.com/abc', 'bit.ly/3abc', 'https://toto-safe.com'],
    ['2000-11-25 기사', '3.14는 원주율', 'e.g. this one', '기사 잘 봤습니다.다음 기사도', 'Mr.Kim said', 'U.S. policy', 'version 2.0'],
  );

  it('holds an ordinary link', () => {
    expect(violationOf('spam.link', 'https://example.com/a')?.action).toBe('hold');
  });

  it.each(['bit.ly/3abc', 'https://tinyurl.com/xyz', 'toto-safe.com 가입', 'http://sub.casino-vip.net/x'])('rejects a shortener or blocked site: %s', (text) => {
    expect(violationOf('spam.link', text)?.action).toBe('reject');
  });

  it("links to the newspaper's own sites pass", () => {
    expect(violationOf('spam.link', 'https://koreajoongangdaily.joins.com/news/2026/11/28/x.html')).toBeUndefined();
  });
});

describe('spam.link and e-mail addresses', () => {
  it('the domain of an e-mail address is not a link', () => {
    expect(violationOf('spam.link', 'reader@example.com')).toBeUndefined();
    expect(violationOf('pii.account', 'reader@example.com')).toBeDefined();
  });
});

describe('spam.link: deny-listed sites', () => {
  it.each(['텔레그램 t.me/freesignals 입장', 'https://www.1xbet.com/ko', 'vip.lucky.casino 가입', 'sub.sub.bet365.com'])('rejects %s', (text) => {
    expect(violationOf('spam.link', text)?.action).toBe('reject');
  });

  it.each(['https://the.me.example.com/x', 'https://betterment.com', 'www.stakeholder.org'])('only holds a site that merely resembles one: %s', (text) => {
    expect(violationOf('spam.link', text)?.action).toBe('hold');
  });
});

// Issue 14: public contacts pass; a sentence run into the next is not a link.
describe('spam.link in English', () => {
  expectRule('spam.link', ['see www.nature.com/articles', 'bbc.co.uk/news'], ['article.To be honest the headline oversells it', 'https://www.mofa.go.kr/eng/view.do', 'https://en.yna.co.kr/view/AEN1', 'apnews.com/article/korea', 'koica.or.kr has the report']);
});
