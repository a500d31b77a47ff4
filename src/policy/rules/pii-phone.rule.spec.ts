import { expectNoEcho, expectRule, violationOf } from './rule-spec-support';

// pii.phone: private numbers; public business numbers (15xx/16xx/18xx) pass.
describe('pii.phone', () => {
  expectRule(
    'pii.phone',
    [
      '연락처 010-1234-5678',
      '01012345678로 연락',
      '010 1234 5678',
      '010.1234.5678',
      '+82 10 1234 5678',
      '+82-10-1234-5678',
      '서울 02-123-4567',
      '02-1234-5678',
      '031-123-4567',
      '(031) 1234-5678',
      '051-234-5678',
      '070-1234-5678',
      '0505-123-4567',
      '공일공 일이삼사 오육칠팔',
      '공일공-일이삼사-오육칠팔로 문자 주세요',
    ],
    [
      '대표번호 1588-1234',
      '고객센터 1577-1000',
      '1644-0000으로 문의',
      '2000-11-25 기사',
      '3,000원',
      '경기 3-1 승리',
      '2026년 11월 28일',
      '기사번호 20001125-0042',
      '환율 1,350원',
      '인구 5,100만명',
      '119 신고',
      '제1조 2항',
      '전화 주세요',
      '일이 삼사일 걸린다',
    ],
  );

  it('names a phone number without repeating it', () => {
    const v = violationOf('pii.phone', '010-1234-5678');
    expectNoEcho(v, '010-1234-5678');
    expect(v!.message.en).toMatch(/phone number/);
  });
});

// Issue 14: numbers written to dodge the pattern; a Seoul landline held, not refused.
describe('pii.phone in English', () => {
  expectRule('pii.phone', ['+82 (0)10 1234 5678', '0I0-1234-5678', 'OIO-1234-5678', 'zero one zero, one two three four, five six seven eight'], ['one of the two three-day weekends', 'I was born in 1990 and moved in 2010']);

  it.each(['The Seoul Global Center is on 02-2075-4180', '+82 2 2170 5200'])('holds a Seoul landline rather than refusing it: %s', (text) => {
    expect(violationOf('pii.phone', text)?.action).toBe('hold');
  });

  it('still refuses a mobile number', () => {
    expect(violationOf('pii.phone', 'my number is 010-2075-4180')?.action).toBe('reject');
  });
});
