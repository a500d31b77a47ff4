import { OAuth } from 'oauth';
import { baseStringUri, hmacSha1Signature, parseAuthorizationHeader, percentEncode, signatureBaseString, verifyHmacSha1 } from './oauth1-signature';

describe('OAuth 1.0a signatures (RFC 5849)', () => {
  it('builds the signature base string of the RFC 5849 §3.4.1 example', () => {
    // POST /request?b5=%3D%253D&a3=a&c%40=&a2=r%20b, body c2&a3=2+q, and the Authorization header's parameters.
    const params: [string, string][] = [
      ['b5', '=%3D'],
      ['a3', 'a'],
      ['c@', ''],
      ['a2', 'r b'],
      ['c2', ''],
      ['a3', '2 q'],
      ['oauth_consumer_key', '9djdj82h48djs9d2'],
      ['oauth_token', 'kkk9d7dh3k39sjv7'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131201'],
      ['oauth_nonce', '7d8f3e4a'],
      ['oauth_signature', 'bYT5CMsGcbgUdFHObYMEfcx6bsw='],
    ];
    expect(signatureBaseString('post', 'http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b', params)).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    );
  });

  it('normalises the base string URI as RFC 5849 §3.4.1.2 shows', () => {
    expect(baseStringUri('HTTP://EXAMPLE.COM:80/r%20v/X?id=123')).toBe('http://example.com/r%20v/X');
    expect(baseStringUri('https://www.example.net:8080/?q=1')).toBe('https://www.example.net:8080/');
    expect(baseStringUri('https://api.example.com:443/a#frag')).toBe('https://api.example.com/a');
  });

  it('percent-encodes as RFC 3986 (unreserved kept, everything else %XX upper-case, UTF-8)', () => {
    expect(percentEncode("Ladies + Gentlemen, a signed OAuth request!*'()~-._")).toBe('Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21%2A%27%28%29~-._');
    expect(percentEncode('é☃')).toBe('%C3%A9%E2%98%83');
  });

  it('signs like Twitter’s documented example (HMAC-SHA1 with consumer & token secret)', () => {
    const base =
      'POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521';
    const consumerSecret = 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw';
    const tokenSecret = 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE';
    expect(hmacSha1Signature(base, consumerSecret, tokenSecret)).toBe('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
    expect(verifyHmacSha1('hCtSmYh+iHYCEqBWrE7C7hYmtUk=', base, consumerSecret, tokenSecret)).toBe(true);
    expect(verifyHmacSha1('hCtSmYh+iHYCEqBWrE7C7hYmtUk=', base + 'x', consumerSecret, tokenSecret)).toBe(false);
    expect(verifyHmacSha1('hCtSmYh+iHYCEqBWrE7C7hYmtUk=', base, consumerSecret, 'other')).toBe(false);
    expect(verifyHmacSha1('short', base, consumerSecret, tokenSecret)).toBe(false);
  });

  it('agrees with node-oauth on a header it signed (realm, spaces, encoded values)', () => {
    const oa = new OAuth('http://x/rt', 'http://x/at', 'key with space', 's3cr3t&!', '1.0A', null, 'HMAC-SHA1', undefined, { Accept: '*/*' });
    (oa as unknown as { _realm: string })._realm = 'Sandbox';
    const url = 'http://127.0.0.1:4567/1.1/account/verify_credentials.json?include_entities=true&q=a%20b%2Bc';
    const header = oa.authHeader(url, 'tok/en', 'token secret', 'GET');
    const params = parseAuthorizationHeader(header)!;
    expect(params).not.toHaveProperty('realm');
    expect(params.oauth_consumer_key).toBe('key with space');
    expect(params.oauth_token).toBe('tok/en');
    const base = signatureBaseString('GET', url, [...Object.entries(params), ['include_entities', 'true'], ['q', 'a b+c']]);
    expect(verifyHmacSha1(params.oauth_signature, base, 's3cr3t&!', 'token secret')).toBe(true);
  });

  it('refuses malformed Authorization headers instead of throwing', () => {
    expect(parseAuthorizationHeader(undefined)).toBeNull();
    expect(parseAuthorizationHeader('Bearer abc')).toBeNull();
    expect(parseAuthorizationHeader('OAuth oauth_nonce="%E0%A4%A"')).toBeNull();
    expect(parseAuthorizationHeader('OAuth oauth_nonce="a", oauth_nonce="b"')).toBeNull();
    expect(parseAuthorizationHeader('OAuth oauth_nonce=a')).toBeNull();
    expect(parseAuthorizationHeader('oauth  a="1",  b="x%20y" ')).toEqual({ a: '1', b: 'x y' });
  });
});
