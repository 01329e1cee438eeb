// Telling a Bearer JWT apart from Atrium's own secrets, with no I/O.
import { describe, expect, it } from 'vitest';
import { generateCredential } from '../lib/api-key-format.js';
import { readCredential } from './credentials.js';
import { MAX_JWT_LENGTH, readBearerJwt } from './jwt-format.js';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkcCJ9.c2lnbmF0dXJl';

describe('Bearer JWTs', () => {
  it('reads three base64url parts as a JWT credential, and nothing else', () => {
    expect(readBearerJwt(`Bearer ${JWT}`)).toBe(JWT);
    expect(readBearerJwt(`bearer   ${JWT} `)).toBe(JWT);
    expect(readCredential({ authorization: `Bearer ${JWT}` })).toEqual({ outcome: 'present', secret: JWT, kind: 'jwt' });
    // Our own secrets carry no dot: still keys and sessions.
    const key = generateCredential('user_key');
    expect(readBearerJwt(`Bearer ${key}`)).toBeUndefined();
    expect(readCredential({ authorization: `Bearer ${key}` })).toEqual({ outcome: 'present', secret: key, kind: 'user_key' });
    expect(readBearerJwt(`Basic ${JWT}`)).toBeUndefined();
  });

  it('refuses JWT-shaped garbage, an oversized token, and a JWT beside an x-api-key', () => {
    for (const value of ['a.b', 'a.b.c.d', 'a..c', 'a.b.c!', `${'a'.repeat(MAX_JWT_LENGTH)}.b.c`]) {
      expect(readBearerJwt(`Bearer ${value}`), value).toBeNull();
      expect(readCredential({ authorization: `Bearer ${value}` }), value).toEqual({ outcome: 'invalid' });
    }
    expect(readCredential({ authorization: `Bearer ${JWT}`, 'x-api-key': generateCredential('user_key') })).toEqual({ outcome: 'invalid' });
  });
});
