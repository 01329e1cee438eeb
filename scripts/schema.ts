// `npm run schema`: writes schema/<subgraph>.graphql and schema/supergraph.graphql from the code.
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { repositoryPath } from '../lib/paths.js';
import { CompositionFailedError, generateSchemaFiles } from './schema-pipeline.js';

try {
  const files = await generateSchemaFiles();
  for (const [file, content] of files) {
    await writeFile(repositoryPath(file), content);
    console.log(`wrote ${file}`);
  }
} catch (error) {
  if (!(error instanceof CompositionFailedError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
