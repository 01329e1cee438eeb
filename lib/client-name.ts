// What a client name and a client version may be, in one place: the gateway records each
// request under a client (schema usage), named by Apollo's `apollographql-client-name` /
// `apollographql-client-version` headers or else by the `client` its API key was created
// with. Headers never fail a request (a bad one counts as absent); a key's input is refused
// with BAD_USER_INPUT. Both sources share these rules so a name reads the same from either.
//
// ASCII only: a header carries Latin-1 at most, so a key's name must be one a client could
// also send; and a short, printable set keeps control characters and look-alikes out of the
// usage lists and the logs.
import type { FieldProblem } from './errors.js';

export const CLIENT_NAME_MAX_LENGTH = 64;
export const CLIENT_VERSION_MAX_LENGTH = 32;

/** `web`, `ios-app`, `@acme/dashboard`, `Partner Portal`, `acme:billing`. */
const CLIENT_NAME = new RegExp(`^[A-Za-z0-9._\\- /@:]{1,${CLIENT_NAME_MAX_LENGTH}}$`);
/** `1.4.2`, `2024-06-01`, `1.0.0-rc.1+build.7`. */
const CLIENT_VERSION = new RegExp(`^[A-Za-z0-9._+-]{1,${CLIENT_VERSION_MAX_LENGTH}}$`);

function normalize(value: unknown, pattern: RegExp): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return pattern.test(trimmed) ? trimmed : null;
}

/** The trimmed client name, or null when the value is absent, not a string, empty or not a valid name. */
export function normalizeClientName(value: unknown): string | null {
  return normalize(value, CLIENT_NAME);
}

/** The trimmed client version, or null when the value is absent, not a string, empty or not a valid version. */
export function normalizeClientVersion(value: unknown): string | null {
  return normalize(value, CLIENT_VERSION);
}

/**
 * What is wrong with a client name given in a mutation's input, for invalidInput (one
 * BAD_USER_INPUT listing every problem); undefined when it is valid or means "no client"
 * (absent, null, empty or blank). Store `normalizeClientName(value)` once it passes.
 */
export function clientNameProblem(value: string | null | undefined, field = 'client'): FieldProblem | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  if (normalizeClientName(value) !== null) return undefined;
  if (value.trim().length > CLIENT_NAME_MAX_LENGTH) return { field, reason: `must be at most ${CLIENT_NAME_MAX_LENGTH} characters` };
  return { field, reason: 'may contain only letters (A-Z, a-z), digits, spaces and . - _ / @ :' };
}
