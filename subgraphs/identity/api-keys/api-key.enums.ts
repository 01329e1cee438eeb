// Enums of the API key module, registered with type-graphql.
import { registerEnumType } from 'type-graphql';
import { KEY_EXPIRIES, type KeyExpiry } from '../../../lib/config.js';

export enum ApiKeyKind {
  USER = 'USER',
  WORKSPACE = 'WORKSPACE',
}

export enum ApiKeyStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}

export enum ApiKeyOrderBy {
  CREATED_AT = 'CREATED_AT',
  LAST_USED_AT = 'LAST_USED_AT',
  EXPIRES_AT = 'EXPIRES_AT',
}

export enum ApiKeyOwner {
  ME = 'ME',
  WORKSPACE = 'WORKSPACE',
}

export const KeyExpiryEnum = Object.fromEntries(KEY_EXPIRIES.map((value) => [value, value])) as { [K in KeyExpiry]: K };

/** Days each expiry choice stands for; NEVER has none. */
export const EXPIRY_DAYS: Record<KeyExpiry, number | null> = {
  ONE_MONTH: 30,
  TWO_MONTHS: 60,
  THREE_MONTHS: 90,
  SIX_MONTHS: 180,
  ONE_YEAR: 365,
  TWO_YEARS: 730,
  NEVER: null,
};

registerEnumType(ApiKeyKind, {
  name: 'ApiKeyKind',
  description: 'Who a key belongs to.',
  valuesConfig: { USER: { description: "A user's key: acts as that user in the workspaces it is authorized for." }, WORKSPACE: { description: "A workspace's key: no user, one workspace." } },
});
registerEnumType(ApiKeyStatus, {
  name: 'ApiKeyStatus',
  description: 'Whether a key works now.',
  valuesConfig: { ACTIVE: { description: 'Works.' }, EXPIRED: { description: 'Past its expiry.' }, REVOKED: { description: 'Revoked, or rotated and past its grace period.' } },
});
registerEnumType(ApiKeyOrderBy, {
  name: 'ApiKeyOrderBy',
  description: 'What keys are ordered by.',
  valuesConfig: {
    CREATED_AT: { description: 'Creation time.' },
    LAST_USED_AT: { description: 'Last use (keys never used come last).' },
    EXPIRES_AT: { description: 'Expiry (keys that never expire come last).' },
  },
});
registerEnumType(ApiKeyOwner, {
  name: 'ApiKeyOwner',
  description: 'Whose keys to list.',
  valuesConfig: { ME: { description: 'Your own user keys.' }, WORKSPACE: { description: "The current workspace's keys (needs keys:read there)." } },
});
registerEnumType(KeyExpiryEnum, {
  name: 'KeyExpiry',
  description: 'How long a new key lives. The deployment may cap it (API_KEY_MAX_EXPIRY).',
  valuesConfig: {
    ONE_MONTH: { description: '30 days.' },
    TWO_MONTHS: { description: '60 days.' },
    THREE_MONTHS: { description: '90 days.' },
    SIX_MONTHS: { description: '180 days.' },
    ONE_YEAR: { description: '365 days.' },
    TWO_YEARS: { description: '730 days.' },
    NEVER: { description: 'Does not expire.' },
  },
});
