// Production runs compiled JavaScript: `npm run build` into a folder laid out as the
// Dockerfile's final stage (its `COPY --from=build` files, package.json, and only the
// production dependencies of package-lock.json), then `npm start` from there with
// NODE_ENV=production on an empty database: the compiled migrations, three subgraphs and
// the gateway, each a plain `node` process (the folder holds no TypeScript), answer a
// health check and queries across two subgraphs, and serve the playground and the console
// (console/dist/, which the build stage builds with Vite) from the image's files. Before any
// of it, each stage's `npm ci` runs the root's postinstall in the files copied so far: it
// must find its script and build nothing (no console sources there, no Vite in production).
import { execFile, type ExecFileException } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { dropDatabase, ensureDatabaseExists, withDatabase } from '../lib/database.js';
import { repositoryPath } from '../lib/paths.js';
import { SUBGRAPHS } from '../lib/subgraph-list.js';
import { bearer } from './identity-seeds.js';
import { dataOf, postGraphQL, type GraphQLRequest } from './testkit.js';
import { runScript, startScript, type RunningScript } from './process.js';

const image = mkdtempSync(path.join(tmpdir(), 'atrium-image-'));
const databaseName = `atrium_test_build_${randomBytes(6).toString('hex')}`;

/** `COPY --from=build /app/<path> ./<path>` of the Dockerfile's final stage: what the image runs besides its dependencies. */
function imageFiles(): string[] {
  const dockerfile = readFileSync(repositoryPath('Dockerfile'), 'utf8');
  const copies = [...dockerfile.matchAll(/^COPY --from=build \/app\/(\S+) \.\/(\S+)$/gm)];
  for (const [line, from, to] of copies) expect(to, line).toBe(from);
  return copies.map(([, from]) => from);
}

/**
 * devDependencies compiled code may name all the same: loaded with import() only on a path
 * production never takes (the test below checks there is no static import of them).
 */
const DEVELOPMENT_ONLY: Readonly<Record<string, { file: string; why: string }>> = {
  vite: { file: 'lib/console-build.js', why: 'builds the console, which npm start does outside production only; the image carries console/dist/' },
};

/** What each stage of the Dockerfile copies before its `npm ci`: [stage's first line, files (from the context, to /app)]. */
function dependencyLayers(): [stage: string, files: [from: string, to: string][]][] {
  const dockerfile = readFileSync(repositoryPath('Dockerfile'), 'utf8');
  return dockerfile
    .split(/^(?=FROM )/m)
    .filter((stage) => stage.startsWith('FROM '))
    .map((stage) => {
      const beforeInstall = stage.slice(0, stage.search(/^RUN npm ci\b/m));
      const files = [...beforeInstall.matchAll(/^COPY (?!--)(.+)$/gm)].flatMap(([, args]) => {
        const parts = args.trim().split(/\s+/);
        const to = parts.pop()!;
        return parts.map((from): [string, string] => [from, to.endsWith('/') ? path.join(to, path.basename(from)) : to]);
      });
      return [stage.split('\n')[0], files];
    });
}

/** `npm run postinstall` (what `npm ci` runs last) in a folder: its exit code and output. */
async function runPostinstall(folder: string, env: Record<string, string>): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '--silent', 'postinstall'], { cwd: folder, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, timeout: 30_000 });
    return { code: 0, output: `${stdout}${stderr}`.trim() };
  } catch (error) {
    const failed = error as ExecFileException & { stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}`.trim() };
  }
}

/** node_modules as `npm ci --omit=dev` leaves it: a link to each installed package package-lock.json does not mark dev. */
function linkProductionDependencies(): void {
  const lock = JSON.parse(readFileSync(repositoryPath('package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  for (const [key, entry] of Object.entries(lock.packages)) {
    const name = key.slice('node_modules/'.length);
    if (!key.startsWith('node_modules/') || name.includes('/node_modules/') || entry.dev) continue;
    // Optional packages for other platforms are in the lock but not installed.
    if (!existsSync(repositoryPath(key))) continue;
    mkdirSync(path.dirname(path.join(image, key)), { recursive: true });
    symlinkSync(repositoryPath(key), path.join(image, key), 'dir');
  }
}

beforeAll(async () => {
  // --noCheck: the same output without the type check (npm run check does that), in a third of the time.
  await promisify(execFile)('npm', ['run', 'build', '--', '--noCheck', '--outDir', path.join(image, 'dist')], { cwd: repositoryPath('.'), timeout: 60_000 });
  for (const file of ['package.json', ...imageFiles().filter((file) => file !== 'dist')]) cpSync(repositoryPath(file), path.join(image, file), { recursive: true });
  linkProductionDependencies();
  await ensureDatabaseExists(inject('postgresAdminUrl'), databaseName);
}, 90_000);

afterAll(async () => {
  await dropDatabase(inject('postgresAdminUrl'), databaseName);
  rmSync(image, { recursive: true, force: true });
});

it("runs the root's postinstall in each stage's dependency layer: it is there, and builds nothing", async () => {
  const layers = dependencyLayers();
  expect(layers.map(([stage]) => stage)).toEqual(['FROM node:24-bookworm-slim AS build', 'FROM node:24-bookworm-slim']);
  for (const [stage, files] of layers) {
    const layer = mkdtempSync(path.join(tmpdir(), 'atrium-layer-'));
    try {
      expect(files.map(([, to]) => to).sort(), stage).toEqual(expect.arrayContaining(['package-lock.json', 'package.json']));
      for (const [from, to] of files) cpSync(repositoryPath(from), path.join(layer, to), { recursive: true });
      // The final stage installs with NODE_ENV=production (its ENV line); the build stage without.
      const result = await runPostinstall(layer, stage.includes(' AS build') ? {} : { NODE_ENV: 'production' });
      expect({ stage, ...result }).toEqual({ stage, code: 0, output: 'atrium: no console sources here, nothing to build' });
    } finally {
      rmSync(layer, { recursive: true, force: true });
    }
  }
});

it('skips the console build, saying why, in a production install of a full checkout (no Vite)', async () => {
  const checkout = mkdtempSync(path.join(tmpdir(), 'atrium-production-install-'));
  try {
    for (const file of ['package.json', 'scripts/postinstall.js', 'console/vite.config.ts', 'console/index.html']) cpSync(repositoryPath(file), path.join(checkout, file));
    const skipped = 'atrium: console not built here (no Vite: a production install serves the copy built with the image)';
    // NODE_ENV=production, and a checkout whose node_modules has no Vite (npm ci --omit=dev).
    expect(await runPostinstall(checkout, { NODE_ENV: 'production' })).toEqual({ code: 0, output: skipped });
    expect(await runPostinstall(checkout, {})).toEqual({ code: 0, output: skipped });
    expect(existsSync(path.join(checkout, 'console', 'dist'))).toBe(false);
  } finally {
    rmSync(checkout, { recursive: true, force: true });
  }
});

it('compiles every module production runs, importing only Node built-ins and production dependencies', () => {
  const { dependencies } = JSON.parse(readFileSync(repositoryPath('package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const compiled = readdirSync(path.join(image, 'dist'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
  expect(compiled).toEqual(expect.arrayContaining(['scripts/start.js', 'scripts/serve.js', 'scripts/migrate.js', ...SUBGRAPHS.map(({ name }) => `subgraphs/${name}/server.js`), 'gateway/server.js']));
  const packages = new Set<string>();
  /** Where each development-only package is imported: [file, whether with a static import]. */
  const developmentImports: [file: string, name: string, statically: boolean][] = [];
  for (const file of compiled) {
    const code = readFileSync(path.join(image, 'dist', file), 'utf8');
    // Static imports, re-exports and import('literal'), as TypeScript's own scanner finds them.
    for (const { fileName: specifier } of ts.preProcessFile(code, true, true).importedFiles) {
      if (specifier.startsWith('.')) continue;
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
      if (name in DEVELOPMENT_ONLY) developmentImports.push([file, name, new RegExp(`\\bfrom\\s*['"]${specifier}['"]`).test(code)]);
      else packages.add(name);
    }
  }
  const outside = [...packages].filter((name) => !name.startsWith('node:') && !builtinModules.includes(name) && !(name in dependencies));
  expect(outside).toEqual([]);
  // A development-only package only ever by import() in the one place that needs it.
  expect(developmentImports).toEqual(Object.entries(DEVELOPMENT_ONLY).map(([name, { file }]) => [file, name, false]));
  // Nothing under test/ or examples/ is part of what production runs.
  expect(compiled.filter((file) => !/^(gateway|lib|scripts|subgraphs)\//.test(file))).toEqual([]);
});

it('runs `npm start` from the compiled files with NODE_ENV=production: migrations, subgraphs and gateway answer', async () => {
  const atrium: RunningScript = startScript(
    'scripts/launch.js',
    ['start'],
    {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATABASE_URL: withDatabase(inject('postgresAdminUrl'), databaseName),
      PRINCIPAL_SIGNING_SECRETS: randomBytes(32).toString('base64url'),
      PORT: '0',
      IDENTITY_PORT: '0',
      CONTENT_PORT: '0',
      AUDIT_PORT: '0',
      LOG_LEVEL: 'info',
    },
    image,
  );
  try {
    await atrium.waitFor('stdout', /Press Ctrl-C to stop\./, 60_000);
    // The empty database got every subgraph's migrations, from the compiled migration classes.
    const migrated = [...atrium.stderr().matchAll(/"message":"migrations applied","schema":"(\w+)"/g)].map(([, schema]) => schema);
    expect(migrated.sort()).toEqual(SUBGRAPHS.map(({ name }) => name).sort());
    const gatewayUrl = /gateway\s+(http:\S+)/.exec(atrium.stdout())![1];
    expect((await fetch(new URL('/ready', gatewayUrl))).status).toBe(200);
    // The playground page and its script, a file the compiled gateway reads from the image's root.
    const page = await (await fetch(new URL('/playground', gatewayUrl))).text();
    const script = /\/playground\/assets\/playground\.[0-9a-f]+\.js/.exec(page)?.[0];
    expect(script, page).toBeDefined();
    expect((await fetch(new URL(script!, gatewayUrl))).status).toBe(200);
    // The console, from the image's console/dist/ (COPY --from=build): its page for a route, with its settings, and its script.
    const consolePage = await fetch(new URL('/console/tokens', gatewayUrl));
    const consoleHtml = await consolePage.text();
    expect({ status: consolePage.status, type: consolePage.headers.get('content-type') }).toEqual({ status: 200, type: 'text/html; charset=utf-8' });
    expect(consoleHtml).toContain('<script id="console-config" type="application/json">');
    const consoleScript = /\/console\/assets\/[\w-]+\.js/.exec(consoleHtml)?.[0];
    expect(consoleScript, consoleHtml).toBeDefined();
    const consoleAsset = await fetch(new URL(consoleScript!, gatewayUrl));
    expect({ status: consoleAsset.status, type: consoleAsset.headers.get('content-type'), cache: consoleAsset.headers.get('cache-control') }).toEqual({
      status: 200,
      type: 'text/javascript; charset=utf-8',
      cache: 'public, max-age=31536000, immutable',
    });
    expect((await consoleAsset.arrayBuffer()).byteLength).toBe(statSync(path.join(image, 'console', 'dist', consoleScript!.slice('/console/'.length))).size);

    const send = async (request: GraphQLRequest) => dataOf(await postGraphQL(gatewayUrl, request), request);
    const email = `build-${randomBytes(4).toString('hex')}@example.com`;
    const { register } = await send({
      query: 'mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }',
      variables: { input: { email, password: `pw-${randomBytes(12).toString('hex')}`, name: 'Build' } },
    });
    const { createWorkspace } = await send({ query: 'mutation { createWorkspace(input: { name: "Compiled" }) { workspace { id } } }', headers: bearer(register.token) });
    const inWorkspace = { ...bearer(register.token), 'x-workspace-id': createWorkspace.workspace.id };
    await send({ query: 'mutation { createContentType(input: { key: "article", name: "Article" }) { contentType { id } } }', headers: inWorkspace });
    // identity and content in one answer, through the compiled gateway.
    const { me, workspace } = await send({ query: '{ me { id email } workspace { name contentTypes { nodes { key } } } }', headers: inWorkspace });
    expect(me).toEqual({ id: register.user.id, email });
    expect(workspace).toEqual({ name: 'Compiled', contentTypes: { nodes: [{ key: 'article' }] } });
  } finally {
    atrium.child.kill('SIGINT');
  }
  expect(await atrium.exited).toBe(0);
}, 90_000);

it('refuses to run production from a build that is missing or older than its sources, naming the command that fixes it', async () => {
  const production = { NODE_ENV: 'production', PRINCIPAL_SIGNING_SECRETS: randomBytes(32).toString('base64url') };
  const changed = path.join(image, 'scripts', 'serve.ts');
  writeFileSync(changed, '// changed after the build\n');
  try {
    const stale = await runScript('scripts/launch.js', ['serve', 'gateway'], production, { cwd: image });
    expect({ code: stale.code, stderr: stale.stderr.trim() }).toEqual({
      code: 1,
      stderr: 'NODE_ENV=production runs the compiled JavaScript in dist/, which is older than its sources (scripts/serve.ts changed since): run `npm run build` again.',
    });
  } finally {
    rmSync(changed);
  }
  const unbuilt = mkdtempSync(path.join(tmpdir(), 'atrium-unbuilt-'));
  try {
    cpSync(path.join(image, 'scripts'), path.join(unbuilt, 'scripts'), { recursive: true });
    const missing = await runScript('scripts/launch.js', ['migrate'], production, { cwd: unbuilt });
    expect({ code: missing.code, stderr: missing.stderr.trim() }).toEqual({
      code: 1,
      stderr: 'NODE_ENV=production runs the compiled JavaScript, and dist/scripts/migrate.js is missing: run `npm run build` first.',
    });
  } finally {
    rmSync(unbuilt, { recursive: true, force: true });
  }
});
