// `npm run docs`: rewrites the generated parts of README.md and docs/errors.md from the code.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repositoryPath } from '../lib/paths.js';
import { ERRORS_DOC_FILE, errorsMarkdown } from './errors-doc.js';
import { readmeGenerated } from './readme-sections.js';

const readme = repositoryPath('README.md');
writeFileSync(readme, readmeGenerated(readFileSync(readme, 'utf8')));
console.log('README.md: roles and limits tables written');

const errors = repositoryPath(ERRORS_DOC_FILE);
mkdirSync(path.dirname(errors), { recursive: true });
writeFileSync(errors, errorsMarkdown());
console.log(`${ERRORS_DOC_FILE}: error codes written`);
