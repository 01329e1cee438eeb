// Requests in progress, counted per key (the whole gateway, a client address) and each
// released when its response closes, sent or abandoned: what the concurrency caps hold.
// Per process: in-flight counts are about this process's load, which no shared store
// could tell; no library keeps in-flight counts per key.
import type { ServerResponse } from 'node:http';
import { onceSafely } from '../../lib/http-server.js';
import type { Logger } from '../../lib/logger.js';

export interface InFlightCounter {
  /** Holds a place for this response under `key` if fewer than `max` are held; false (nothing held) when full. */
  tryHold(key: string, max: number, response: ServerResponse): boolean;
}

export function createInFlightCounter(logger: Logger, name: string): InFlightCounter {
  const inProgress = new Map<string, number>();
  return {
    tryHold: (key, max, response) => {
      const held = inProgress.get(key) ?? 0;
      if (held >= max) return false;
      inProgress.set(key, held + 1);
      onceSafely(
        response,
        'close',
        (error) => logger.error(`${name} listener failed`, { error }),
        () => {
          const left = (inProgress.get(key) ?? 1) - 1;
          // No entry is kept for a key with nothing in progress: the map stays as small as the load.
          if (left <= 0) inProgress.delete(key);
          else inProgress.set(key, left);
        },
      );
      return true;
    },
  };
}
