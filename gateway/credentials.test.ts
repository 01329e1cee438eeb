import { describe, expect, it } from 'vitest';
import { generateCredential } from '../lib/api-key-format.js';
import { readCredential } from './credentials.js';

const key = generateCredential('user_key');
const workspaceKey = generateCredential('workspace_key');
const session = generateCredential('session');

describe('readCredential', () => {
  it('reads every accepted header form', () => {
    const forms = [
      { 'x-api-key': key },
      { authorization: `Bearer ${key}` },
      { authorization: `bearer ${key}` },
      { authorization: `Basic ${key}` },
      { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` },
      { 'x-api-key': key, authorization: `Bearer ${key}` },
    ];
    for (const headers of forms) expect(readCredential(headers)).toEqual({ outcome: 'present', secret: key, kind: 'user_key' });
    expect(readCredential({ 'x-api-key': workspaceKey })).toMatchObject({ kind: 'workspace_key' });
    expect(readCredential({ authorization: `Bearer ${session}` })).toMatchObject({ kind: 'session' });
  });

  it('finds no credential when there is none', () => {
    expect(readCredential({})).toEqual({ outcome: 'none' });
  });

  it('refuses malformed, oversized, binary, ambiguous and unknown-scheme credentials', () => {
    const cases = [
      { 'x-api-key': '' },
      { 'x-api-key': `${key.slice(0, -1)}${key.endsWith('a') ? 'b' : 'a'}` },
      { 'x-api-key': `atk_${'a'.repeat(300)}` },
      { 'x-api-key': `atk_\u0001\u00ff` },
      { 'x-api-key': key, authorization: `Bearer ${generateCredential('user_key')}` },
      { authorization: `Token ${key}` },
      { authorization: 'Bearer' },
      { authorization: `Basic ${Buffer.from(`${key}:secret`).toString('base64')}` },
      { authorization: `Basic ${Buffer.from(':').toString('base64')}` },
      { 'x-api-key': [key, key] },
    ];
    for (const headers of cases) expect(readCredential(headers), JSON.stringify(headers)).toEqual({ outcome: 'invalid' });
  });
});
