// A small structured logger: one JSON line per event on stderr. Fields whose names
// look like secrets are replaced before anything is written.
import type { LogLevel } from './config.js';

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const SECRET_FIELD = /pass(word)?|secret|token|authorization|api[-_]?key|cookie/i;

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

function redact(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => {
      if (SECRET_FIELD.test(key)) return [key, '[redacted]'];
      if (value instanceof Error) return [key, { name: value.name, message: value.message, stack: value.stack }];
      return [key, value];
    }),
  );
}

export function createLogger(level: LogLevel, base: Record<string, unknown> = {}, write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  const threshold = LEVELS[level];
  const emit = (eventLevel: Exclude<LogLevel, 'silent'>, message: string, fields: Record<string, unknown> = {}) => {
    if (LEVELS[eventLevel] < threshold) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: eventLevel, ...base, message, ...redact(fields) }));
  };
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    child: (fields) => createLogger(level, { ...base, ...fields }, write),
  };
}
