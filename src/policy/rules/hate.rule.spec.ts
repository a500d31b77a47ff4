import { expectRule, fired, violationOf } from './rule-spec-support';

// hate: insults aimed at groups; held for a moderator, because context matters.
describe('hate', () => {
  expectRule(
    'hate',
    ['틀딱들은 집에나 있어라', '한남충 또 시작', '김치녀 소리 듣기 싫으면', '맘충 때문에', '전라디언 답다', '짱깨들 물러가라', '쪽바리 근성', '기레기 기사', 'typical n1gger comment', '틀 딱', '개돼지 취급'],
    ['한남동 집값이 올랐다', '한남대교 정체', '홍어삼합 맛집', '과메기철 포항', '메갈로돈 다큐', '노인 복지 예산을 늘려야', '중국 정부의 입장은', '일본 자위대', 'Chinese investors', '여성 고용률이 올랐다', 'Korean men and women alike'],
  );

  it('holds rather than rejects', () => {
    expect(violationOf('hate', '틀딱들은 집에나')?.action).toBe('hold');
  });

  it('a hate word next to profanity: profanity decides (reject beats hold), both are reported', () => {
    const rules = fired('틀딱 새끼들');
    expect(rules).toEqual(expect.arrayContaining(['hate', 'profanity']));
  });
});

// Issue 14: English slurs and insults to groups by shape; idioms pass.
describe('hate in English', () => {
  expectRule(
    'hate',
    ['Japs never apologise', 'kung flu', 'bat eaters', 'faggots', 'feminazis', 'Koreans are dogs', 'Muslims are terrorists', 'dirty Chinese pigs', 'women belong in the kitchen'],
    ['spic and span', 'the fag end of his term', 'a chink of light', 'retard growth', 'Malcolm X', 'Chinese investors are buying land', 'Women are underpaid', 'the dykes of the Netherlands', 'Maine Coon cats'],
  );
});

// A slur in quotation marks, in a text that talks about the word, is mentioned, not used.
describe('hate: quoted slurs', () => {
  expectRule('hate', ["Those 'chinks' again", 'chinks, and that is not a racist word'], ['The word "chink" in that ad was racist', "He was fined for calling a colleague a 'retard'"]);
});
