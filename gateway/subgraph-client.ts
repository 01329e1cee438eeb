// The HTTP client the gateway calls its subgraphs with: node:http over a keep-alive pool,
// one POST per subgraph fetch, the answer read whole as text. Node's fetch (undici) with
// its WHATWG Request, Headers and body streams was about a quarter of the gateway's own CPU
// under load; a subgraph call needs none of that. It fails the way fetch fails, so that
// gateway/subgraph-timeouts.ts reads both alike: with a TimeoutError DOMException past the
// deadline (AbortSignal.timeout's reason), with the signal's reason when the client hangs
// up, with TypeError('fetch failed') when there is no answer (refused, reset) and
// TypeError('terminated') when the answer is cut mid-body. The deadline is a plain timer
// rather than AbortSignal.timeout combined with the client's signal by AbortSignal.any:
// those two were ~4 % of the gateway's CPU.
import http, { type ClientRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';

/** A subgraph's whole answer. */
export interface SubgraphAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface SubgraphCallLimits {
  /** The whole call's deadline, the answer's body included. */
  readonly timeoutMs: number;
  /** The client's hang-up, when there is a client. */
  readonly signal?: AbortSignal;
}

export interface SubgraphClient {
  post(url: URL, headers: OutgoingHttpHeaders, body: string, limits: SubgraphCallLimits): Promise<SubgraphAnswer>;
  /** Closes the pooled connections (the gateway's stop). */
  close(): void;
}

/** The errors of writing to a connection the other side has closed. */
function isClosedConnection(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED';
}

export function createSubgraphClient(): SubgraphClient {
  // Free sockets are unref'd by the agent: an idle pool never keeps the process alive.
  const agents = { 'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo' }), 'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo' }) };
  return {
    post: (url, headers, body, { timeoutMs, signal }) =>
      new Promise<SubgraphAnswer>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason as Error);
        const secure = url.protocol === 'https:';
        let settled = false;
        let answered = false;
        let outgoing: ClientRequest | undefined;
        const settle = () => {
          settled = true;
          clearTimeout(deadline);
          signal?.removeEventListener('abort', onAbort);
        };
        /** Ends the call with `reason` as it is (the deadline, the hang-up) or, for a network error, as fetch words it. */
        const fail = (error: unknown, reason?: Error) => {
          if (settled) return;
          settle();
          outgoing?.destroy();
          reject(reason ?? new TypeError(answered ? 'terminated' : 'fetch failed', { cause: error }));
        };
        const onAbort = () => fail(undefined, signal?.reason as Error);
        const deadline = setTimeout(() => fail(undefined, new DOMException('The operation was aborted due to timeout', 'TimeoutError')), timeoutMs);
        // As AbortSignal.timeout's: a pending deadline alone never keeps the process alive.
        deadline.unref();
        /**
         * A pooled connection the subgraph closed while it sat idle (its keep-alive timeout)
         * fails as soon as it is written to, before any answer: the subgraph never read the
         * call, so it goes again once on a new connection (Node's documented remedy, see
         * `request.reusedSocket`; undici does the same). The body keeps its signed nonce, so a
         * call that was read after all is refused as a replay, never run twice.
         */
        const send = (retried: boolean) => {
          try {
            const request = (secure ? https : http).request(
              url,
              { method: 'POST', agent: secure ? agents['https:'] : agents['http:'], headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
              (incoming) => {
                answered = true;
                let text = '';
                incoming.setEncoding('utf8');
                incoming.on('data', (chunk: string) => {
                  text += chunk;
                });
                incoming.once('error', (error) => fail(error));
                incoming.once('end', () => {
                  if (settled) return;
                  settle();
                  resolve({ status: incoming.statusCode ?? 0, statusText: incoming.statusMessage ?? '', headers: incoming.headers, body: text });
                });
                // A connection closed before the end of the body: 'end' never comes.
                incoming.once('close', () => fail(new Error('connection closed before the answer was complete')));
              },
            );
            outgoing = request;
            request.once('error', (error) => {
              if (!retried && !answered && !settled && request.reusedSocket && isClosedConnection(error)) return send(true);
              fail(error);
            });
            request.end(body);
          } catch (error) {
            // Refused before anything was sent (a header value HTTP cannot carry): that error, as fetch's own would be.
            settle();
            return reject(error instanceof Error ? error : new Error(String(error)));
          }
        };
        send(false);
        if (!settled) signal?.addEventListener('abort', onAbort, { once: true });
      }),
    close: () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
