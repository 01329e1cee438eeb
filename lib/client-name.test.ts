import { describe, expect, it } from 'vitest';
import { clientNameProblem, normalizeClientName, normalizeClientVersion } from './client-name.js';

const NOT_STRINGS: unknown[] = [undefined, null, 42, 0, true, ['web'], ['web', 'ios'], { name: 'web' }, Symbol('web'), () => 'web', Buffer.from('web')];

describe('normalizeClientName', () => {
  it('accepts the names clients use, trimmed', () => {
    for (const name of ['web', 'ios-app', '@acme/dashboard', 'Partner Portal', 'acme:billing', 'svc_1.2', 'a', 'x'.repeat(64)]) {
      expect(normalizeClientName(name), name).toBe(name);
    }
    expect(normalizeClientName('  web  ')).toBe('web');
    expect(normalizeClientName('\tios-app\n')).toBe('ios-app');
  });

  it('answers null for anything else, without throwing', () => {
    const refused = [
      '',
      '   ',
      'x'.repeat(65),
      'x'.repeat(10 * 1024),
      `web${'\u0000'}`,
      'web\r\nx-api-key: atk_forged',
      'we\u0007b',
      'web\u001b[31m',
      'wéb',
      'web\u200b',
      'ｗｅｂ',
      '🚀',
      'web<script>',
      'web"',
      "web'",
      'web,ios',
      'web;x',
      'a\\b',
      'web%00',
    ];
    for (const value of [...refused, ...NOT_STRINGS]) expect(normalizeClientName(value), String(typeof value === 'symbol' ? 'symbol' : value)).toBeNull();
  });
});

describe('normalizeClientVersion', () => {
  it('accepts versions, trimmed', () => {
    for (const version of ['1', '1.4.2', '2024-06-01', '1.0.0-rc.1+build.7', 'v2_beta', 'x'.repeat(32)]) expect(normalizeClientVersion(version), version).toBe(version);
    expect(normalizeClientVersion(' 1.2.3 ')).toBe('1.2.3');
  });

  it('answers null for anything else', () => {
    const refused = ['', ' ', 'x'.repeat(33), '9'.repeat(10 * 1024), '1.0 beta', '1/2', '@1', '1:2', '1.0\u0000', '1.0\r\nx', '１.0', 'v1🚀'];
    for (const value of [...refused, ...NOT_STRINGS]) expect(normalizeClientVersion(value), String(typeof value === 'symbol' ? 'symbol' : value)).toBeNull();
  });
});

describe('clientNameProblem', () => {
  it('has none for a valid name or for no client (absent, null, empty, blank)', () => {
    for (const value of [undefined, null, '', '   ', 'web', ' @acme/dashboard ']) expect(clientNameProblem(value)).toBeUndefined();
  });

  it('names the field and says what is wrong', () => {
    expect(clientNameProblem('x'.repeat(65))).toEqual({ field: 'client', reason: 'must be at most 64 characters' });
    expect(clientNameProblem('x'.repeat(10 * 1024), 'input.client')).toEqual({ field: 'input.client', reason: 'must be at most 64 characters' });
    for (const value of ['web\u0000', 'wéb', 'a\nb', 'web<script>']) {
      expect(clientNameProblem(value)).toEqual({ field: 'client', reason: 'may contain only letters (A-Z, a-z), digits, spaces and . - _ / @ :' });
    }
  });

  it('accepts exactly what normalizeClientName keeps', () => {
    for (const value of ['web', ' web ', 'x'.repeat(64), 'x'.repeat(65), 'wéb', 'a\tb']) {
      expect(clientNameProblem(value) === undefined, value).toBe(normalizeClientName(value) !== null);
    }
  });
});
