// `npm run bench:limits`: what the operation limits cost per request. Times parse + check
// (gateway/limits/) over every reference operation (documented ones, the authorization
// suite's, GraphiQL's introspection) many times, warm (the document cache and per-document
// counts hit, as for clients repeating their operations) and cold (every request a text
// never seen: parsed, validated by the armor rules and costed from scratch). Prints
// microseconds per request: mean over the mix, and median / p95 per operation.
import { readCommittedSupergraph } from '../gateway/supergraph.js';
import { createOperationLimiter, type OperationLimiter } from '../gateway/limits/operation-limiter.js';
import { referenceOperations, type ReferenceOperation } from '../gateway/limits/reference-operations.js';
import { percentile } from './percentile.js';
import { runMain } from './run-main.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

function run(limiter: OperationLimiter, operation: ReferenceOperation): void {
  const parsed = limiter.parse(operation.query, 'authenticated');
  if (parsed.error) throw parsed.error;
  const { errors } = limiter.check(parsed.document, undefined, operation.variables, 'authenticated');
  if (errors.length > 0) throw new Error(`${operation.source}: ${errors[0].message}`);
}

function measure(label: string, limiter: OperationLimiter, operations: readonly ReferenceOperation[], rounds: number): void {
  // Warm-up: JIT, the API schema's validation, the caches of the warm case.
  for (let round = 0; round < 20; round++) for (const operation of operations) run(limiter, operation);
  const perRequest: number[] = [];
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    for (const operation of operations) {
      const before = performance.now();
      run(limiter, operation);
      perRequest.push((performance.now() - before) * 1000);
    }
  }
  const meanMicros = ((performance.now() - started) * 1000) / (rounds * operations.length);
  perRequest.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(6)} ${meanMicros.toFixed(1).padStart(7)} µs/request mean, median ${percentile(perRequest, 0.5).toFixed(1)} µs, p95 ${percentile(perRequest, 0.95).toFixed(1)} µs (${rounds} × ${operations.length} operations)`,
  );
}

await runMain(async () => {
  const supergraphSdl = readCommittedSupergraph();
  const operations = await referenceOperations();
  measure('warm', createOperationLimiter({ supergraphSdl }), operations, ROUNDS);
  // Cold: no document cache, so each parse makes a new DocumentNode and nothing is reused.
  measure('cold', createOperationLimiter({ supergraphSdl, documentCacheSize: 0 }), operations, Math.max(1, Math.round(ROUNDS / 4)));
  const withoutIntrospection = operations.filter((operation) => !operation.source.includes('introspection'));
  measure('cold*', createOperationLimiter({ supergraphSdl, documentCacheSize: 0 }), withoutIntrospection, Math.max(1, Math.round(ROUNDS / 4)));
  console.log('cold*: the same without the introspection query (one large document of the mix)');
});
