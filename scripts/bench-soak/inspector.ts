// The measured gateway's JavaScript heap for `npm run bench:soak`, read from outside the
// process through the V8 inspector it was started with (`--inspect=127.0.0.1:<port>` in
// NODE_OPTIONS): the gateway has no endpoint of its own that tells its heap, and must not
// grow one for a benchmark. Only Runtime.evaluate and HeapProfiler are used; the debugger is
// never enabled, so the gateway runs its code as it would without an inspector.
import { writeFile } from 'node:fs/promises';

export interface GatewayInspector {
  /** process.memoryUsage() inside the gateway. */
  readonly memoryUsage: () => Promise<NodeJS.MemoryUsage>;
  /** Writes a heap snapshot (Chrome DevTools' .heapsnapshot format) to file. The gateway pauses while it is taken. */
  readonly heapSnapshot: (file: string) => Promise<void>;
  readonly close: () => void;
}

interface InspectorTarget {
  readonly webSocketDebuggerUrl?: string;
}

interface InspectorMessage {
  readonly id?: number;
  readonly method?: string;
  readonly params?: { readonly chunk?: string };
  readonly result?: unknown;
  readonly error?: { readonly message: string };
}

/** Connects to the inspector listening on port (of a process this machine runs). */
export async function connectInspector(port: number): Promise<GatewayInspector> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as InspectorTarget[];
  const url = targets.find((target) => target.webSocketDebuggerUrl)?.webSocketDebuggerUrl;
  if (!url) throw new Error(`the inspector on port ${port} lists no target`);
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error(`could not connect to the inspector at ${url}`)), { once: true });
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  let snapshotChunks: string[] | undefined;
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as InspectorMessage;
    if (message.method === 'HeapProfiler.addHeapSnapshotChunk') {
      snapshotChunks?.push(message.params?.chunk ?? '');
      return;
    }
    const waiting = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id!);
    if (message.error) waiting.reject(new Error(message.error.message));
    else waiting.resolve(message.result);
  });
  socket.addEventListener('close', () => {
    for (const waiting of pending.values()) waiting.reject(new Error('the inspector connection closed'));
    pending.clear();
  });
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve, reject) => {
      if (socket.readyState !== WebSocket.OPEN) return reject(new Error('the inspector connection is closed'));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  return {
    memoryUsage: async () => {
      const evaluated = (await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true })) as { result: { value: string } };
      return JSON.parse(evaluated.result.value) as NodeJS.MemoryUsage;
    },
    heapSnapshot: async (file) => {
      snapshotChunks = [];
      try {
        await call('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
        await writeFile(file, snapshotChunks.join(''));
      } finally {
        snapshotChunks = undefined;
      }
    },
    close: () => socket.close(),
  };
}
