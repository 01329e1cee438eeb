// The reads of the hot operations (the benchmark's queries, request logs listed with each
// filter, items of a big type) reach the rows of the tables that grow through an index
// condition that narrows them (a workspace, a key, an outcome, a value), never by a
// sequential scan: each read is explained as PostgreSQL plans it over request logs and items
// filled to the benchmark's sizes, with sequential scans allowed (scripts/bench-peers/).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../lib/logger.js';
import { fillGrowingTables } from '../scripts/bench-peers/growing-tables.js';
import { explainOperations, hotOperations, readsGrowingTable, scanProblem, startRecordingStack, type ExplainedOperation, type RecordingStack } from '../scripts/bench-peers/query-plans.js';
import { seedBenchWorkspace } from '../scripts/bench-peers/workload.js';
import { createTestDatabase, type TestDatabase } from './testkit.js';

let database: TestDatabase;
let stack: RecordingStack;
let explained: ExplainedOperation[];

beforeAll(async () => {
  database = await createTestDatabase();
  stack = await startRecordingStack(database.url, [randomBytes(32).toString('base64url')], createLogger('silent'));
  const workspace = await seedBenchWorkspace(stack.gatewayUrl);
  await fillGrowingTables(stack.gatewayUrl, database.url, workspace);
  explained = await explainOperations(stack, database.url, workspace, hotOperations(workspace), false);
});
afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

/** Each operation's reads of the growing tables, as `operation: scan`. */
function growingScans(operations: readonly ExplainedOperation[]) {
  return operations.flatMap(({ operation, statements }) => statements.flatMap((statement) => statement.scans.filter(readsGrowingTable).map((scan) => ({ operation: operation.name, scan }))));
}

it('reads request logs and items only through index conditions that narrow them, never by a sequential scan', () => {
  const problems = growingScans(explained).flatMap(({ operation, scan }) => {
    const problem = scanProblem(scan);
    return problem ? [`${operation}: ${problem}`] : [];
  });
  expect(problems).toEqual([]);
  // Not true of nothing: every request-log and item operation read its growing table.
  const reading = new Set(growingScans(explained).map(({ operation }) => operation));
  const expected = explained.map(({ operation }) => operation.name).filter((name) => /^(requestLogs|ApiKey\.requestLogs|items|20 items)/.test(name));
  expect(expected.length).toBeGreaterThanOrEqual(10);
  expect(expected.filter((name) => !reading.has(name))).toEqual([]);
});

it('finds a rare outcome among the request logs through the outcomes index, in every day partition', () => {
  const rare = explained.filter(({ operation }) => operation.name === 'requestLogs, a rare outcome');
  const scans = growingScans(rare);
  // The list and its count, each over the two days the last 24 hours span.
  expect(scans.length).toBeGreaterThanOrEqual(2);
  for (const { scan } of scans) expect(scan.indexConditions.join(' and '), `${scan.nodeType} on ${scan.relation}`).toContain('string_to_array(outcome');
});
