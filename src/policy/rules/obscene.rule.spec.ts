import { expectRule, violationOf } from './rule-spec-support';

// obscene: sexual content and adult links.
describe('obscene', () => {
  expectRule(
    'obscene',
    ['야동 사이트 추천', '섹스 영상', '포르노 배우', 'free porn here', 'p0rn', '조건만남 하실분', '야 동'],
    ['일본 자위대 파병', '자위권 논란', '성교육이 필요하다', 'Essex county', 'sextant navigation', '성평등 정책', 'middlesex hospital'],
  );
});

describe('obscene: adult links', () => {
  expectRule(
    'obscene',
    ['여기 www.pornhub.com 보세요', 'https://ko.xhamster.com/videos/x', 'onlyfans.com/someone 구독', 'hot.girls.xxx', 'missav.com 최신'],
    ['https://example.com/porn-policy-report', '음란물 규제 기사 https://www.korea.kr/news', 'sussex.ac.uk research'],
  );

  it('an adult link is refused as a link too', () => {
    expect(violationOf('spam.link', 'www.pornhub.com')?.action).toBe('reject');
  });
});

// Issue 14: words that are news vocabulary hold, their news phrases pass.
describe('obscene in English', () => {
  expectRule('obscene', ['send nudes', 'p*rn all day', 'nice tits', 'watch porn lol'], ['deepfake porn is a crime', 'revenge porn victims', 'Pussy Riot were jailed', 'summa cum laude', 'the cockpit recorder', 'add cumin', 'hacked nudes of celebrities']);

  it('holds porn outside its news phrases rather than refusing it', () => {
    expect(violationOf('obscene', 'watch porn lol')?.action).toBe('hold');
    expect(violationOf('obscene', 'send nudes')?.action).toBe('reject');
  });
});
