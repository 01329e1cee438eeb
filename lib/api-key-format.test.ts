import { describe, expect, it } from 'vitest';
import { crc32, generateCredential, hashCredential, hashesEqual, isWellFormedSecret, maskCredential, parseCredential } from './api-key-format.js';

describe('credential format', () => {
  it('generates keys of each kind that parse back, with ≥128 random bits', () => {
    for (const kind of ['user_key', 'workspace_key', 'session'] as const) {
      const secret = generateCredential(kind);
      expect(parseCredential(secret)).toBe(kind);
      expect(secret).toMatch(/^at[kws]_[0-9A-Za-z]{38}$/);
    }
    const many = new Set(Array.from({ length: 1000 }, () => generateCredential('user_key')));
    expect(many.size).toBe(1000);
  });

  it('refuses a wrong prefix, a changed character or a bad length without any lookup', () => {
    const secret = generateCredential('user_key');
    const flipped = secret.slice(0, 10) + (secret[10] === 'a' ? 'b' : 'a') + secret.slice(11);
    expect(parseCredential(flipped)).toBeUndefined();
    expect(parseCredential(`xyz_${secret.slice(4)}`)).toBeUndefined();
    expect(parseCredential(secret.slice(0, -1))).toBeUndefined();
    expect(parseCredential(`${secret}!`)).toBeUndefined();
  });

  it('formats invitation tokens alike, but no header accepts them as a credential', () => {
    const token = generateCredential('invitation');
    expect(token).toMatch(/^ati_[0-9A-Za-z]{38}$/);
    expect(isWellFormedSecret(token, 'invitation')).toBe(true);
    expect(parseCredential(token)).toBeUndefined();
    expect(isWellFormedSecret(generateCredential('session'), 'invitation')).toBe(false);
    expect(isWellFormedSecret(`${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`, 'invitation')).toBe(false);
  });

  it('uses the standard CRC-32', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
  });

  it('stores SHA-256 and masks for display', () => {
    const secret = generateCredential('user_key');
    expect(hashCredential(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashesEqual(hashCredential(secret), hashCredential(secret))).toBe(true);
    expect(hashesEqual(hashCredential(secret), hashCredential(`${secret}x`))).toBe(false);
    const masked = maskCredential(secret);
    expect(masked).toBe(`atk_${secret.slice(4, 8)}…${secret.slice(-4)}`);
  });
});
