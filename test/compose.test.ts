// docker-compose.yml cannot run here (no Docker engine); this test keeps it honest: its
// services, ports, health checks, start order and environment match the declared
// subgraph list and the configuration the code reads.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { COMMITTED_SIGNING_SECRETS, CONFIG_VARIABLES, loadConfig } from '../lib/config.js';
import { repositoryPath } from '../lib/paths.js';
import { GATEWAY_DEFAULT_PORT, SUBGRAPHS, subgraphUrlVariable } from '../lib/subgraph-list.js';

interface Service {
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  expose?: string[];
}

const source = readFileSync(repositoryPath('docker-compose.yml'), 'utf8');
/** What `docker compose` would pass with PRINCIPAL_SIGNING_SECRETS set in the shell. */
const operatorSecret = randomBytes(32).toString('base64url');
const REQUIRED_FROM_SHELL = /^\$\{PRINCIPAL_SIGNING_SECRETS:\?[^}]+\}$/;
const interpolated = (environment: Record<string, string>) =>
  Object.fromEntries(Object.entries(environment).map(([name, value]) => [name, REQUIRED_FROM_SHELL.test(value) ? operatorSecret : value]));
const compose = parse(source, { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const appServices = Object.entries(services).filter(([name]) => name !== 'postgres');

describe('docker-compose.yml', () => {
  it('has PostgreSQL, the migration, every declared subgraph and the gateway', () => {
    expect(Object.keys(services).sort()).toEqual(['audit', 'content', 'gateway', 'identity', 'migrate', 'postgres'].sort());
    expect(services.postgres!.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(services.migrate!.command).toEqual(['npm', 'run', 'db:migrate']);
    expect(services.migrate!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  it.each(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph] as const))('runs the %s subgraph on its declared port, healthy once ready', (name, subgraph) => {
    const service = services[name]!;
    expect(service.command).toEqual(['npm', 'run', 'serve', '--', name]);
    expect(service.environment?.[`${name.toUpperCase()}_PORT`]).toBe(String(subgraph.defaultPort));
    expect(service.expose).toContain(String(subgraph.defaultPort));
    expect(service.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${subgraph.defaultPort}/ready`);
    expect(service.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      migrate: { condition: 'service_completed_successfully' },
    });
  });

  it('starts the gateway after every subgraph is healthy and points it at them', () => {
    const gateway = services.gateway!;
    expect(gateway.ports).toEqual([`${GATEWAY_DEFAULT_PORT}:${GATEWAY_DEFAULT_PORT}`]);
    expect(gateway.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${GATEWAY_DEFAULT_PORT}/ready`);
    for (const subgraph of SUBGRAPHS) {
      expect(gateway.depends_on?.[subgraph.name]).toEqual({ condition: 'service_healthy' });
      expect(gateway.environment?.[subgraphUrlVariable(subgraph.name)]).toBe(`http://${subgraph.name}:${subgraph.defaultPort}/graphql`);
    }
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
    const environment = services.gateway!.environment!;
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
