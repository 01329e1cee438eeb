import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, readBody, sendJson, type RunningServer } from './http-server.js';

// A body over the limit is answered 413, and the client reads that answer even while it is
// still sending: the refused body is drained (up to REFUSED_BODY_DRAIN_LIMIT) before the
// answer closes the connection, instead of the socket being closed with data unread, which
// a client sees as a connection reset.
describe('readBody over the limit', () => {
  let server: RunningServer;
  let url: string;
  /** Whether the refused request's body had been read to its end when the refusal was answered. */
  const drainedWhenRefused: boolean[] = [];
  beforeAll(async () => {
    server = await listen({
      port: 0,
      host: '127.0.0.1',
      handler: async (request, response) => {
        try {
          const body = await readBody(request, 1024);
          sendJson(response, 200, { bytes: body.length });
        } catch (error) {
          drainedWhenRefused.push(request.complete);
          throw error;
        }
      },
    });
    url = server.url;
  });
  afterAll(() => server.stop());

  it('reads a body within the limit', async () => {
    const response = await fetch(url, { method: 'POST', body: 'x'.repeat(1024) });
    expect(await response.json()).toEqual({ bytes: 1024 });
  });

  it.each([
    ['declared (content-length)', () => 'x'.repeat(24 * 1024 * 1024)],
    [
      'streamed (chunked, no length)',
      () =>
        new ReadableStream({
          start(controller) {
            const chunk = new TextEncoder().encode('y'.repeat(1024 * 1024));
            for (let index = 0; index < 24; index += 1) controller.enqueue(chunk);
            controller.close();
          },
        }),
    ],
  ])('answers 413 to a 24 MiB body %s once it is read to its end, and serves the next request', async (_kind, body) => {
    drainedWhenRefused.length = 0;
    const response = await fetch(url, { method: 'POST', body: body(), duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    // Drained, not closed with data unread (which a client may see as a reset, its 413 lost).
    expect(drainedWhenRefused).toEqual([true]);
    expect((await fetch(url, { method: 'POST', body: 'ok' })).status).toBe(200);
  });
});
