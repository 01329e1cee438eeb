// Bad configuration stops a process at start with a message naming every problem;
// an unreachable database fails fast naming its host, never its password.
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { COMMITTED_SIGNING_SECRETS, ConfigError, DEVELOPMENT_SIGNING_SECRET, loadConfig } from '../lib/config.js';
import { assertDatabaseReachable } from '../lib/database.js';
import { runScript } from './process.js';

describe('loadConfig', () => {
  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', CONTENT_PORT: '70000', IDENTITY_URL: 'not a url', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const variable of ['PORT', 'CONTENT_PORT', 'IDENTITY_URL', 'DATABASE_URL', 'LOG_LEVEL']) expect(problems).toContain(`${variable}:`);
    expect((error as ConfigError).problems).toHaveLength(5);
  });

  it('names a malformed variable and a problem spanning several in the same round', () => {
    // Before: PORT alone, and the missing production secret only on the next start.
    expect(() => loadConfig({ NODE_ENV: 'production', PORT: 'abc' })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: 'production', PORT: 'abc' });
    } catch (error) {
      expect((error as ConfigError).problems.map((problem) => problem.split(':')[0])).toEqual(['PORT', 'PRINCIPAL_SIGNING_SECRETS']);
    }
  });

  it('reads the rate limits and Redis, and names every bad value at once', () => {
    const config = loadConfig({ RATE_LIMIT_WINDOW_SECONDS: '60', RATE_LIMIT_USER_KEY_POINTS: '500', REDIS_URL: 'redis://cache:6379', GATEWAY_MAX_CONCURRENT_REQUESTS: '64' });
    expect(config.gateway.rateLimits).toEqual({ windowSeconds: 60, points: { user_key: 500, workspace_key: 1_000_000, session: 1_000_000, anonymous: 20_000 } });
    expect(config.gateway.redisUrl).toBe('redis://cache:6379');
    expect(config.gateway.maxConcurrentRequests).toBe(64);
    expect(loadConfig({}).gateway.redisUrl).toBeUndefined();
    let error: unknown;
    try {
      loadConfig({ REDIS_URL: 'http://cache:6379', RATE_LIMIT_ANONYMOUS_POINTS: '0', RATE_LIMIT_WINDOW_SECONDS: 'hourly', GATEWAY_MAX_CONCURRENT_REQUESTS: '-1' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    for (const variable of ['REDIS_URL', 'RATE_LIMIT_ANONYMOUS_POINTS', 'RATE_LIMIT_WINDOW_SECONDS', 'GATEWAY_MAX_CONCURRENT_REQUESTS']) expect(problems.join('\n')).toContain(`${variable}:`);
  });

  it('has working defaults for a laptop', () => {
    const config = loadConfig({});
    expect(config.gateway.port).toBe(4000);
    expect(config.subgraphPorts).toEqual({ identity: 4001, content: 4002, audit: 4003 });
    expect(config.gateway.subgraphUrls.content).toBe('http://localhost:4002/graphql');
    expect(config.database.url).toBeUndefined();
    expect(config.gateway.introspection).toBe(true);
    expect(config.gateway.playground).toBe(true);
  });

  it('turns introspection and the playground off, and names a bad value', () => {
    const config = loadConfig({ GATEWAY_INTROSPECTION: 'false', GATEWAY_PLAYGROUND: '0' });
    expect(config.gateway.introspection).toBe(false);
    expect(config.gateway.playground).toBe(false);
    expect(() => loadConfig({ GATEWAY_INTROSPECTION: 'off' })).toThrow(/GATEWAY_INTROSPECTION: must be true or false/);
  });

  it('refuses a retention outside 1-3650 days and trusted proxies that are not addresses, naming each', () => {
    let error: unknown;
    try {
      loadConfig({ AUDIT_RETENTION_DAYS: '0', TRUSTED_PROXIES: '10.0.0.0/8, proxy.local, ::1/200', REQUEST_LOGGING: 'maybe' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'AUDIT_RETENTION_DAYS: must be between 1 and 3650',
      'TRUSTED_PROXIES: "proxy.local" is not an IP address or CIDR range',
      'TRUSTED_PROXIES: "::1/200" has a prefix length outside 0-128',
      'REQUEST_LOGGING: must be true or false',
    ]);
  });

  it('keeps request logs 90 days, logs every request and trusts no proxy by default', () => {
    const config = loadConfig({});
    expect(config.subgraphSettings.auditRetentionDays).toBe(90);
    expect(config.gateway.requestLogging).toBe(true);
    expect(config.gateway.trustedProxies).toEqual([]);
    const tuned = loadConfig({ AUDIT_RETENTION_DAYS: '30', TRUSTED_PROXIES: '10.0.0.0/8,::1', REQUEST_LOGGING: 'false' });
    expect(tuned.subgraphSettings.auditRetentionDays).toBe(30);
    expect(tuned.gateway.trustedProxies).toEqual(['10.0.0.0/8', '::1']);
    expect(tuned.gateway.requestLogging).toBe(false);
  });

  it('refuses development introspection in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', GATEWAY_DEV_INTROSPECTION: 'true' })).toThrow(/GATEWAY_DEV_INTROSPECTION/);
  });

  it('refuses to turn request logging off in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', REQUEST_LOGGING: 'false', PRINCIPAL_SIGNING_SECRETS: 'x'.repeat(32) })).toThrow(/REQUEST_LOGGING: must not be disabled in production/);
  });

  it('enforces operation limits and allows no browser origin by default, and refuses to skip limits in production', () => {
    const config = loadConfig({});
    expect(config.gateway.enforceOperationLimits).toBe(true);
    expect(config.gateway.corsOrigins).toEqual([]);
    expect(config.gateway.requestTimeoutMs).toBe(30_000);
    expect(loadConfig({ CORS_ORIGINS: 'https://app.example.com/, http://localhost:5173' }).gateway.corsOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://app.example.com/path,app.example.com' })).toThrow(/CORS_ORIGINS[\s\S]*is not an origin/);
    expect(() => loadConfig({ NODE_ENV: 'production', GATEWAY_OPERATION_LIMITS: 'false', PRINCIPAL_SIGNING_SECRETS: 'x'.repeat(32) })).toThrow(
      /GATEWAY_OPERATION_LIMITS: must not be disabled in production/,
    );
  });

  it('enforces rate limits by default and refuses to leave them out in production (GATEWAY_RATE_LIMITS is for benchmarks)', () => {
    expect(loadConfig({}).gateway.enforceRateLimits).toBe(true);
    expect(loadConfig({ GATEWAY_RATE_LIMITS: 'false' }).gateway.enforceRateLimits).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', GATEWAY_RATE_LIMITS: 'false', PRINCIPAL_SIGNING_SECRETS: 'x'.repeat(32) })).toThrow(/GATEWAY_RATE_LIMITS: must not be disabled in production/);
  });
});

describe('the principal signing secret', () => {
  const real = randomBytes(32).toString('base64url');
  const problemsOf = (environment: Record<string, string>): string[] => {
    try {
      loadConfig(environment);
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems.filter((problem) => problem.startsWith('PRINCIPAL_SIGNING_SECRETS:'));
      throw error;
    }
  };

  it('falls back to the development secret only with NODE_ENV=development and every listener on loopback', () => {
    for (const host of ['127.0.0.1', '::1', 'localhost']) {
      const config = loadConfig({ NODE_ENV: 'development', HOST: host });
      expect(config.signingSecrets, host).toEqual([DEVELOPMENT_SIGNING_SECRET]);
      expect(config.usesDevelopmentSecret, host).toBe(true);
    }
    const refusals: Record<string, Record<string, string>> = {
      'development on every interface': { NODE_ENV: 'development', HOST: '0.0.0.0' },
      'development on a LAN address': { NODE_ENV: 'development', HOST: '192.168.1.10' },
      'test on loopback': { NODE_ENV: 'test', HOST: '127.0.0.1' },
      'production on loopback': { NODE_ENV: 'production', HOST: '127.0.0.1' },
    };
    for (const [name, environment] of Object.entries(refusals)) {
      expect(problemsOf(environment), name).toEqual([expect.stringMatching(/^PRINCIPAL_SIGNING_SECRETS: required unless NODE_ENV=development with HOST on loopback/)]);
      // Set explicitly, it is refused just the same.
      expect(problemsOf({ ...environment, PRINCIPAL_SIGNING_SECRETS: DEVELOPMENT_SIGNING_SECRET }), name).toContainEqual(
        expect.stringMatching(/development-only secret is refused unless NODE_ENV=development with HOST on loopback/),
      );
    }
    expect(loadConfig({ NODE_ENV: 'test', HOST: '0.0.0.0', PRINCIPAL_SIGNING_SECRETS: real }).usesDevelopmentSecret).toBe(false);
  });

  it('refuses a secret shorter than 32 bytes in every environment', () => {
    for (const NODE_ENV of ['development', 'test', 'production']) {
      expect(problemsOf({ NODE_ENV, PRINCIPAL_SIGNING_SECRETS: `${real},${'x'.repeat(31)}` }), NODE_ENV).toEqual([
        'PRINCIPAL_SIGNING_SECRETS: every secret must be at least 32 bytes (e.g. openssl rand -base64 32)',
      ]);
    }
    // Bytes, not characters: 11 three-byte characters are 33 bytes.
    expect(problemsOf({ NODE_ENV: 'production', PRINCIPAL_SIGNING_SECRETS: '€'.repeat(11) })).toEqual([]);
    expect(problemsOf({ NODE_ENV: 'production', PRINCIPAL_SIGNING_SECRETS: real })).toEqual([]);
  });

  it('refuses in production every secret committed in this repository, the compose placeholder included', () => {
    expect(COMMITTED_SIGNING_SECRETS).toContain('local-only-signing-secret-change-me-0123456789');
    for (const committed of COMMITTED_SIGNING_SECRETS) {
      expect(problemsOf({ NODE_ENV: 'production', HOST: '0.0.0.0', PRINCIPAL_SIGNING_SECRETS: `${real},${committed}` }), committed).toHaveLength(1);
    }
    expect(problemsOf({ NODE_ENV: 'production', HOST: '0.0.0.0', PRINCIPAL_SIGNING_SECRETS: 'local-only-signing-secret-change-me-0123456789' })).toEqual([
      'PRINCIPAL_SIGNING_SECRETS: a value committed in this repository is public; production needs a secret of its own',
    ]);
  });

  it('stops a service started with NODE_ENV=test and no secret, naming the variable', async () => {
    const result = await runScript('scripts/serve.ts', ['content'], { NODE_ENV: 'test', DATABASE_URL: 'postgres://atrium:x@127.0.0.1:1/atrium' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PRINCIPAL_SIGNING_SECRETS: required unless NODE_ENV=development with HOST on loopback');
  });
});

describe('an unreachable DATABASE_URL', () => {
  it('fails fast with the host and without the password', async () => {
    const error = await assertDatabaseReachable('postgres://atrium:s3cret-pa55@127.0.0.1:1/atrium', 2000).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('127.0.0.1:1');
    expect((error as Error).message).not.toContain('s3cret-pa55');
  });
});

describe('npm start with bad input', () => {
  it('exits 1 listing every configuration problem', async () => {
    const result = await runScript('scripts/start.ts', [], { PORT: 'abc', AUDIT_URL: 'ftp://audit', NODE_ENV: 'staging' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    for (const variable of ['PORT:', 'AUDIT_URL:', 'NODE_ENV:']) expect(result.stderr).toContain(variable);
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it('exits 1 naming the host of an unreachable database, never its password', async () => {
    const result = await runScript('scripts/start.ts', [], { DATABASE_URL: 'postgres://atrium:hunter2-secret@127.0.0.1:1/atrium' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot reach PostgreSQL at 127.0.0.1:1');
    expect(result.stdout + result.stderr).not.toContain('hunter2-secret');
  });
});
