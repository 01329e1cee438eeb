// docker-compose.yml cannot run here (no Docker engine); this test keeps it honest: its
// services, ports, health checks, start order and environment match the declared
// subgraph list and the configuration the code reads, and its two gateways sit behind the
// proxy (docker/haproxy.cfg) sharing one Redis and trusting the proxy's address alone.
// test/two-gateways.happy.test.ts runs that proxy configuration for real.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { BlockList } from 'node:net';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { COMMITTED_SIGNING_SECRETS, CONFIG_VARIABLES, loadConfig } from '../lib/config.js';
import { repositoryPath } from '../lib/paths.js';
import { GATEWAY_DEFAULT_PORT, SUBGRAPHS, subgraphUrlVariable } from '../lib/subgraph-list.js';
import { HAPROXY } from './haproxy.js';

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  expose?: string[];
  volumes?: string[];
  networks?: Record<string, { ipv4_address?: string }>;
}

const source = readFileSync(repositoryPath('docker-compose.yml'), 'utf8');
/** What `docker compose` would pass with PRINCIPAL_SIGNING_SECRETS set in the shell. */
const operatorSecret = randomBytes(32).toString('base64url');
const REQUIRED_FROM_SHELL = /^\$\{PRINCIPAL_SIGNING_SECRETS:\?[^}]+\}$/;
/** `${NAME:-default}`: what compose passes when the shell leaves NAME unset. */
const WITH_DEFAULT = /^\$\{[A-Z_]+:-([^}]*)\}$/;
const interpolated = (environment: Record<string, string>) =>
  Object.fromEntries(Object.entries(environment).map(([name, value]) => [name, REQUIRED_FROM_SHELL.test(value) ? operatorSecret : (WITH_DEFAULT.exec(value)?.[1] ?? value)]));
const compose = parse(source, { merge: true }) as { services: Record<string, Service>; networks?: { default?: { ipam?: { config?: { subnet: string }[] } } } };
const services = compose.services;
/** The services running this repository's image (the rest are PostgreSQL, Redis and the proxy). */
const appServices = Object.entries(services).filter(([, service]) => service.image === 'atrium:local');
const GATEWAYS = ['gateway-1', 'gateway-2'];
const PROXY_CONFIG = 'docker/haproxy.cfg';
const proxyConfig = readFileSync(repositoryPath(PROXY_CONFIG), 'utf8');

/** `server <name> <host>:<port>` lines of the proxy's backend: which gateways it sends requests to. */
const proxiedGateways = () => [...proxyConfig.matchAll(/^\s*server\s+(\S+)\s+([^\s:]+):(\d+)/gm)].map(([, name, host, port]) => ({ name, host, port }));

/** Whether an IPv4 address lies in a CIDR range. */
function inSubnet(address: string, cidr: string): boolean {
  const [base = '', bits = '32'] = cidr.split('/');
  const range = new BlockList();
  range.addSubnet(base, Number(bits), 'ipv4');
  return range.check(address, 'ipv4');
}

describe('docker-compose.yml', () => {
  it('has PostgreSQL, the migration, every declared subgraph, Redis, two gateways and the proxy', () => {
    expect(Object.keys(services).sort()).toEqual(['audit', 'content', ...GATEWAYS, 'identity', 'mailpit', 'migrate', 'postgres', 'proxy', 'redis'].sort());
    expect(appServices.map(([name]) => name).sort()).toEqual(['audit', 'content', ...GATEWAYS, 'identity', 'migrate'].sort());
    expect(services.postgres.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(services.migrate.command).toEqual(['npm', 'run', 'db:migrate']);
    expect(services.migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  it.each(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph] as const))('runs the %s subgraph on its declared port, healthy once ready', (name, subgraph) => {
    const service = services[name];
    expect(service.command).toEqual(['npm', 'run', 'serve', '--', name]);
    expect(service.environment?.[`${name.toUpperCase()}_PORT`]).toBe(String(subgraph.defaultPort));
    expect(service.expose).toContain(String(subgraph.defaultPort));
    expect(service.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${subgraph.defaultPort}/ready`);
    expect(service.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      migrate: { condition: 'service_completed_successfully' },
    });
  });

  it.each(GATEWAYS)('starts %s after every subgraph and Redis are healthy, points it at them, and publishes no port of its own', (name) => {
    const gateway = services[name];
    expect(gateway.command).toEqual(['npm', 'run', 'serve', '--', 'gateway']);
    expect(gateway.ports, 'only the proxy is published').toBeUndefined();
    expect(gateway.expose).toEqual([String(GATEWAY_DEFAULT_PORT)]);
    expect(gateway.environment?.PORT).toBe(String(GATEWAY_DEFAULT_PORT));
    expect(gateway.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${GATEWAY_DEFAULT_PORT}/ready`);
    for (const subgraph of SUBGRAPHS) {
      expect(gateway.depends_on?.[subgraph.name]).toEqual({ condition: 'service_healthy' });
      expect(gateway.environment?.[subgraphUrlVariable(subgraph.name)]).toBe(`http://${subgraph.name}:${subgraph.defaultPort}/graphql`);
    }
    expect(gateway.depends_on?.redis).toEqual({ condition: 'service_healthy' });
  });

  it('runs Redis, healthy once it answers, and both gateways count their budgets in it with the same secrets', () => {
    const redis = services.redis;
    expect(redis.image).toMatch(/^redis:\d/);
    expect(redis.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(redis.expose).toEqual(['6379']);
    const [first, second] = GATEWAYS.map((name) => loadConfig(interpolated(services[name].environment!)));
    expect(first.gateway.redisUrl).toBe('redis://redis:6379');
    expect(second.gateway.redisUrl).toBe(first.gateway.redisUrl);
    expect(second.signingSecrets).toEqual(first.signingSecrets);
    expect(second.gateway.rateLimits).toEqual(first.gateway.rateLimits);
    // Nothing else needs Redis.
    for (const [name, service] of appServices) if (!GATEWAYS.includes(name)) expect(service.environment?.REDIS_URL, name).toBeUndefined();
  });

  it('publishes the gateway port through the proxy, whose configuration sends requests to both gateways', () => {
    const proxy = services.proxy;
    expect(proxy.image).toMatch(/^haproxy:\d/);
    expect(proxy.ports).toEqual([`${GATEWAY_DEFAULT_PORT}:${GATEWAY_DEFAULT_PORT}`]);
    expect(
      Object.entries(services)
        .filter(([, service]) => service.ports)
        .map(([name]) => name),
    ).toEqual(['mailpit', 'proxy']);
    // Mailpit publishes its page only, never its SMTP port.
    expect(services.mailpit.ports).toEqual(['8025:8025']);
    expect(proxy.volumes).toEqual([`./${PROXY_CONFIG}:/usr/local/etc/haproxy/haproxy.cfg:ro`]);
    for (const name of GATEWAYS) expect(proxy.depends_on?.[name]).toEqual({ condition: 'service_healthy' });
    expect(proxyConfig).toMatch(new RegExp(`^\\s*bind\\s+:${GATEWAY_DEFAULT_PORT}\\s*$`, 'm'));
    expect(proxiedGateways()).toEqual(GATEWAYS.map((name) => ({ name, host: name, port: String(GATEWAY_DEFAULT_PORT) })));
    // The client's address reaches the gateways: appended to X-Forwarded-For, never replaced by the client's own.
    expect(proxyConfig).toMatch(/^\s*option forwardfor\s*$/m);
  });

  it('has the gateways trust the proxy alone, at an address fixed in the network they share', () => {
    const proxyAddress = services.proxy.networks?.default?.ipv4_address;
    expect(proxyAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const subnet = compose.networks?.default?.ipam?.config?.[0]?.subnet;
    expect(subnet).toBeDefined();
    expect(inSubnet(proxyAddress!, subnet!), `${proxyAddress} outside ${subnet}`).toBe(true);
    for (const name of GATEWAYS) expect(loadConfig(interpolated(services[name].environment!)).gateway.trustedProxies, name).toEqual([proxyAddress]);
    // Services that take no client requests trust no proxy.
    for (const [name, service] of appServices) if (!GATEWAYS.includes(name)) expect(service.environment?.TRUSTED_PROXIES ?? '', name).toBe('');
  });

  it.skipIf(!HAPROXY)('commits a proxy configuration HAProxy accepts (haproxy -c)', () => {
    const checked = spawnSync(HAPROXY!, ['-c', '-f', repositoryPath(PROXY_CONFIG)], { encoding: 'utf8' });
    expect(checked.status, checked.stdout + checked.stderr).toBe(0);
  });

  it('sets only variables the code reads, with values the configuration accepts', () => {
    for (const [name, service] of appServices) {
      const environment = service.environment ?? {};
      const unknown = Object.keys(environment).filter((variable) => !CONFIG_VARIABLES.includes(variable));
      expect(unknown, `${name} sets variables the code never reads`).toEqual([]);
      expect(() => loadConfig(interpolated(environment)), `${name}'s environment is not a valid configuration`).not.toThrow();
      expect(environment.HOST, `${name} must listen beyond its container`).toBe('0.0.0.0');
    }
  });

  it('waits on health, never on sleeps, and builds from a Dockerfile whose command is a package script', () => {
    expect(source).not.toMatch(/\bsleep\b/);
    const dockerfile = repositoryPath('Dockerfile');
    expect(existsSync(dockerfile)).toBe(true);
    const scripts = Object.keys((JSON.parse(readFileSync(repositoryPath('package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
    const command = /^CMD \["npm", "run", "([^"]+)"/m.exec(readFileSync(dockerfile, 'utf8'))?.[1];
    expect(scripts).toContain(command);
    for (const [, service] of appServices) expect(scripts).toContain(service.command?.[2]);
  });

  it('commits no signing secret: each service requires one from the shell, and production refuses every value ever committed', () => {
    for (const [name, service] of appServices) expect(service.environment?.PRINCIPAL_SIGNING_SECRETS, name).toMatch(REQUIRED_FROM_SHELL);
    const environment = services[GATEWAYS[0]].environment!;
    for (const committed of COMMITTED_SIGNING_SECRETS) {
      expect(() => loadConfig({ ...environment, PRINCIPAL_SIGNING_SECRETS: committed }), committed).toThrow(/PRINCIPAL_SIGNING_SECRETS: /);
    }
    // Any literal secret written into the compose file or the docs must be known to be public.
    for (const file of ['docker-compose.yml', 'README.md', 'Dockerfile']) {
      for (const [, value] of readFileSync(repositoryPath(file), 'utf8').matchAll(/PRINCIPAL_SIGNING_SECRETS[=:]\s*["']?([A-Za-z0-9+/=_-]{16,})/g)) {
        expect(COMMITTED_SIGNING_SECRETS, `${file} commits a signing secret production would accept`).toContain(value);
      }
    }
  });
});
