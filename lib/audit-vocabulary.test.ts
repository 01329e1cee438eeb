// Renamed audit actions: old names read as the current one, and the filter finds both.
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, currentAuditAction, isAuditAction, storedAuditActions } from './audit-vocabulary.js';

describe('renamed audit actions', () => {
  it('reads trustedDocument.removed as trustedDocument.deleted, which is the only current name', () => {
    expect(currentAuditAction('trustedDocument.removed')).toBe('trustedDocument.deleted');
    expect(isAuditAction('trustedDocument.removed')).toBe(false);
    expect(AUDIT_ACTIONS).toContain('trustedDocument.deleted');
  });

  it('leaves every current action, and anything unknown, as it is', () => {
    for (const action of AUDIT_ACTIONS) expect(currentAuditAction(action)).toBe(action);
    expect(currentAuditAction('toString')).toBe('toString');
    expect(isAuditAction(currentAuditAction('nothing.happened'))).toBe(false);
  });

  it('filters an action by every name it was stored under', () => {
    expect(storedAuditActions('trustedDocument.deleted')).toEqual(['trustedDocument.deleted', 'trustedDocument.removed']);
    expect(storedAuditActions('item.deleted')).toEqual(['item.deleted']);
  });
});
