import { expectRule, violationOf } from './rule-spec-support';

// violence: threats and incitement to self-harm; a confirmed one is a strike.
describe('violence', () => {
  expectRule(
    'violence',
    ['죽여버린다 진짜', '찾아가서 죽여버릴거다', '자살해라', '자 살 해 라', '그냥 뒤져라', 'kill yourself', 'k y s', 'I will kill you', '死ね'],
    ['죽어라고 일만 했다', '자살 예방 상담전화 109', '살인 사건 재판이 열렸다', 'the bill was killed in committee', 'skills matter', 'killer whales', '마감에 쫓겨 죽겠다', '웃겨 죽겠네'],
  );

  it('marks the violation as a strike for the sanction ladder', () => {
    expect(violationOf('violence', '자살해라')?.details).toMatchObject({ strike: true });
  });
});
