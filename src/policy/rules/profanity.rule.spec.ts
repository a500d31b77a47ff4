import { expectNoEcho, expectRule, violationOf } from './rule-spec-support';

// profanity: the deny list on the normalised form, with its allow-list.
describe('profanity', () => {
  expectRule(
    'profanity',
    [
      '시발 진짜',
      '씨발',
      '시1발',
      '시 1 발 이게 나라냐',
      'ㅅㅂ',
      'ㅅ ㅂ',
      'ㅅ ㅣ ㅂ ㅏ ㄹ',
      '시바ㄹ',
      'tlqkf',
      'qudtls',
      '병1신',
      '병-신',
      '병신같은 정책',
      '개새끼',
      '존나 웃기네',
      '지랄하네',
      'fuck this',
      'f.u.c.k',
      'F U C K',
      'fuuuuuck',
      'sh1t',
      'bullsh1t',
      'what a b!tch',
      'ｆｕｃｋ',
      'fu\u200bck',
      'クソ野郎',
    ],
    [
      '시발점이 어디였는지',
      '시발역에서 출발',
      '고등어 구이',
      '새끼손가락 걸고 약속',
      '병신년 새해',
      'Scunthorpe United won',
      'a fair assessment',
      'shiitake mushrooms',
      'cockpit voice recorder',
      'the class assignment',
      'Dick Cheney said',
      'hello world',
      'school lunch',
      '곱씹어 볼 기사',
      '청소년들 교육',
      '이년간 준비했다',
      '엿보기 방지 필름',
      '등신불 전시',
    ],
  );

  it('names the kind of problem and does not repeat the word', () => {
    expectNoEcho(violationOf('profanity', '시발 진짜'), '시발 진짜');
  });
});

describe('profanity spelled with numbers', () => {
  expectRule('profanity', ['아18 난 마른하늘에 날벼락', '개18 진짜', '씨8 뭐냐', 'c8 진짜', '18놈들', 'ㅅ8'], ['18살 어린 남편', '2018년 기사', '3시8분 출발', '18키로 쪘다', '개8마리', '씨8개 심었다', 'C8 Corvette', '아18세 미만', '시8시', 'abc8']);
});

describe('profanity: English spellings that swap a letter', () => {
  expectRule('profanity', ['fvck this', 'phuck you', 'what the fuq', 'fukin hell', 'shut up biatch'], ['fuqua school of business', 'a phuket holiday', 'fukuoka flights', 'fukushima water release']);
});

// Issue 14: trailing punctuation, masks, look-alikes, compounds; names that are also swear words.
describe('profanity in English', () => {
  expectRule(
    'profanity',
    ['Fuck!', 'f**k this', 'sh*t deal', 'b*tch', 'c*nt', 'f*cking joke', 'fuсk (Cyrillic с)', 'motherfucking liars', 'clusterfuck', 'fuckwit', 'dipshit', 'horseshit', 'shitshow'],
    ['Scunthorpe', 'Matsushita', 'Yoshitaka', 'Dick Cheney', 'Fukushima', 'shiitake', 'Cho Kuk', 'pricks of conscience', 'the Sibal car', 'a*b = c', 'M*A*S*H reruns', 'She pricked her finger'],
  );

  it('holds the Sibal name outside its listed phrases rather than refusing it', () => {
    expect(violationOf('profanity', 'Sibal was a taxi company')?.action).toBe('hold');
  });
});
