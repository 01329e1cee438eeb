// `npm run docs`: rewrites the generated parts of README.md from the code.
import { readFileSync, writeFileSync } from 'node:fs';
import { repositoryPath } from '../lib/paths.js';
import { readmeWithRoles } from './readme-roles.js';

const file = repositoryPath('README.md');
writeFileSync(file, readmeWithRoles(readFileSync(file, 'utf8')));
console.log('README.md: roles table written');
