import { validateReturnTo, withAuthError } from './return-to';

const PUBLIC = 'http://localhost:3000';
const ALLOWED = ['https://news.example.com'];

describe('returnTo', () => {
  it.each([
    [undefined, '/'],
    ['', '/'],
    ['/', '/'],
    ['/articles/a1?x=1#comments', '/articles/a1?x=1#comments'],
    ['https://news.example.com/2000/11/25/it-accord', 'https://news.example.com/2000/11/25/it-accord'],
    ['http://localhost:3000/docs', 'http://localhost:3000/docs'],
  ])('accepts %s', (raw, expected) => {
    expect(validateReturnTo(raw, PUBLIC, ALLOWED)).toBe(expected);
  });

  it.each([
    '//evil.example/x',
    '/..//evil.example/x',
    '/.//evil.example',
    '/%2e%2e//evil.example',
    '/\\evil.example',
    'https://evil.example/',
    'https://news.example.com.evil.example/',
    'http://news.example.com/',
    'javascript:alert(1)',
    'data:text/html,hi',
    'https://user:pass@news.example.com/',
    '/\nSet-Cookie: x',
    'relative/path',
    'x'.repeat(3000),
  ])('refuses %s with VALIDATION_FAILED', (raw) => {
    expect(() => validateReturnTo(raw, PUBLIC, ALLOWED)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('adds authError to the query, keeping the rest', () => {
    expect(withAuthError('/a?x=1#c', 'ACCESS_DENIED', PUBLIC)).toBe('/a?x=1&authError=ACCESS_DENIED#c');
    expect(withAuthError('https://news.example.com/p', 'PROVIDER_ERROR', PUBLIC)).toBe('https://news.example.com/p?authError=PROVIDER_ERROR');
  });
});
