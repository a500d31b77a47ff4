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
