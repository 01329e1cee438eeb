// The README's generated parts match the code they describe.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { repositoryPath } from '../lib/paths.js';
import { readmeWithRoles } from '../scripts/readme-roles.js';

it('shows the built-in roles exactly as the code defines them (npm run docs)', () => {
  const readme = readFileSync(repositoryPath('README.md'), 'utf8');
  expect(readme, 'README.md is stale: run npm run docs').toBe(readmeWithRoles(readme));
});

it('opens with the install-and-start and the test commands', () => {
  const opening = readFileSync(repositoryPath('README.md'), 'utf8').split('\n').slice(0, 12).join('\n');
  expect(opening).toContain('npm install && npm start');
  expect(opening).toContain('npm install && npm test');
});
