import { maskRrn } from '..';
import { expectNoEcho, expectRule, violationOf } from './rule-spec-support';

// pii.rrn: YYMMDD-[1-8]NNNNNN with a real date of birth; no checksum test.
describe('pii.rrn', () => {
  expectRule(
    'pii.rrn',
    ['제 번호는 900101-1234567 입니다', '900101 - 1234567', '0402293123456', '041231-4000000 (2020년 이후 발급 번호)', '850615-2987654', '주민번호 991231-1111111 유출됐대요'],
    ['900230-1234567', '901301-1234567', '900101-9234567', '900100-1234567', '2000-11-25 기사', '3,000원', '기사번호 20001125-0042', '1588-1234', '주문번호 123456-12345', '990229-1234567'],
  );

  it('never echoes the number', () => {
    expectNoEcho(violationOf('pii.rrn', '900101-1234567'), '900101-1234567');
  });

  it('masks all but the date of birth for logs', () => {
    expect(maskRrn('번호 900101-1234567 끝')).toBe('번호 900101-******* 끝');
  });
});
