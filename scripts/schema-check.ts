// `npm run schema:check [--base <git ref or file>]`: fails when composition fails, when the
// committed schema files differ from what the code produces, or when the API has a
// breaking change against the base that is not listed in schema/accepted-breaking-changes.yaml.
import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { repositoryPath } from '../lib/paths.js';
import { SUPERGRAPH_FILE } from '../lib/subgraph-list.js';
import { ACCEPTED_CHANGES_FILE, BaseUnavailableError, CompositionFailedError, findBreakingChanges, generateSchemaFiles, resolveBaseSupergraph, type BaseSupergraph } from './schema-pipeline.js';

const { values } = parseArgs({ options: { base: { type: 'string' } } });
const problems: string[] = [];

let files: Map<string, string>;
try {
  files = await generateSchemaFiles();
} catch (error) {
  if (!(error instanceof CompositionFailedError)) throw error;
  console.error(`schema:check: ${error.message}`);
  process.exit(1);
}

for (const [file, expected] of files) {
  const path = repositoryPath(file);
  const committed = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (committed === undefined) problems.push(`${file} is missing: run \`npm run schema\` and commit it`);
  else if (committed !== expected) problems.push(`${file} differs from what the code produces: run \`npm run schema\` and commit it`);
}

const generatedSupergraph = files.get(SUPERGRAPH_FILE)!;
let base: BaseSupergraph;
try {
  base = resolveBaseSupergraph(values.base, generatedSupergraph);
} catch (error) {
  if (!(error instanceof BaseUnavailableError)) throw error;
  console.error(`schema:check: ${error.message}`);
  process.exit(1);
}
if ('skipped' in base) {
  console.log(`schema:check: breaking-change check skipped: ${base.skipped}`);
} else {
  const changes = await findBreakingChanges(base.sdl, generatedSupergraph);
  for (const change of changes) {
    if (change.acceptedBecause) console.log(`accepted breaking change  ${change.coordinate}  ${change.message}  (${change.acceptedBecause})`);
    else problems.push(`breaking change  ${change.coordinate}  ${change.message}: revert it, or accept it by listing "${change.coordinate}" with a reason in ${ACCEPTED_CHANGES_FILE}`);
  }
  if (changes.some((change) => !change.acceptedBecause)) problems.push(`(breaking changes are found by comparing with ${base.label})`);
}

if (problems.length > 0) {
  console.error(`schema:check failed:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  process.exit(1);
}
console.log(`schema:check: ${files.size} files match the code${'label' in base ? `; no unaccepted breaking change against ${base.label}` : ''}`);
