// Correlation ids: the client's when it is well-formed, a new one otherwise. They end
// up in logs and response headers, so anything else is replaced, never echoed back.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function correlationIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && CORRELATION_ID.test(value) ? value : randomUUID();
}

const correlationStore = new AsyncLocalStorage<string>();

/** Runs a request's work with its correlation id visible to error formatting and logs. */
export function withCorrelationId<T>(correlationId: string, work: () => Promise<T>): Promise<T> {
  return correlationStore.run(correlationId, work);
}

export function currentCorrelationId(): string | undefined {
  return correlationStore.getStore();
}
