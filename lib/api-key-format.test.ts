import { describe, expect, it } from 'vitest';
import { crc32, generateCredential, hashCredential, hashesEqual, maskCredential, parseCredential } from './api-key-format.js';

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
