// The gateway's operation limits: one typed object per audience, each limit a documented
// environment variable with a default. The table below is the single declaration:
// lib/config.ts builds its zod shape (and CONFIG_VARIABLES) from it.

/** Who sends the operation: a caller with a credential, or nobody (only the public root fields). */
export type Audience = 'authenticated' | 'anonymous';

/** What one operation may be, checked at the gateway before planning or any subgraph call. */
export interface OperationLimits {
  /** Bytes of the query text (UTF-8). */
  readonly maxDocumentBytes: number;
  /** Lexical tokens of the query text (graphql-js counts them while parsing and stops at the limit). */
  readonly maxTokens: number;
  /** Nesting of field selections, fragments followed; introspection counted too. */
  readonly maxDepth: number;
  /** Aliased fields in an operation, `__typename` included. */
  readonly maxAliases: number;
  /** Fields selected at the root of an operation (aliases of one field count each). */
  readonly maxRootFields: number;
  /** Directives in an operation (graphql-armor counts them per operation, which also bounds them per field). */
  readonly maxDirectives: number;
  /** Cost of an operation: about the number of values it can answer (see cost.ts for the formula). */
  readonly maxCost: number;
  /** Nesting of arrays and objects in the variables. */
  readonly maxVariablesDepth: number;
  /** Values (objects, arrays, scalars) in the variables, counted over all of them. */
  readonly maxVariablesValues: number;
}

export type OperationLimitsByAudience = Readonly<Record<Audience, OperationLimits>>;

export interface OperationLimitSetting {
  readonly key: keyof OperationLimits;
  /** Environment variable of the authenticated limit; the anonymous one adds `ANONYMOUS_` after `GATEWAY_`. */
  readonly variable: string;
  readonly defaults: Readonly<Record<Audience, number>>;
  readonly description: string;
}

/**
 * Defaults: far above what our documented operations, the authorization suite and
 * GraphiQL's introspection query need (limits.test.ts checks every one of them against
 * these values), far below the attacks of issue 11. Anonymous callers may only run
 * `register`, `createSession` and `__typename`, so their limits are tight.
 */
export const OPERATION_LIMIT_SETTINGS: readonly OperationLimitSetting[] = [
  { key: 'maxDocumentBytes', variable: 'GATEWAY_MAX_DOCUMENT_BYTES', defaults: { authenticated: 65_536, anonymous: 2_048 }, description: 'Bytes of the query text.' },
  { key: 'maxTokens', variable: 'GATEWAY_MAX_TOKENS', defaults: { authenticated: 5_000, anonymous: 200 }, description: 'Lexical tokens of the query text.' },
  { key: 'maxDepth', variable: 'GATEWAY_MAX_DEPTH', defaults: { authenticated: 20, anonymous: 4 }, description: 'Nesting of field selections (fragments followed, introspection included).' },
  { key: 'maxAliases', variable: 'GATEWAY_MAX_ALIASES', defaults: { authenticated: 30, anonymous: 2 }, description: 'Aliased fields in one operation, `__typename` included.' },
  { key: 'maxRootFields', variable: 'GATEWAY_MAX_ROOT_FIELDS', defaults: { authenticated: 20, anonymous: 2 }, description: 'Root fields of one operation.' },
  { key: 'maxDirectives', variable: 'GATEWAY_MAX_DIRECTIVES', defaults: { authenticated: 50, anonymous: 2 }, description: 'Directives in one operation.' },
  {
    key: 'maxCost',
    variable: 'GATEWAY_MAX_COST',
    defaults: { authenticated: 50_000, anonymous: 50 },
    description: 'Cost of one operation: each field counts 1, a list multiplies what it holds by `first` (default 20).',
  },
  { key: 'maxVariablesDepth', variable: 'GATEWAY_MAX_VARIABLES_DEPTH', defaults: { authenticated: 16, anonymous: 3 }, description: 'Nesting of objects and arrays in the variables.' },
  { key: 'maxVariablesValues', variable: 'GATEWAY_MAX_VARIABLES_VALUES', defaults: { authenticated: 10_000, anonymous: 20 }, description: 'Values (objects, arrays, scalars) in the variables.' },
];

/** `GATEWAY_MAX_DEPTH` → `GATEWAY_ANONYMOUS_MAX_DEPTH`. */
export function anonymousVariable(variable: string): string {
  return variable.replace(/^GATEWAY_/, 'GATEWAY_ANONYMOUS_');
}

function limitsOf(audience: Audience): OperationLimits {
  return Object.fromEntries(OPERATION_LIMIT_SETTINGS.map((setting) => [setting.key, setting.defaults[audience]])) as unknown as OperationLimits;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimitsByAudience = {
  authenticated: limitsOf('authenticated'),
  anonymous: limitsOf('anonymous'),
};

/** The limits from parsed environment values (variable → number); a variable not given keeps its default. */
export function operationLimitsFrom(values: Readonly<Record<string, unknown>>): OperationLimitsByAudience {
  const read = (audience: Audience) =>
    Object.fromEntries(
      OPERATION_LIMIT_SETTINGS.map((setting) => {
        const value = values[audience === 'authenticated' ? setting.variable : anonymousVariable(setting.variable)];
        return [setting.key, typeof value === 'number' ? value : setting.defaults[audience]];
      }),
    ) as unknown as OperationLimits;
  return { authenticated: read('authenticated'), anonymous: read('anonymous') };
}
