// Configuration is parsed once, at start, into one typed object. Every problem is
// listed at once so an operator fixes them in one go instead of one per restart.
import { z } from 'zod';
import { GATEWAY_DEFAULT_PORT, SUBGRAPHS, defaultSubgraphUrl, subgraphPortVariable, subgraphUrlVariable, type SubgraphName } from './subgraph-list.js';
import { trustedProxyProblems } from './trusted-proxies.js';
import { DEFAULT_MAX_BUDGET_POINTS, DEFAULT_RATE_LIMIT_SETTINGS, type RateLimitSettings } from '../gateway/rate-limits/settings.js';
import { DEFAULT_MAX_CONCURRENT_REQUESTS } from '../gateway/pipeline/concurrency.js';
import { DEFAULT_ANONYMOUS_MAX_CONCURRENT } from '../gateway/pipeline/anonymous-concurrency.js';
import { OPERATION_LIMIT_SETTINGS, anonymousVariable, operationLimitsFrom, type OperationLimitsByAudience } from '../gateway/limits/settings.js';
import { DEFAULT_SIGN_IN_SETTINGS, type SignInSettings } from '../subgraphs/identity/sessions/sign-in-settings.js';
import { DEFAULT_ACCOUNT_SETTINGS, type AccountSettings } from './mail/settings.js';
import { parseOidcProviders, type OidcProviderSetting } from './oidc-settings.js';
import { isId } from './ids.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const port = z.coerce.number({ message: 'must be a port number' }).int('must be a whole number').min(0, 'must be between 0 and 65535').max(65535, 'must be between 0 and 65535');

const booleanFlag = z.enum(['true', 'false', '1', '0', ''], { message: 'must be true or false' }).transform((value) => value === 'true' || value === '1');

const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });

const postgresUrl = z.string().refine((value) => /^postgres(ql)?:\/\/[^/]+/.test(value) && URL.canParse(value), {
  message: 'must be a postgres:// URL (postgres://user:password@host:5432/database)',
});

const subgraphShape = Object.fromEntries(
  SUBGRAPHS.flatMap((subgraph) => [
    [subgraphPortVariable(subgraph.name), port.default(subgraph.defaultPort)],
    [subgraphUrlVariable(subgraph.name), httpUrl.default(defaultSubgraphUrl(subgraph))],
  ]),
) as Record<string, z.ZodDefault<typeof port> | z.ZodDefault<typeof httpUrl>>;

/** Expiry choices of a new API key, shortest first (DESIGN.md "Credentials"). */
export const KEY_EXPIRIES = ['ONE_MONTH', 'TWO_MONTHS', 'THREE_MONTHS', 'SIX_MONTHS', 'ONE_YEAR', 'TWO_YEARS', 'NEVER'] as const;
export type KeyExpiry = (typeof KEY_EXPIRIES)[number];

/** Policy a subgraph applies; parsed from the environment, with defaults for tests. */
export interface SubgraphSettings {
  /** Lifetime of a session token. */
  readonly sessionTtlSeconds: number;
  /** The longest expiry a new key may have (`NEVER` allows keys that never expire). */
  readonly maxKeyExpiry: KeyExpiry;
  /** Days audit keeps request logs (whole day partitions older than this are dropped). */
  readonly auditRetentionDays: number;
  /**
   * The workspace of the people who run this deployment (OPERATOR_WORKSPACE_ID): its
   * auditors read schema usage across every workspace; everyone else reads their own.
   */
  readonly operatorWorkspaceId?: string;
  /** The largest budget (points per window) a workspace or a key may be given (RATE_LIMIT_MAX_POINTS). */
  readonly maxBudgetPoints: number;
  /** Identity's sign-in and register throttles and password-hashing slots (SIGN_IN_*, REGISTER_*, PASSWORD_HASH*). */
  readonly signIn: SignInSettings;
  /** Identity's mail and account-token policy (PUBLIC_URL, SMTP_URL, MAIL_FROM, ACCOUNTS_*, INVITATION_TTL_HOURS). */
  readonly accounts: AccountSettings;
  /** OpenID providers people may sign in with (OIDC_PROVIDERS; lib/oidc-settings.ts). */
  readonly oidcProviders: readonly OidcProviderSetting[];
  /** Whether a workspace may trust an http issuer on loopback (an identity provider run for development or tests); never in production. */
  readonly loopbackHttpIssuers: boolean;
}

export const DEFAULT_AUDIT_RETENTION_DAYS = 90;

/** How long the gateway waits for one subgraph call before answering its fields with SUBGRAPH_UNAVAILABLE. */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 5000;

export const DEFAULT_SUBGRAPH_SETTINGS: SubgraphSettings = {
  sessionTtlSeconds: 12 * 3600,
  maxKeyExpiry: 'NEVER',
  auditRetentionDays: DEFAULT_AUDIT_RETENTION_DAYS,
  maxBudgetPoints: DEFAULT_MAX_BUDGET_POINTS,
  signIn: DEFAULT_SIGN_IN_SETTINGS,
  accounts: DEFAULT_ACCOUNT_SETTINGS,
  oidcProviders: [],
  loopbackHttpIssuers: true,
};

const limit = z.coerce.number({ message: 'must be a number' }).int('must be a whole number').positive('must be at least 1');

/** A budget is told as a GraphQL Int (`rateLimit { limit remaining }`): 32 bits. */
const budgetPoints = limit.max(2_147_483_647, 'must be at most 2147483647');

// The gateway's operation limits, declared once in gateway/limits/settings.ts.
const operationLimitShape = Object.fromEntries(
  OPERATION_LIMIT_SETTINGS.flatMap((setting) => [
    [setting.variable, limit.default(setting.defaults.authenticated)],
    [anonymousVariable(setting.variable), limit.default(setting.defaults.anonymous)],
  ]),
) as Record<string, z.ZodDefault<typeof limit>>;

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  PORT: port.default(GATEWAY_DEFAULT_PORT),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1, 'must not be empty').default('.data'),
  EMBEDDED_POSTGRES_PORT: port.default(54329),
  GATEWAY_DEV_INTROSPECTION: booleanFlag.default(false),
  GATEWAY_INTROSPECTION: booleanFlag.default(true),
  GATEWAY_PLAYGROUND: booleanFlag.default(true),
  WORKSPACE_HEADER: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be a lower-case HTTP header name')
    .default('x-workspace-id'),
  PRINCIPAL_CACHE_TTL_MS: z.coerce.number({ message: 'must be a number' }).int().min(0).max(60_000, 'must be at most 60000').default(5000),
  GATEWAY_SUBGRAPH_TIMEOUT_MS: z.coerce
    .number({ message: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(100, 'must be between 100 and 120000')
    .max(120_000, 'must be between 100 and 120000')
    .default(DEFAULT_SUBGRAPH_TIMEOUT_MS),
  SESSION_TTL_HOURS: z.coerce
    .number({ message: 'must be a number' })
    .positive('must be positive')
    .max(24 * 30, 'must be at most 720')
    .default(12),
  API_KEY_MAX_EXPIRY: z.enum(KEY_EXPIRIES).default('NEVER'),
  AUDIT_RETENTION_DAYS: z.coerce
    .number({ message: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be between 1 and 3650')
    .max(3650, 'must be between 1 and 3650')
    .default(DEFAULT_AUDIT_RETENTION_DAYS),
  /** The operators' workspace: its auditors read schema usage (schemaUsage, unusedFields) of the whole deployment. */
  OPERATOR_WORKSPACE_ID: z
    .string()
    .trim()
    .refine(isId, 'must be a workspace id (a UUID, as `workspaces { nodes { id } }` answers)')
    .transform((value) => value.toLowerCase())
    .optional(),
  /** Comma-separated addresses and CIDR ranges of the proxies in front of the gateway. */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry.length > 0),
    )
    .superRefine((entries, context) => {
      for (const problem of trustedProxyProblems(entries)) context.addIssue({ code: 'custom', message: problem });
    }),
  REQUEST_LOGGING: booleanFlag.default(true),
  /** False leaves schema usage out of the request logs, only to measure what it costs (bench:gateway); refused in production. */
  SCHEMA_USAGE: booleanFlag.default(true),
  /** False skips the operation-limits check, only to measure what it costs (bench:checks); refused in production. */
  GATEWAY_OPERATION_LIMITS: booleanFlag.default(true),
  /** False leaves the rate-limit step out of the pipeline, only to measure what it costs (bench:checks); refused in production. */
  GATEWAY_RATE_LIMITS: booleanFlag.default(true),
  /** False sends every subgraph fetch, even one identical to a fetch in flight for the same principal (bench:gateway compares). */
  GATEWAY_DEDUPLICATION: booleanFlag.default(true),
  /** Longest time a client may take to send one whole request to the gateway (slow bodies get 408). */
  GATEWAY_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** Comma-separated origins (scheme://host[:port]) whose browser apps may call the API; `*` for any. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry.length > 0),
    )
    .superRefine((entries, context) => {
      for (const entry of entries) {
        if (entry === '*') continue;
        let origin: string | undefined;
        try {
          origin = new URL(entry).origin;
        } catch {
          origin = undefined;
        }
        if (origin !== entry.replace(/\/$/, '')) context.addIssue({ code: 'custom', message: `"${entry}" is not an origin (scheme://host[:port], nothing after it)` });
      }
    }),
  /** Redis for budgets shared by every gateway; in memory (one process) when unset. */
  REDIS_URL: z
    .string()
    .refine((value) => /^rediss?:\/\/[^/]*/.test(value) && URL.canParse(value), { message: 'must be a redis:// or rediss:// URL (redis://host:6379)' })
    .optional(),
  /** One budget window; every budget refills whole at its end. */
  RATE_LIMIT_WINDOW_SECONDS: limit.max(86_400, 'must be at most 86400').default(DEFAULT_RATE_LIMIT_SETTINGS.windowSeconds),
  RATE_LIMIT_USER_KEY_POINTS: budgetPoints.default(DEFAULT_RATE_LIMIT_SETTINGS.points.user_key),
  RATE_LIMIT_WORKSPACE_KEY_POINTS: budgetPoints.default(DEFAULT_RATE_LIMIT_SETTINGS.points.workspace_key),
  RATE_LIMIT_SESSION_POINTS: budgetPoints.default(DEFAULT_RATE_LIMIT_SETTINGS.points.session),
  /** Per client address, for requests without a credential. */
  RATE_LIMIT_ANONYMOUS_POINTS: budgetPoints.default(DEFAULT_RATE_LIMIT_SETTINGS.points.anonymous),
  /** The ceiling of the budgets owners may give a workspace (and keys within it); checked by identity. */
  RATE_LIMIT_MAX_POINTS: budgetPoints.default(DEFAULT_MAX_BUDGET_POINTS),
  GATEWAY_MAX_CONCURRENT_REQUESTS: limit.max(100_000, 'must be at most 100000').default(DEFAULT_MAX_CONCURRENT_REQUESTS),
  GATEWAY_ANONYMOUS_MAX_CONCURRENT: limit.max(100_000, 'must be at most 100000').default(DEFAULT_ANONYMOUS_MAX_CONCURRENT),
  /** Identity's sign-in throttles (README "Rate limits" → "Sign-in"): one window for the three sign-in counts. */
  SIGN_IN_WINDOW_SECONDS: limit.max(86_400, 'must be at most 86400').default(DEFAULT_SIGN_IN_SETTINGS.windowSeconds),
  SIGN_IN_ACCOUNT_ADDRESS_ATTEMPTS: limit.default(DEFAULT_SIGN_IN_SETTINGS.accountAddressAttempts),
  SIGN_IN_ACCOUNT_ATTEMPTS: limit.default(DEFAULT_SIGN_IN_SETTINGS.accountAttempts),
  SIGN_IN_ADDRESS_ATTEMPTS: limit.default(DEFAULT_SIGN_IN_SETTINGS.addressAttempts),
  REGISTER_ADDRESS_ATTEMPTS: limit.default(DEFAULT_SIGN_IN_SETTINGS.registerAddressAttempts),
  REGISTER_WINDOW_SECONDS: limit.max(86_400, 'must be at most 86400').default(DEFAULT_SIGN_IN_SETTINGS.registerWindowSeconds),
  /** Passwords one identity process hashes at once; more wait (PASSWORD_HASH_QUEUE) or are refused. */
  PASSWORD_HASH_CONCURRENCY: limit.max(64, 'must be at most 64').default(DEFAULT_SIGN_IN_SETTINGS.hashConcurrency),
  PASSWORD_HASH_QUEUE: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(10_000, 'must be at most 10000')
    .default(DEFAULT_SIGN_IN_SETTINGS.hashQueue),
  PASSWORD_HASHES_PER_ADDRESS: limit.max(1000, 'must be at most 1000').default(DEFAULT_SIGN_IN_SETTINGS.hashesPerAddress),
  /** The gateway's address as users reach it (links in mail point there); default http://HOST:PORT. */
  PUBLIC_URL: httpUrl.optional(),
  /** SMTP server for outgoing mail; unset, `npm start` runs a local sink that keeps it (README "Accounts and sign-in"). */
  SMTP_URL: z
    .string()
    .refine((value) => /^smtps?:\/\/[^/]+/.test(value) && URL.canParse(value), { message: 'must be an smtp:// or smtps:// URL (smtp://user:password@host:587)' })
    .optional(),
  MAIL_FROM: z.string().min(3, 'must be an address, e.g. "Atrium <no-reply@example.com>"').default(DEFAULT_ACCOUNT_SETTINGS.mailFrom),
  /** True lets users with an unverified email create API keys (development only). */
  ACCOUNTS_ALLOW_UNVERIFIED_KEYS: booleanFlag.default(false),
  INVITATION_TTL_HOURS: limit.max(90 * 24, 'must be at most 2160 (90 days)').default(DEFAULT_ACCOUNT_SETTINGS.invitationTtlHours),
  /** JSON list of OpenID providers to sign in with (lib/oidc-settings.ts; README "Signing in with Google, Microsoft or any OpenID provider"). */
  OIDC_PROVIDERS: z.string().optional(),
  /** Comma-separated; the first signs, every one verifies (rotation). */
  PRINCIPAL_SIGNING_SECRETS: z.string().optional(),
  ...operationLimitShape,
  ...subgraphShape,
});

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface AtriumConfig {
  readonly environment: 'development' | 'test' | 'production';
  readonly logLevel: LogLevel;
  /** Interface every server binds to. */
  readonly host: string;
  readonly database: {
    /** Set when DATABASE_URL is given; otherwise the embedded server is used. */
    readonly url?: string;
    readonly dataDir: string;
    readonly embeddedPort: number;
  };
  readonly gateway: {
    readonly port: number;
    /** Compose the supergraph from live subgraphs instead of the committed file. */
    readonly devIntrospection: boolean;
    /** Answer introspection (`__schema`, `__type`) for any valid credential; off refuses it for everyone. */
    readonly introspection: boolean;
    /** Serve the GraphiQL playground (/playground, and browsers on /graphql). */
    readonly playground: boolean;
    readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
    /** Header naming the workspace (`x-workspace-id`). */
    readonly workspaceHeader: string;
    /** How long a resolved principal is reused; invalidation (LISTEN/NOTIFY) ends it sooner. */
    readonly principalCacheTtlMs: number;
    /** Longest wait for one subgraph call; past it that subgraph's fields are null with SUBGRAPH_UNAVAILABLE. */
    readonly subgraphTimeoutMs: number;
    /** Proxies whose X-Forwarded-For is believed (addresses and CIDR ranges); empty trusts none. */
    readonly trustedProxies: readonly string[];
    /** Whether every request is logged to audit (off only to measure its cost; never in production). */
    readonly requestLogging: boolean;
    /** False leaves schema usage (document hash, coordinates, client) out of the request logs; only to measure what it costs. */
    readonly schemaUsage: boolean;
    /** Origins whose browser apps may call the API (CORS); empty allows none. */
    readonly corsOrigins: readonly string[];
    /** Longest time a client may take to send one whole request. */
    readonly requestTimeoutMs: number;
    /** False skips the operation-limits check (measurement only; never in production). */
    readonly enforceOperationLimits: boolean;
    /** False charges no budget at all: no rate-limit step, no Redis (measurement only; never in production). */
    readonly enforceRateLimits: boolean;
    /** False sends every subgraph fetch, even one identical to a fetch in flight for the same principal. */
    readonly deduplicateFetches: boolean;
    /** Limits of one operation, per audience (GATEWAY_MAX_* and GATEWAY_ANONYMOUS_MAX_*). */
    readonly operationLimits: OperationLimitsByAudience;
    /** Cost budgets per credential kind (RATE_LIMIT_*). */
    readonly rateLimits: RateLimitSettings;
    /** Redis shared by the gateways for the budgets; unset keeps them in memory. */
    readonly redisUrl?: string;
    /** Requests in progress at once (GATEWAY_MAX_CONCURRENT_REQUESTS). */
    readonly maxConcurrentRequests: number;
    /** Requests without a credential in progress at once per client address (GATEWAY_ANONYMOUS_MAX_CONCURRENT). */
    readonly anonymousMaxConcurrent: number;
  };
  readonly subgraphSettings: SubgraphSettings;
  readonly subgraphPorts: Readonly<Record<SubgraphName, number>>;
  /**
   * Secrets for the principal header between gateway and subgraphs; the first signs.
   * With NODE_ENV=development and HOST on loopback, when none is set, a fixed development
   * secret is used and `usesDevelopmentSecret` says so (the entry points warn).
   */
  readonly signingSecrets: readonly string[];
  readonly usesDevelopmentSecret: boolean;
}

/**
 * Used only when PRINCIPAL_SIGNING_SECRETS is unset, NODE_ENV=development and every
 * listener is on loopback; never a real secret (anyone who reads this file knows it).
 */
export const DEVELOPMENT_SIGNING_SECRET = 'atrium-development-only-signing-secret-do-not-deploy';

/**
 * Every signing secret this repository has ever committed: public, so production refuses
 * them. test/compose.test.ts checks that every literal PRINCIPAL_SIGNING_SECRETS in the
 * repository's compose and docs files is listed here.
 */
export const COMMITTED_SIGNING_SECRETS: readonly string[] = [
  DEVELOPMENT_SIGNING_SECRET,
  // The placeholder docker-compose.yml carried until it required the secret from the environment.
  'local-only-signing-secret-change-me-0123456789',
];

/** The shortest signing secret accepted: 32 bytes, the HMAC-SHA256 block's worth of guessing. */
export const MIN_SIGNING_SECRET_BYTES = 32;

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '::1', 'localhost']);

/** True when HOST keeps every listener on this machine (the servers all bind HOST). */
export function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.trim().toLowerCase());
}

/**
 * What is wrong with the configured signing secrets. Someone who knows the secret can call
 * any subgraph as anyone, so a secret anyone can read (the development one, a committed
 * placeholder) or guess (short) is refused wherever it would protect anything reachable.
 */
function signingSecretProblems(secrets: readonly string[], environment: 'development' | 'test' | 'production', developmentSecretAllowed: boolean): string[] {
  const problems: string[] = [];
  const variable = 'PRINCIPAL_SIGNING_SECRETS';
  if (secrets.length === 0 && !developmentSecretAllowed) {
    problems.push(`${variable}: required unless NODE_ENV=development with HOST on loopback (127.0.0.1, ::1, localhost); comma-separated, the first signs`);
  }
  if (secrets.some((secret) => Buffer.byteLength(secret, 'utf8') < MIN_SIGNING_SECRET_BYTES)) {
    problems.push(`${variable}: every secret must be at least ${MIN_SIGNING_SECRET_BYTES} bytes (e.g. openssl rand -base64 32)`);
  }
  if (secrets.includes(DEVELOPMENT_SIGNING_SECRET) && !developmentSecretAllowed) {
    problems.push(`${variable}: the development-only secret is refused unless NODE_ENV=development with HOST on loopback`);
  }
  if (environment === 'production' && secrets.some((secret) => secret !== DEVELOPMENT_SIGNING_SECRET && COMMITTED_SIGNING_SECRETS.includes(secret))) {
    problems.push(`${variable}: a value committed in this repository is public; production needs a secret of its own`);
  }
  return problems;
}

/** Environment variables the configuration reads (used by the compose-file test). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(environmentSchema.shape);

/** Each variable on its own: its parsed value, or its default when it is malformed. */
function leniently(present: Record<string, string | undefined>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(environmentSchema.shape).map(([name, schema]) => {
      const own = (schema as z.ZodType).safeParse(present[name]);
      return [name, own.success ? own.data : (schema as z.ZodType).safeParse(undefined).data];
    }),
  );
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): AtriumConfig {
  // Empty strings count as "not set", as shells and compose files often leave them so.
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  // Every problem in one round: when a variable is malformed, the checks that span several
  // variables (the signing secret in production, say) still run, on the variables that
  // parsed and the defaults of those that did not, so a second start finds nothing new.
  const problems: string[] = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`);
  const values = (parsed.success ? parsed.data : leniently(present)) as z.infer<typeof environmentSchema> & Record<string, string | number>;
  if (values.GATEWAY_DEV_INTROSPECTION && values.NODE_ENV === 'production') {
    problems.push('GATEWAY_DEV_INTROSPECTION: must not be enabled in production');
  }
  if (!values.GATEWAY_OPERATION_LIMITS && values.NODE_ENV === 'production') {
    problems.push('GATEWAY_OPERATION_LIMITS: must not be disabled in production (it is what refuses abusive operations)');
  }
  if (!values.GATEWAY_RATE_LIMITS && values.NODE_ENV === 'production') {
    problems.push('GATEWAY_RATE_LIMITS: must not be disabled in production (it is what keeps one credential from using up the API)');
  }
  if (values.ACCOUNTS_ALLOW_UNVERIFIED_KEYS && values.NODE_ENV === 'production') {
    problems.push('ACCOUNTS_ALLOW_UNVERIFIED_KEYS: must not be enabled in production (a key needs an owner whose address is proven)');
  }
  if (!values.REQUEST_LOGGING && values.NODE_ENV === 'production') {
    problems.push('REQUEST_LOGGING: must not be disabled in production (every API call is logged for audit)');
  }
  if (!values.SCHEMA_USAGE && values.NODE_ENV === 'production') {
    problems.push('SCHEMA_USAGE: must not be disabled in production (schema:check --usage would read no usage as no use)');
  }
  const signingSecrets = (values.PRINCIPAL_SIGNING_SECRETS ?? '')
    .split(',')
    .map((secret) => secret.trim())
    .filter((secret) => secret.length > 0);
  const developmentSecretAllowed = values.NODE_ENV === 'development' && isLoopback(values.HOST);
  problems.push(...signingSecretProblems(signingSecrets, values.NODE_ENV, developmentSecretAllowed));
  const oidc = parseOidcProviders(values.OIDC_PROVIDERS);
  problems.push(...oidc.problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const perSubgraph = <T>(read: (name: SubgraphName) => T) => Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, read(name)])) as Record<SubgraphName, T>;

  return {
    environment: values.NODE_ENV,
    logLevel: values.LOG_LEVEL,
    host: values.HOST,
    database: {
      url: values.DATABASE_URL,
      dataDir: values.DATA_DIR,
      embeddedPort: values.EMBEDDED_POSTGRES_PORT,
    },
    gateway: {
      port: values.PORT,
      devIntrospection: values.GATEWAY_DEV_INTROSPECTION,
      introspection: values.GATEWAY_INTROSPECTION,
      playground: values.GATEWAY_PLAYGROUND,
      subgraphUrls: perSubgraph((name) => String(values[subgraphUrlVariable(name)])),
      workspaceHeader: values.WORKSPACE_HEADER,
      principalCacheTtlMs: values.PRINCIPAL_CACHE_TTL_MS,
      subgraphTimeoutMs: values.GATEWAY_SUBGRAPH_TIMEOUT_MS,
      trustedProxies: values.TRUSTED_PROXIES,
      requestLogging: values.REQUEST_LOGGING,
      schemaUsage: values.SCHEMA_USAGE,
      corsOrigins: values.CORS_ORIGINS.map((origin) => origin.replace(/\/$/, '')),
      requestTimeoutMs: values.GATEWAY_REQUEST_TIMEOUT_MS,
      enforceOperationLimits: values.GATEWAY_OPERATION_LIMITS,
      enforceRateLimits: values.GATEWAY_RATE_LIMITS,
      deduplicateFetches: values.GATEWAY_DEDUPLICATION,
      operationLimits: operationLimitsFrom(values),
      rateLimits: {
        windowSeconds: values.RATE_LIMIT_WINDOW_SECONDS,
        points: {
          user_key: values.RATE_LIMIT_USER_KEY_POINTS,
          workspace_key: values.RATE_LIMIT_WORKSPACE_KEY_POINTS,
          session: values.RATE_LIMIT_SESSION_POINTS,
          anonymous: values.RATE_LIMIT_ANONYMOUS_POINTS,
        },
      },
      redisUrl: values.REDIS_URL,
      maxConcurrentRequests: values.GATEWAY_MAX_CONCURRENT_REQUESTS,
      anonymousMaxConcurrent: values.GATEWAY_ANONYMOUS_MAX_CONCURRENT,
    },
    subgraphSettings: {
      sessionTtlSeconds: Math.round(values.SESSION_TTL_HOURS * 3600),
      maxKeyExpiry: values.API_KEY_MAX_EXPIRY,
      auditRetentionDays: values.AUDIT_RETENTION_DAYS,
      operatorWorkspaceId: values.OPERATOR_WORKSPACE_ID,
      maxBudgetPoints: values.RATE_LIMIT_MAX_POINTS,
      signIn: {
        windowSeconds: values.SIGN_IN_WINDOW_SECONDS,
        accountAddressAttempts: values.SIGN_IN_ACCOUNT_ADDRESS_ATTEMPTS,
        accountAttempts: values.SIGN_IN_ACCOUNT_ATTEMPTS,
        addressAttempts: values.SIGN_IN_ADDRESS_ATTEMPTS,
        registerAddressAttempts: values.REGISTER_ADDRESS_ATTEMPTS,
        registerWindowSeconds: values.REGISTER_WINDOW_SECONDS,
        hashConcurrency: values.PASSWORD_HASH_CONCURRENCY,
        hashQueue: values.PASSWORD_HASH_QUEUE,
        hashesPerAddress: values.PASSWORD_HASHES_PER_ADDRESS,
      },
      accounts: {
        ...DEFAULT_ACCOUNT_SETTINGS,
        publicUrl: (values.PUBLIC_URL ?? `http://${values.HOST.includes(':') ? `[${values.HOST}]` : values.HOST}:${values.PORT}`).replace(/\/$/, ''),
        smtpUrl: values.SMTP_URL,
        mailFrom: values.MAIL_FROM,
        allowUnverifiedKeys: values.ACCOUNTS_ALLOW_UNVERIFIED_KEYS,
        invitationTtlHours: values.INVITATION_TTL_HOURS,
      },
      oidcProviders: oidc.providers,
      loopbackHttpIssuers: values.NODE_ENV !== 'production',
    },
    subgraphPorts: perSubgraph((name) => Number(values[subgraphPortVariable(name)])),
    signingSecrets: signingSecrets.length > 0 ? signingSecrets : [DEVELOPMENT_SIGNING_SECRET],
    usesDevelopmentSecret: signingSecrets.length === 0,
  };
}
