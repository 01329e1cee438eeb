// The one parse of a document never throws at its caller: a stack overflow inside
// graphql-js's recursive parser (possible under the token limit before V8 optimises the
// parser) is refused like the limit it stands for. Here the overflow is made certain by
// parsing with only a little stack left.
import { describe, expect, it } from 'vitest';
import { parseDocument } from './parse-document.js';

const LIMITS = { maxDocumentBytes: 1_000_000, maxTokens: 5000 };

const nested = (levels: number) => `${'{ a '.repeat(levels)}${'}'.repeat(levels)}`;

function descend<T>(levels: number, work: () => T): T {
  return levels === 0 ? work() : descend(levels - 1, work);
}

/** Whether `frames` more calls fit on the stack from here. */
function hasRoom(frames: number): boolean {
  const probe = (left: number): number => (left === 0 ? 0 : 1 + probe(left - 1));
  try {
    return probe(frames) === frames;
  } catch {
    return false;
  }
}

/** How many calls deep the stack goes from here. */
function stackDepth(): number {
  let deepest = 0;
  const probe = (level: number): void => {
    deepest = level;
    probe(level + 1);
  };
  try {
    probe(0);
  } catch {
    // The end of the stack: deepest says where.
  }
  return deepest;
}

/**
 * Runs `work` with room for about `frames` small calls and not much more: from the deepest
 * level of recursion that still leaves that room. What `work` throws reaches the caller.
 */
function withLittleStack<T>(frames: number, work: () => T): T {
  const depth = stackDepth();
  const step = Math.max(1, Math.ceil(depth / 100));
  for (let levels = depth; levels > 0; levels -= step) {
    let atBottom = false;
    try {
      return descend(levels, () => {
        if (!hasRoom(frames)) throw new RangeError('not enough room at this level');
        atBottom = true;
        return work();
      });
    } catch (error) {
      if (atBottom || !(error instanceof RangeError)) throw error;
      // descend or the room check ran out of stack: a level less deep.
    }
  }
  throw new Error('no level of recursion left the room asked for');
}

describe('parseDocument', () => {
  it('parses a document nested within the limits', () => {
    expect(parseDocument(nested(100), LIMITS).document).toBeDefined();
  });

  it('refuses, rather than throws, when the parser runs out of stack under the token limit', () => {
    // 1,500 levels are 4,500 tokens (under the limit of 5,000) and thousands of the parser's
    // frames: with room for a thousand small calls, its recursion overflows for certain.
    const document = nested(1500);
    const result = withLittleStack(1000, () => parseDocument(document, LIMITS));
    expect(result.document).toBeUndefined();
    expect(result.error?.extensions).toMatchObject({ code: 'DEPTH_LIMIT_EXCEEDED' });
  });

  it('refuses an overflow past the token limit as the token limit', () => {
    const document = `${nested(1500)} ${'{ a } '.repeat(200)}`;
    const result = withLittleStack(1000, () => parseDocument(document, LIMITS));
    expect(result.error?.extensions).toMatchObject({ code: 'TOKEN_LIMIT_EXCEEDED' });
  });
});
