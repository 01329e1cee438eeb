// docker-compose.yml cannot run here (no Docker engine); this test keeps it honest: its
// services, ports, health checks, start order and environment match the declared
// subgraph list and the configuration the code reads.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../lib/config.js';
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
      expect(() => loadConfig(environment), `${name}'s environment is not a valid configuration`).not.toThrow();
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
});
