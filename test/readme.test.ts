// The README's and docs/errors.md's generated parts match the code they describe.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ERROR_GUIDANCE } from '../lib/errors.js';
import { repositoryPath } from '../lib/paths.js';
import { CLIENT_ERROR_HTTP_STATUS, ERRORS_DOC_FILE, errorsMarkdown } from '../scripts/errors-doc.js';
import { readmeGenerated } from '../scripts/readme-sections.js';

it('shows the built-in roles and the operation limits exactly as the code defines them (npm run docs)', () => {
  const readme = readFileSync(repositoryPath('README.md'), 'utf8');
  expect(readme, 'README.md is stale: run npm run docs').toBe(readmeGenerated(readme));
});

it('opens with the install-and-start and the test commands', () => {
  const opening = readFileSync(repositoryPath('README.md'), 'utf8').split('\n').slice(0, 12).join('\n');
  expect(opening).toContain('npm install && npm start');
  expect(opening).toContain('npm install && npm test');
});

it('documents every error code as lib/errors.ts defines it (npm run docs)', () => {
  expect(readFileSync(repositoryPath(ERRORS_DOC_FILE), 'utf8'), `${ERRORS_DOC_FILE} is stale: run npm run docs`).toBe(errorsMarkdown());
});

it('documents every error code the services raise, with the HTTP status they send', () => {
  const sources = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'gateway', 'lib', 'subgraphs'], { cwd: repositoryPath('.'), encoding: 'utf8' })
    .split('\n')
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
  const raised: { file: string; code: string; status?: number }[] = [];
  for (const file of sources) {
    const source = readFileSync(repositoryPath(file), 'utf8');
    for (const [, code] of source.matchAll(/\bcode: (?:ErrorCode\.)?'?([A-Z][A-Z_]+)'?/g)) raised.push({ file, code: code });
    for (const [, status, code] of source.matchAll(/new HttpError\((\d+), (?:ErrorCode\.)?'?([A-Z][A-Z_]+)'?/g)) raised.push({ file, code: code, status: Number(status) });
  }
  // The scan must see the codes it is meant to catch, else it proves nothing.
  expect(raised.map(({ code }) => code)).toEqual(expect.arrayContaining(['UNAUTHENTICATED', 'RATE_LIMITED', 'PAYLOAD_TOO_LARGE', 'SERVICE_UNAVAILABLE']));
  for (const { file, code, status } of raised) {
    expect(ERROR_GUIDANCE, `${code} (raised in ${file}) is missing from ERROR_GUIDANCE`).toHaveProperty(code);
    if (status !== undefined) expect(CLIENT_ERROR_HTTP_STATUS[code as keyof typeof CLIENT_ERROR_HTTP_STATUS], `HTTP status of ${code} in ${file}`).toBe(status);
  }
});
