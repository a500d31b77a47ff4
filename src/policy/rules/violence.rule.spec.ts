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

// Issue 14: threats by pattern, incitement, reported speech.
describe('violence in English', () => {
  expectRule(
    'violence',
    [
      "I'm going to kill you",
      'i will find you and shoot you',
      'I will slit your throat',
      'he deserves a bullet',
      'I know where you live',
      'bomb the Japanese embassy',
      'Someone needs to shoot this guy',
      'kill all the traitors',
      'Kill yourself!',
      'kys!',
      'nuke Tokyo',
    ],
    [
      "I'll shoot you an email",
      'sent to Kursk to go die',
      'The plot to bomb the embassy was foiled',
      'Prosecutors say he threatened to kill his neighbour',
      'I would kill for a decent bus service',
      'We will beat Japan in the final',
      'The film shoots in Incheon next month',
      "You're dead wrong about this",
      'Die Hard is on TV tonight',
      'You are shooting yourself in the foot',
      "I'll take you out for dinner",
    ],
  );

  it.each(['police said he told her "I will kill you"', "the fans wrote 'go die' under every post", 'He shouted that he would kill them all, the court heard: "I will kill you"'])(
    'holds reported speech for a moderator, with no strike: %s',
    (text) => {
      expect(violationOf('violence', text)).toMatchObject({ action: 'hold', details: { reported: true, strike: false } });
    },
  );

  it('refuses the reader’s own threat with a strike', () => {
    expect(violationOf('violence', 'I will kill you')).toMatchObject({ action: 'reject', details: { strike: true } });
  });
});
