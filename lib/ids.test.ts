import { describe, expect, it } from 'vitest';
import { isId, newId, nodeTypeOfId, timeOfId } from './ids.js';
import { NODE_TYPE_TAGS, isNodeTypeName, nodeTypeOfTag, type NodeTypeName } from './node-types.js';

describe('newId', () => {
  it('makes UUIDv7 ids that sort in creation order, even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newId(undefined, 1_700_000_000_000));
    expect(ids.every(isId)).toBe(true);
    expect(ids.every((id) => id[14] === '7')).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('tags the id of every Node type with that type, keeping version, variant, order and time', () => {
    const now = 1_800_000_000_000;
    for (const [name, tag] of Object.entries(NODE_TYPE_TAGS)) {
      const ids = Array.from({ length: 200 }, () => newId(tag, now));
      expect(ids.every((id) => isId(id) && id[14] === '7' && '89ab'.includes(id[19]))).toBe(true);
      expect(ids.map(nodeTypeOfId)).toEqual(ids.map(() => name));
      expect([...ids].sort()).toEqual(ids);
      expect(new Set(ids).size).toBe(ids.length);
      expect(timeOfId(ids[0]).getTime()).toBeGreaterThanOrEqual(now);
    }
  });
});

describe('the tag table', () => {
  it('gives each Node type its own tag, and reads every tag back as its type', () => {
    const tags = Object.values(NODE_TYPE_TAGS);
    expect(new Set(tags).size).toBe(tags.length);
    expect(tags.every((tag) => Number.isInteger(tag) && tag > 0 && tag <= 0xff)).toBe(true);
    for (const [name, tag] of Object.entries(NODE_TYPE_TAGS)) expect(nodeTypeOfTag(tag)).toBe(name);
  });

  it('finds no type for a byte that is no tag, nor for a name that is no Node type', () => {
    const free = Array.from({ length: 256 }, (_, byte) => byte).filter((byte) => !(Object.values(NODE_TYPE_TAGS) as number[]).includes(byte));
    expect(free.map(nodeTypeOfTag).every((type) => type === undefined)).toBe(true);
    expect(isNodeTypeName('toString')).toBe(false);
    expect(isNodeTypeName('Item' satisfies NodeTypeName)).toBe(true);
  });

  it('is frozen: a tag handed out is never changed (ids in the wild carry it)', () => {
    // Extend this list when a Node type is added; never change a value in it.
    expect(NODE_TYPE_TAGS).toEqual({
      User: 0x11,
      Workspace: 0x12,
      ApiKey: 0x13,
      Role: 0x14,
      Member: 0x15,
      Invitation: 0x16,
      MemberGroup: 0x17,
      ContentType: 0x21,
      ContentField: 0x22,
      Item: 0x23,
      AuditEvent: 0x31,
      RequestLog: 0x32,
    });
  });
});
