// A stand-in subgraph that records each call's signed principal header and body and
// answers with fixed data: what the gateway's data source sends, read off the wire.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PRINCIPAL_HEADER } from '../lib/principal-signing.js';

export interface RecordedCall {
  readonly header: string;
  readonly body: string;
}

export interface RecordingSubgraph {
  readonly url: string;
  /** Every call so far, oldest first. */
  readonly calls: RecordedCall[];
  close(): Promise<void>;
}

export async function startRecordingSubgraph(answer: string): Promise<RecordingSubgraph> {
  const calls: RecordedCall[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      calls.push({ header: String(request.headers[PRINCIPAL_HEADER]), body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'application/json' }).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    calls,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
