// The GraphQL enums of AuditEvent, built from lib/audit-vocabulary.ts.
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from '../../../lib/audit-vocabulary.js';
import { registerWireEnum } from '../../../lib/wire-enum.js';

export const AuditTargetType = registerWireEnum('AuditTargetType', 'The type of record an audit event is about.', AUDIT_TARGET_TYPES, (type) => `A \`${type}\`.`);

export const AuditAction = registerWireEnum(
  'AuditAction',
  'What happened, as `<target type>_<verb>`: `API_KEY_CREATED`, `MEMBER_ROLE_CHANGED`, `ITEM_UPDATED`.',
  AUDIT_ACTIONS,
  (action) => `\`${action}\`.`,
);
