import { expectRule } from './rule-spec-support';

// spam.ad: an ad keyword with a contact channel, or several ad keywords; one word alone is innocent.
describe('spam.ad', () => {
  expectRule(
    'spam.ad',
    [
      '고수익 부업 카톡 abc123',
      '재택부업 하실분 텔레그램 @money_kr',
      '급전 필요하신분 010-1234-5678',
      '무직자대출 당일지급',
      '토토 바카라 먹튀없는 곳',
      '주식 리딩방 오픈채팅 들어오세요',
      'free crypto signals on telegram',
      '고수익 보장 https://example.com',
      '카지노 가입코드 777',
    ],
    [
      '가계 대출 금리가 또 올랐다',
      '주택담보대출 규제가 심하다',
      '스포츠토토 판매액이 늘었다는 기사',
      '부업하는 직장인이 늘었다는 통계',
      '카톡으로 기사 공유했어요',
      '텔레그램 n번방 사건 잊지 말자',
      '카지노 산업 규제 강화',
      'betting on the election is illegal here',
    ],
  );
});

// Issue 14: news vocabulary (casino, sports betting) is advertising only with a real contact.
describe('spam.ad in English', () => {
  expectRule(
    'spam.ad',
    ['WhatsApp +44 7911 123456 for business', 'buy followers cheap, DM me', 'online baccarat, use promo code VIP7', 'casino bonus, telegram @luckyspin', 'My kakao id is hotgirl99, add me'],
    ['sports betting and online casino addiction among teens', 'Kangwon Land casino reported record sales', 'Betting sites recruit on Telegram, the regulators say', 'Can I DM the reporter somewhere?', 'Work from home is still common in tech'],
  );
});
