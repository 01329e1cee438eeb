// Whether the console's built copy is fresh (lib/console-build.ts), on a small console of its
// own in a temporary folder (an index.html, a script, a Vite config, a lockfile beside it),
// built with the real Vite: missing before a build, fresh after it, stale when a source, a
// new file, a removed file or the lockfile changes, fresh again after ensureConsoleBuilt.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole, consoleBuildState, consoleSourceHash, ensureConsoleBuilt } from './console-build.js';

let parent: string;
let root: string;

beforeAll(() => {
  parent = mkdtempSync(path.join(tmpdir(), 'atrium-console-build-'));
  root = path.join(parent, 'console');
  mkdirSync(path.join(root, 'src'), { recursive: true });
  writeFileSync(path.join(parent, 'package.json'), '{"type":"module"}\n');
  writeFileSync(path.join(parent, 'package-lock.json'), '{"lockfileVersion":3}\n');
  // No import: the config is read from a folder with no node_modules.
  writeFileSync(path.join(root, 'vite.config.ts'), "export default { root: import.meta.dirname, base: '/console/', logLevel: 'warn' };\n");
  writeFileSync(
    path.join(root, 'index.html'),
    '<!doctype html>\n<html><head><title>t</title><!--console-config--></head><body><div id="root"></div><script type="module" src="/src/main.js"></script></body></html>\n',
  );
  writeFileSync(path.join(root, 'src', 'main.js'), "document.getElementById('root').textContent = 'first';\n");
});

afterAll(() => {
  rmSync(parent, { recursive: true, force: true });
});

const builtScript = () => {
  const assets = path.join(root, 'dist', 'assets');
  const script = readdirSync(assets).find((name) => name.endsWith('.js'));
  return readFileSync(path.join(assets, script!), 'utf8');
};

describe('the console build', () => {
  it('is missing before any build', async () => {
    expect(await consoleBuildState(root)).toBe('missing');
  });

  it('is fresh after a build, which leaves the page, hashed assets and its stamp', async () => {
    await buildConsole(root);
    expect(await consoleBuildState(root)).toBe('fresh');
    const page = readFileSync(path.join(root, 'dist', 'index.html'), 'utf8');
    expect(page).toContain('<!--console-config-->');
    expect(page).toMatch(/src="\/console\/assets\/[\w-]+\.js"/);
    expect(builtScript()).toContain('first');
    expect(JSON.parse(readFileSync(path.join(root, 'dist', 'build-stamp.json'), 'utf8'))).toMatchObject({ sources: await consoleSourceHash(root) });
    // The build's own folder is gone: nothing but dist/ was added.
    expect(readdirSync(root).sort()).toEqual(['dist', 'index.html', 'src', 'vite.config.ts']);
  });

  it('is stale when a source changes, and built again by ensureConsoleBuilt', async () => {
    writeFileSync(path.join(root, 'src', 'main.js'), "document.getElementById('root').textContent = 'second';\n");
    expect(await consoleBuildState(root)).toBe('stale');
    const result = await ensureConsoleBuilt(root);
    expect({ built: result.built, state: result.state }).toEqual({ built: true, state: 'stale' });
    expect(await consoleBuildState(root)).toBe('fresh');
    expect(builtScript()).toContain('second');
  });

  it('is left alone by ensureConsoleBuilt when fresh', async () => {
    const stamp = readFileSync(path.join(root, 'dist', 'build-stamp.json'), 'utf8');
    const result = await ensureConsoleBuilt(root);
    expect({ built: result.built, state: result.state }).toEqual({ built: false, state: 'fresh' });
    expect(readFileSync(path.join(root, 'dist', 'build-stamp.json'), 'utf8')).toBe(stamp);
  });

  it('is stale when a file is added or removed, or the lockfile changes, whatever the times', async () => {
    const fresh = await consoleSourceHash(root);
    const added = path.join(root, 'src', 'extra.css');
    writeFileSync(added, 'body {}\n');
    expect(await consoleBuildState(root)).toBe('stale');
    rmSync(added);
    expect(await consoleBuildState(root)).toBe('fresh');

    const lockfile = path.join(parent, 'package-lock.json');
    const lock = readFileSync(lockfile, 'utf8');
    writeFileSync(lockfile, '{"lockfileVersion":3,"packages":{}}\n');
    expect(await consoleBuildState(root)).toBe('stale');
    writeFileSync(lockfile, lock);
    expect(await consoleSourceHash(root)).toBe(fresh);
  });

  it('does not count what it writes itself (dist/, a build folder, node_modules) as sources', async () => {
    const fresh = await consoleSourceHash(root);
    mkdirSync(path.join(root, '.build-1-2'), { recursive: true });
    writeFileSync(path.join(root, '.build-1-2', 'index.html'), 'half-written');
    mkdirSync(path.join(root, 'node_modules', '.vite'), { recursive: true });
    writeFileSync(path.join(root, 'node_modules', '.vite', 'cache.json'), '{}');
    writeFileSync(path.join(root, 'dist', 'extra.txt'), 'not a source');
    expect(await consoleSourceHash(root)).toBe(fresh);
    expect(await consoleBuildState(root)).toBe('fresh');
    rmSync(path.join(root, '.build-1-2'), { recursive: true });
    rmSync(path.join(root, 'node_modules'), { recursive: true });
  });

  it('is stale when the stamp is unreadable, and missing without the page', async () => {
    const stampPath = path.join(root, 'dist', 'build-stamp.json');
    const stamp = readFileSync(stampPath, 'utf8');
    writeFileSync(stampPath, 'not json');
    expect(await consoleBuildState(root)).toBe('stale');
    writeFileSync(stampPath, stamp);
    rmSync(path.join(root, 'dist', 'index.html'));
    expect(await consoleBuildState(root)).toBe('missing');
    await ensureConsoleBuilt(root);
    expect(existsSync(path.join(root, 'dist', 'index.html'))).toBe(true);
    expect(await consoleBuildState(root)).toBe('fresh');
  });
});
