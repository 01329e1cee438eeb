import { describe, expect, it } from 'vitest';
import { expandScopes, intersectScopes, satisfiesAnyOf, scopesBeyond, unknownScopes } from './scopes.js';

describe('scopes', () => {
  it('expands coarse scopes to every resource but keys', () => {
    const read = expandScopes(['read']);
    expect(read.has('items:read')).toBe(true);
    expect(read.has('audit:read')).toBe(true);
    expect(read.has('keys:read')).toBe(false);
    expect(read.has('items:write')).toBe(false);
    expect(expandScopes(['keys:write']).has('keys:write')).toBe(true);
  });

  it('intersects key scopes with role permissions', () => {
    expect(intersectScopes(['read', 'keys:read'], ['types:read', 'types:write', 'keys:read'])).toEqual(['types:read', 'keys:read']);
    expect(intersectScopes(['write'], ['read'])).toEqual([]);
  });

  it('names the scopes a request exceeds and the unknown ones', () => {
    expect(scopesBeyond(['read', 'keys:write'], ['read'])).toEqual(['keys:write']);
    expect(unknownScopes(['read', 'admin', 'items:fly'])).toEqual(['admin', 'items:fly']);
  });

  it('reads anyOf as OR of AND-sets', () => {
    const anyOf = [['items:read', 'types:read'], ['audit:read']];
    expect(satisfiesAnyOf(['items:read', 'types:read'], anyOf)).toBe(true);
    expect(satisfiesAnyOf(['items:read'], anyOf)).toBe(false);
    expect(satisfiesAnyOf(['read'], anyOf)).toBe(true);
  });
});
