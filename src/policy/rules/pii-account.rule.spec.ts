import { expectRule } from './rule-spec-support';

// pii.account: an account number near a bank's name, a card number passing Luhn, an e-mail address.
describe('pii.account', () => {
  expectRule(
    'pii.account',
    [
      '신한 110-123-456789로 보내주세요',
      '국민은행 123456-01-234567',
      '카카오뱅크 3333-01-1234567',
      '농협 302-1234-5678-91',
      '카드 4111 1111 1111 1111',
      '4111-1111-1111-1111',
      '5555555555554444',
      '메일 주세요 reader@example.com',
      'contact me at jane.doe+news@mail.co.kr',
    ],
    [
      '신한은행 실적 발표',
      '계좌 개설이 쉬워졌네요',
      '4111 1111 1111 1112',
      '1234567890123456',
      '110-123-456789',
      '이메일 주소는 공개하지 마세요',
      '@중앙일보 트윗 봤어요',
      '2000-11-25 기사',
      '3,000원',
    ],
  );
});

// Issue 14: public contacts' addresses pass; addresses written with "at" and "dot"; banks in English.
describe('pii.account in English', () => {
  expectRule(
    'pii.account',
    ['kim.minji at naver dot com', 'minji92 [at] gmail [dot] com', 'leesoo (at) daum.net', 'minji92 at naver.com', 'Shinhan Bank 110-123-456789', 'Kookmin account 123456-01-234567'],
    ['corrections@joongang.co.kr', 'press@mofa.go.kr', 'look at naver.com for that', 'I looked at it, dot by dot', 'The account deficit was 12 percent'],
  );
});
