import { describe, expect, it } from 'vitest';
import { jsonNestsDeeperThan } from './json-depth.js';

const nests = (text: string, max: number) => jsonNestsDeeperThan(Buffer.from(text), max);

describe('jsonNestsDeeperThan', () => {
  it('counts objects and arrays inside each other, not side by side', () => {
    expect(nests('{"a":[1,{"b":[]}]}', 4)).toBe(false);
    expect(nests('{"a":[1,{"b":[]}]}', 3)).toBe(true);
    expect(nests('[[],[],[],[]]', 2)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nests('{"query":"[[[[[[[[{{{{{{"}', 1)).toBe(false);
    expect(nests('{"a":"\\"[[[[[[\\\\"}', 1)).toBe(false);
    expect(nests('{"a":"\\\\","b":[[[]]]}', 3)).toBe(true);
  });

  it('reads a megabyte of brackets in one linear pass', () => {
    expect(nests('['.repeat(1024 * 1024), 64)).toBe(true);
    expect(nests(`{"v":${'['.repeat(63)}${']'.repeat(63)}}`, 64)).toBe(false);
    expect(nests(`{"v":${'['.repeat(64)}${']'.repeat(64)}}`, 64)).toBe(true);
  });
});
