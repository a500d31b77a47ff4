import { BadRequestException, NotFoundException } from '@nestjs/common';
import { AppError, pickLanguage } from './errors';
import { renderError, toAppError } from './http-exception.filter';

describe('errors', () => {
  it('renders a code, a message and public details only', () => {
    const e = new AppError('POLICY_VIOLATION', { message: { en: 'A phone number.', ko: '전화번호.' }, details: { rule: 'pii.phone' }, internal: 'secret' });
    expect(renderError(e, undefined)).toEqual({ error: { code: 'POLICY_VIOLATION', message: 'A phone number.', details: { rule: 'pii.phone' } } });
    expect(renderError(e, 'ko-KR,ko;q=0.9,en;q=0.8').error.message).toBe('전화번호.');
  });

  it('never turns an unknown error into anything but INTERNAL without its text', () => {
    const e = toAppError(new Error('relation "users" does not exist at /app/src/x.ts:12'));
    const body = JSON.stringify(renderError(e, undefined));
    expect(e.status).toBe(500);
    expect(body).not.toContain('relation');
    expect(body).not.toContain('.ts');
  });

  it('maps Nest exceptions by status', () => {
    expect(toAppError(new NotFoundException()).code).toBe('NOT_FOUND');
    expect(toAppError(new BadRequestException('x')).code).toBe('VALIDATION_FAILED');
  });

  it.each([
    [undefined, 'en'],
    ['ko', 'ko'],
    ['en-US,en;q=0.9,ko;q=0.8', 'en'],
    ['ko-KR,ko;q=0.9,en-US;q=0.8', 'ko'],
    ['fr-FR', 'en'],
    ['fr;q=1, ko;q=0.5', 'ko'],
  ])('Accept-Language %s answers %s', (header, lang) => {
    expect(pickLanguage(header)).toBe(lang);
  });
});
