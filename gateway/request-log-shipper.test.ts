// The shipper's timer: whatever goes wrong in a tick, the rejection is caught and logged
// (an unhandled one would end the gateway) and the next tick still comes. A whole batch
// ships without waiting for the timer, and only whole batches do.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '../lib/logger.js';
import { MAX_REQUEST_LOG_BATCH_BYTES, type RequestLogBatch, type RequestLogEntry } from '../lib/request-log.js';
import type { OperationRegistration } from '../lib/schema-usage.js';
import { startRecordingSubgraph, type RecordingSubgraph } from '../test/recording-subgraph.js';
import { RequestLogShipper } from './request-log-shipper.js';

const entry: RequestLogEntry = {
  id: '00000000-0000-4000-8000-000000000001',
  correlationId: 'c-1',
  time: new Date(0).toISOString(),
  credentialKind: null,
  keyId: null,
  userId: null,
  workspaceId: null,
  operationName: null,
  operationType: null,
  rootFields: [],
  outcome: 'OK',
  httpStatus: 200,
  durationMs: 1,
  clientIp: null,
  userAgent: null,
};

/** A port that refuses connections: the address of a server that was listening and has closed. */
async function closedPortUrl(): Promise<string> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

/** Records every line; its first warning throws, the way a broken log sink would. */
function brittleLogger() {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  let warnings = 0;
  const logger: Logger = {
    debug: (message, fields) => lines.push({ level: 'debug', message, fields }),
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => {
      lines.push({ level: 'warn', message, fields });
      warnings += 1;
      if (warnings === 1) throw new Error('log sink broken');
    },
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
    child: () => logger,
  };
  return { logger, lines };
}

let shipper: RequestLogShipper | undefined;
let audit: RecordingSubgraph | undefined;
afterEach(async () => {
  await shipper?.stop();
  shipper = undefined;
  await audit?.close();
  audit = undefined;
});

describe('RequestLogShipper', () => {
  it('logs a failed tick instead of leaving its rejection unhandled, and keeps shipping', async () => {
    const { logger, lines } = brittleLogger();
    shipper = new RequestLogShipper({ auditUrl: await closedPortUrl(), signingSecrets: ['secret'], logger, flushIntervalMs: 5, maxBackoffMs: 5, shutdownTimeoutMs: 0 });
    shipper.record(entry);
    shipper.start();
    await expect.poll(() => lines.find((line) => line.level === 'error')).toMatchObject({ message: 'request log shipping failed unexpectedly; will retry', fields: { reason: 'log sink broken' } });
    // The timer was re-armed: the next tick tries again (and this time its warning goes through).
    await expect.poll(() => lines.filter((line) => line.message === 'request log shipping failed; will retry').length).toBeGreaterThanOrEqual(2);
  });

  it('ships a whole batch as soon as it is waiting, without the timer, and leaves a partial one for the timer or stop', async () => {
    audit = await startRecordingSubgraph('{"stored":0,"expired":0}');
    shipper = new RequestLogShipper({ auditUrl: audit.url, signingSecrets: ['secret'], logger: createLogger('silent'), flushIntervalMs: 3_600_000, batchSize: 3 });
    shipper.start();
    const record = (count: number, from: number) => {
      for (let index = from; index < from + count; index += 1) shipper!.record({ ...entry, correlationId: `c-${index}` });
    };
    const shipped = () => audit!.calls.map((call) => (JSON.parse(call.body) as { entries: RequestLogEntry[] }).entries.map((each) => each.correlationId));

    record(4, 0);
    await expect.poll(shipped).toEqual([['c-0', 'c-1', 'c-2']]);
    // The fourth waits for two more: together they are the next whole batch.
    record(2, 4);
    await expect.poll(() => shipped().flat().length).toBe(6);
    record(1, 6);
    await shipper.stop();
    expect(shipped()).toEqual([['c-0', 'c-1', 'c-2'], ['c-3', 'c-4', 'c-5'], ['c-6']]);
  });

  it('sends an operation of the registry with the first batch that can carry it, and not again; more than a batch holds goes in the next calls', async () => {
    audit = await startRecordingSubgraph('{"stored":0,"expired":0}');
    shipper = new RequestLogShipper({ auditUrl: audit.url, signingSecrets: ['secret'], logger: createLogger('silent'), flushIntervalMs: 3_600_000 });
    const registration = (index: number): OperationRegistration => ({ documentHash: index.toString(16).padStart(64, '0'), operationName: 'Op', operationType: 'query', coordinates: ['Query.me'] });
    const sent = () => audit!.calls.map((call) => JSON.parse(call.body) as RequestLogBatch);

    shipper.record(entry, registration(1));
    shipper.record(entry, registration(1));
    await shipper.flush();
    shipper.record(entry, registration(1));
    await shipper.flush();
    expect(sent().map((batch) => [batch.entries.length, batch.operations?.map((operation) => operation.documentHash)])).toEqual([
      [2, [registration(1).documentHash]],
      [1, undefined],
    ]);

    // 250 new operations with their entries: 200 with the entries, the other 50 in a call of their own.
    for (let index = 2; index < 252; index += 1) shipper.record(entry, registration(index));
    await shipper.flush();
    expect(
      sent()
        .slice(2)
        .map((batch) => [batch.entries.length, batch.operations?.length]),
    ).toEqual([
      [250, 200],
      [0, 50],
    ]);
  });

  it('keeps each call within what audit reads (MAX_REQUEST_LOG_BATCH_BYTES), and drops, counted, an entry too big to send at all', async () => {
    audit = await startRecordingSubgraph('{"stored":0,"expired":0}');
    shipper = new RequestLogShipper({ auditUrl: audit.url, signingSecrets: ['secret'], logger: createLogger('silent'), flushIntervalMs: 3_600_000 });
    // 1,000 entries of about 2 KB: one batch by count, two megabytes of JSON.
    for (let index = 0; index < 1000; index += 1) shipper.record({ ...entry, correlationId: `big-${index}`, userAgent: 'é'.repeat(1000) });
    shipper.record({ ...entry, correlationId: 'huge', rootFields: ['x'.repeat(MAX_REQUEST_LOG_BATCH_BYTES)] });
    // The thousandth entry started a drain of whole batches; then everything left.
    await shipper.flush();
    await shipper.flush();
    const bodies = audit.calls.map((call) => call.body);
    expect(bodies.length).toBeGreaterThanOrEqual(2);
    for (const body of bodies) expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_REQUEST_LOG_BATCH_BYTES);
    const shipped = bodies.flatMap((body) => (JSON.parse(body) as RequestLogBatch).entries.map((each) => each.correlationId));
    expect(shipped).toEqual(Array.from({ length: 1000 }, (_, index) => `big-${index}`));
    expect(shipper.dropped).toBe(1);
  });
});
