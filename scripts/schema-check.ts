// `npm run schema:check [--base <git ref, file, production or registry:<tag>>] [--usage <source> [--window 30d] [--workspace <id>]]`:
// fails when composition fails, when the committed schema files differ from what the code
// produces, or when the API has a breaking change against the base that is not listed in
// schema/accepted-breaking-changes.yaml. With --usage (a gateway URL or a PostgreSQL URL,
// scripts/usage-source.ts), a breaking change no operation touched in the window is safe:
// printed, not failing; one that some operation touched fails naming the operations and
// their clients. `--base production` compares with the API schema last published with
// `npm run schema:publish` under that tag, read from the --usage source.
import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { repositoryPath } from '../lib/paths.js';
import { SUPERGRAPH_FILE } from '../lib/subgraph-list.js';
import { describeWindow, parseWindow, usageLines, usageVerdict, type UsageWindow } from './breaking-change-usage.js';
import {
  ACCEPTED_CHANGES_FILE,
  BaseUnavailableError,
  CompositionFailedError,
  findBreakingChanges,
  generateSchemaFiles,
  resolveBaseSupergraph,
  type BaseSupergraph,
  type BreakingChange,
} from './schema-pipeline.js';
import { assertSchemaTag } from './schema-registry.js';
import { UsageSourceError, openUsageSource, type UsageRead, type UsageSource } from './usage-source.js';

/** The root types: every operation touches one. */
const ROOT_TYPES = ['Query', 'Mutation'];

/** One line on stderr, exit 1: for what stops the check before it can say anything else. */
class CheckRefused extends Error {}

/** The registry tag a --base names (`production`, `registry:<tag>`), or undefined for a git ref or file. */
function registryTagOf(base: string | undefined): string | undefined {
  if (base === 'production') return 'production';
  if (base?.startsWith('registry:')) return assertSchemaTag(base.slice('registry:'.length));
  return undefined;
}

function readArguments() {
  let values: { base?: string; usage?: string; window?: string; workspace?: string };
  try {
    ({ values } = parseArgs({ options: { base: { type: 'string' }, usage: { type: 'string' }, window: { type: 'string' }, workspace: { type: 'string' } } }));
  } catch (error) {
    throw new CheckRefused(
      `${(error as Error).message}\nusage: npm run schema:check -- [--base <git ref|file|production|registry:<tag>>] [--usage <gateway URL|postgres URL|DATABASE_URL> [--window 30d] [--workspace <id>]]`,
    );
  }
  for (const option of ['window', 'workspace'] as const) {
    if (values[option] !== undefined && values.usage === undefined) throw new CheckRefused(`--${option} says how to read usage: it needs --usage <gateway URL or DATABASE_URL>`);
  }
  let window: UsageWindow;
  let registryTag: string | undefined;
  try {
    window = parseWindow(values.window ?? '30d');
    registryTag = registryTagOf(values.base);
  } catch (error) {
    throw new CheckRefused((error as Error).message);
  }
  if (registryTag !== undefined && values.usage === undefined) {
    throw new CheckRefused(`--base ${values.base} is the schema last published under the tag ${registryTag}, read from the usage source: add --usage <gateway URL or DATABASE_URL>`);
  }
  return { ...values, window, registryTag };
}

async function main(): Promise<number> {
  const options = readArguments();
  const problems: string[] = [];

  let source: UsageSource | undefined;
  try {
    if (options.usage !== undefined) source = await openUsageSource(options.usage, { workspaceId: options.workspace });
    // A published base is read first: a tag never published fails before the schema is generated.
    const published = options.registryTag === undefined ? undefined : await publishedBase(options.base!, options.registryTag, source!);
    let files: Map<string, string>;
    try {
      files = await generateSchemaFiles();
    } catch (error) {
      if (!(error instanceof CompositionFailedError)) throw error;
      throw new CheckRefused(error.message);
    }
    for (const [file, expected] of files) {
      const path = repositoryPath(file);
      const committed = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      if (committed === undefined) problems.push(`${file} is missing: run \`npm run schema\` and commit it`);
      else if (committed !== expected) problems.push(`${file} differs from what the code produces: run \`npm run schema\` and commit it`);
    }
    const generatedSupergraph = files.get(SUPERGRAPH_FILE)!;

    const base = published ?? gitBase(options.base, generatedSupergraph);
    let summary = `${files.size} files match the code`;
    if ('skipped' in base) {
      console.log(`schema:check: breaking-change check skipped: ${base.skipped}`);
    } else {
      const changes = await findBreakingChanges(base.sdl, generatedSupergraph);
      const before = problems.length;
      const safe = await judgeChanges(changes, source, options.window, problems);
      if (problems.length > before) problems.push(`(breaking changes are found by comparing with ${base.label})`);
      summary += `; no unaccepted breaking change against ${base.label}`;
      if (safe > 0) summary += ` that a client used in the last ${describeWindow(options.window)}`;
    }
    if (problems.length > 0) {
      console.error(`schema:check failed:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
      return 1;
    }
    console.log(`schema:check: ${summary}`);
    return 0;
  } finally {
    await source?.close();
  }
}

function gitBase(base: string | undefined, generatedSupergraph: string): BaseSupergraph {
  try {
    return resolveBaseSupergraph(base, generatedSupergraph);
  } catch (error) {
    if (error instanceof BaseUnavailableError) throw new CheckRefused(error.message);
    throw error;
  }
}

async function publishedBase(base: string, tag: string, source: UsageSource): Promise<BaseSupergraph> {
  const published = await source.latestPublished(tag);
  if (!published) throw new CheckRefused(`--base ${base}: no schema has been published with the tag ${tag} in ${source.label}; the deploy publishes it (npm run schema:publish -- --tag ${tag})`);
  const commit = published.gitCommit ? `commit ${published.gitCommit.slice(0, 12)}, ` : '';
  return { label: `${tag} (${commit}published ${published.publishedAt.toISOString()})`, sdl: published.apiSchema };
}

/**
 * Prints the accepted and safe changes and adds a problem for each one that fails; returns
 * how many were safe. Without a usage source every unaccepted change fails; a source that
 * cannot answer fails the check with its reason (and each change fails as without one).
 */
async function judgeChanges(changes: readonly BreakingChange[], source: UsageSource | undefined, window: UsageWindow, problems: string[]): Promise<number> {
  const fix = (change: BreakingChange) => `revert it, or accept it by listing "${change.coordinate}" with a reason in ${ACCEPTED_CHANGES_FILE}`;
  const open = changes.filter((change) => !change.acceptedBecause);
  for (const change of changes) {
    if (change.acceptedBecause) console.log(`accepted breaking change  ${change.coordinate}  ${change.message}  (${change.acceptedBecause})`);
  }
  let read: UsageRead | undefined;
  if (source) {
    const to = new Date();
    const from = new Date(to.getTime() - window.milliseconds);
    try {
      // Read even with nothing to look up: a key or URL that no longer works fails today, not on the day a change needs it.
      read = await source.read([...new Set([...open.flatMap((change) => change.usageCoordinates), ...ROOT_TYPES])], { from, to });
      if (read.workspaceOnly) {
        console.error(
          `schema:check: warning: usage counts only ${read.scope.replace(/ only$/, '')}'s traffic (SchemaUsageScope WORKSPACE): a key with audit:read in the operator workspace (OPERATOR_WORKSPACE_ID) reads the whole deployment's`,
        );
      }
    } catch (error) {
      if (!(error instanceof UsageSourceError)) throw error;
      problems.push(`${error.message}: the check cannot tell which breaking changes no client uses, so each fails`);
    }
  }
  const within = `in the last ${describeWindow(window)}`;
  // Every operation touches its root type: none recorded means no usage was recorded at all
  // (usage recording off, a gateway nobody calls, the wrong database), not that no client
  // uses anything; nothing can be safe then.
  const recorded = read?.usage;
  if (read && recorded && ROOT_TYPES.every((root) => (recorded.get(root)?.requests ?? 0) === 0)) {
    problems.push(
      `no request at all was recorded ${within} (${read.scope}): is this the production usage source, and does its gateway record usage (SCHEMA_USAGE)? Without usage no breaking change can be judged safe, so each fails`,
    );
    read = undefined;
  }
  let safe = 0;
  for (const change of open) {
    if (!read) {
      problems.push(`breaking change  ${change.coordinate}  ${change.message}: ${fix(change)}`);
      continue;
    }
    const verdict = usageVerdict(change.usageCoordinates, read.usage);
    if (verdict.kind === 'safe') {
      safe += 1;
      console.log(`safe breaking change  ${change.coordinate}  ${change.message}  (no operation touched ${change.usageCoordinates.join(' or ')} ${within}: ${read.scope})`);
    } else if (verdict.kind === 'unknown') {
      problems.push(`breaking change  ${change.coordinate}  ${change.message} (usage cannot tell whether a client depends on it): ${fix(change)}`);
    } else {
      const { usage } = verdict;
      const count = usage.operations.length;
      problems.push(
        `breaking change  ${change.coordinate}  ${change.message}: ${count} operation${count === 1 ? '' : 's'} used ${change.usageCoordinates.join(' or ')} ${within} (${read.scope}; ${usage.requests} requests, last seen ${usage.lastSeen?.toISOString() ?? 'unknown'}):\n` +
          usageLines(usage)
            .map((line) => `      ${line}\n`)
            .join('') +
          `    ${fix(change)}`,
      );
    }
  }
  return safe;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CheckRefused || error instanceof UsageSourceError) console.error(`schema:check: ${error.message}`);
    else console.error(`schema:check failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
