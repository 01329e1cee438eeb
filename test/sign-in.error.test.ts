// Sign-in that holds: tries are reserved before any password is checked, atomically, per
// account and address, per account and per address, so a burst gets no more checks than
// the limit, a stranger's guesses never lock the owner out, and a flood from one address
// is refused while a sign-in from elsewhere goes through. Client addresses come from
// X-Forwarded-For through a gateway that trusts the test's loopback proxy.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignInSettings } from '../subgraphs/identity/sessions/sign-in-settings.js';
import { addressGroup, bucketKey } from '../subgraphs/identity/sessions/sign-in-throttle.js';
import { TEST_SIGN_IN_SETTINGS, errorCodes, postGraphQL, selectRows, startStack, type GraphQLResponse, type TestStack } from './testkit.js';

const SIGN_IN: SignInSettings = {
  ...TEST_SIGN_IN_SETTINGS,
  windowSeconds: 900,
  accountAddressAttempts: 5,
  accountAttempts: 10,
  addressAttempts: 10,
  registerAddressAttempts: 3,
  registerWindowSeconds: 3600,
  // Every try reaches the throttle: these tests are about the counts, not the hashing places
  // (password-hashing.test.ts covers those).
  hashConcurrency: 2,
  hashQueue: 1000,
  hashesPerAddress: 1000,
};

const CREATE_SESSION = 'mutation($input: CreateSessionInput!) { createSession(input: $input) { token } }';
const REGISTER = 'mutation($input: RegisterInput!) { register(input: $input) { token } }';

let stack: TestStack;

beforeAll(async () => {
  // A hash takes a few hundred ms on a busy test machine, and the bursts queue some: no
  // subgraph timeout may turn a slow answer into SUBGRAPH_UNAVAILABLE here.
  // The gateway's cap on requests without a credential per address is lifted for the same reason
  // (rate-limits.error.test.ts covers it): every try of a burst reaches identity's throttle.
  stack = await startStack({ gateway: { trustedProxies: ['127.0.0.1', '::1'], subgraphTimeoutMs: 120_000, anonymousMaxConcurrent: 1000 }, settings: { signIn: SIGN_IN } });
});
afterAll(async () => {
  await stack?.stop();
});

let nextAddress = 1;
/** A client address no other test uses (TEST-NET-3 and benchmarking ranges). */
function freshAddress(): string {
  nextAddress += 1;
  return `198.18.${Math.floor(nextAddress / 250)}.${nextAddress % 250}`;
}

function signIn(email: string, password: string, address: string): Promise<GraphQLResponse> {
  return stack.request({ query: CREATE_SESSION, variables: { input: { email, password } }, headers: { 'x-forwarded-for': address } });
}

function register(email: string, password: string, address: string): Promise<GraphQLResponse> {
  return stack.request({ query: REGISTER, variables: { input: { email, password, name: 'Signer' } }, headers: { 'x-forwarded-for': address } });
}

async function newUser(): Promise<{ email: string; password: string }> {
  const user = { email: `signer-${randomBytes(5).toString('hex')}@example.com`, password: `pw-${randomBytes(12).toString('hex')}` };
  const response = await register(user.email, user.password, freshAddress());
  expect(errorCodes(response), JSON.stringify(response.body)).toEqual([]);
  return user;
}

/** How many tries the database has reserved for `email` from `address`. */
async function reservedTries(email: string, address: string): Promise<number> {
  const rows = await selectRows<{ attempts: number }>(stack.database.url, 'select attempts from identity.sign_in_attempts where bucket = $1', [
    bucketKey('account-address', `${email}\n${addressGroup(address)}`),
  ]);
  return rows[0]?.attempts ?? 0;
}

/** Every answer is a checked wrong password (401-style UNAUTHENTICATED, HTTP 200) or a 429 with Retry-After. */
function tally(responses: GraphQLResponse[]): { checked: number; refused: number } {
  let checked = 0;
  let refused = 0;
  for (const response of responses) {
    const codes = errorCodes(response);
    if (codes[0] === 'UNAUTHENTICATED') {
      checked += 1;
      continue;
    }
    expect(codes, JSON.stringify(response.body)).toEqual(['RATE_LIMITED']);
    expect(response.status).toBe(429);
    const retryAfter = response.body.errors![0].extensions!.retryAfter as number;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(response.headers.get('retry-after')).toBe(String(retryAfter));
    refused += 1;
  }
  return { checked, refused };
}

describe('a burst of wrong passwords at one account from one address', () => {
  it('checks at most the limit, refuses the right password sent inside it, and the owner still signs in from elsewhere at once', async () => {
    const owner = await newUser();
    const attacker = freshAddress();
    const burst = Array.from({ length: 99 }, (_, index) => signIn(owner.email, `wrong-password-${index}`, attacker));
    // The right password goes in once the burst holds every try the address has, while it is still in flight.
    await expect.poll(() => reservedTries(owner.email, attacker), { timeout: 30_000 }).toBeGreaterThanOrEqual(SIGN_IN.accountAddressAttempts);
    const rightPassword = await signIn(owner.email, owner.password, attacker);
    const { checked, refused } = tally(await Promise.all(burst));
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked).toBeLessThanOrEqual(SIGN_IN.accountAddressAttempts);
    expect(refused).toBe(99 - checked);
    expect(rightPassword.status).toBe(429);
    expect(errorCodes(rightPassword)).toEqual(['RATE_LIMITED']);
    expect(rightPassword.body.data ?? null).toBeNull();
    expect(rightPassword.body.errors![0]).toMatchObject({ path: ['createSession'], message: expect.stringMatching(/^Too many sign-in attempts; retry after \d+ s$/) });

    // 100 tries against an account ceiling of 10: only the ≤ 5 the attacker's own limit let
    // through counted against the account, so its owner signs in from another address.
    const fromHome = await signIn(owner.email, owner.password, freshAddress());
    expect(errorCodes(fromHome)).toEqual([]);
    expect(fromHome.body.data?.createSession.token).toMatch(/^ats_/);
  });

  it('starts the count over for that address when its owner signs in there', async () => {
    const owner = await newUser();
    const home = freshAddress();
    for (let index = 0; index < SIGN_IN.accountAddressAttempts - 1; index += 1) {
      expect(errorCodes(await signIn(owner.email, 'mistyped-password', home))).toEqual(['UNAUTHENTICATED']);
    }
    expect(errorCodes(await signIn(owner.email, owner.password, home))).toEqual([]);
    // A fresh budget: every one of the next five is checked (the old count would refuse the second).
    for (let index = 0; index < SIGN_IN.accountAddressAttempts; index += 1) {
      expect(errorCodes(await signIn(owner.email, 'mistyped-again', home))).toEqual(['UNAUTHENTICATED']);
    }
    expect(errorCodes(await signIn(owner.email, owner.password, home))).toEqual(['RATE_LIMITED']);
  });
});

describe('the account ceiling', () => {
  it('holds against a parallel burst from many addresses, each within its own limit', async () => {
    const owner = await newUser();
    const responses = await Promise.all(Array.from({ length: 40 }, (_, index) => signIn(owner.email, `guess-${index}`, freshAddress())));
    const { checked } = tally(responses);
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked).toBeLessThanOrEqual(SIGN_IN.accountAttempts);
  });
});

describe('a flood of unknown emails from one address', () => {
  it('gets 429s past the address limit, and a sign-in from another address completes', async () => {
    const owner = await newUser();
    const flooder = freshAddress();
    const flood = Array.from({ length: 200 }, (_, index) => signIn(`nobody-${index}-${randomBytes(3).toString('hex')}@example.com`, 'not-the-password', flooder));
    const meanwhile = await signIn(owner.email, owner.password, freshAddress());
    expect(errorCodes(meanwhile)).toEqual([]);
    const { checked, refused } = tally(await Promise.all(flood));
    expect(checked).toBeLessThanOrEqual(SIGN_IN.addressAttempts);
    expect(refused).toBeGreaterThanOrEqual(200 - SIGN_IN.addressAttempts);
  });
});

describe('register', () => {
  it('is limited per client address, in parallel too', async () => {
    const address = freshAddress();
    const responses = await Promise.all(Array.from({ length: 8 }, () => register(`new-${randomBytes(5).toString('hex')}@example.com`, `pw-${randomBytes(12).toString('hex')}`, address)));
    const registered = responses.filter((response) => errorCodes(response).length === 0);
    expect(registered).toHaveLength(SIGN_IN.registerAddressAttempts);
    tally(responses.filter((response) => errorCodes(response).length > 0));
    expect(errorCodes(await register(`elsewhere-${randomBytes(5).toString('hex')}@example.com`, `pw-${randomBytes(12).toString('hex')}`, freshAddress()))).toEqual([]);
  });
});

describe('the client address', () => {
  it('is the one the gateway read, so a client cannot spread its tries over made-up X-Forwarded-For addresses', async () => {
    const owner = await newUser();
    // A gateway that trusts no proxy: X-Forwarded-For is the client's own claim and ignored.
    const direct = await stack.startGateway({ trustedProxies: [] });
    try {
      const tries: GraphQLResponse[] = [];
      for (let index = 0; index <= SIGN_IN.accountAddressAttempts; index += 1) {
        tries.push(await postGraphQL(direct.url, { query: CREATE_SESSION, variables: { input: { email: owner.email, password: 'spoofed-guess' } }, headers: { 'x-forwarded-for': freshAddress() } }));
      }
      expect(tries.map((response) => errorCodes(response)[0])).toEqual([...Array<string>(SIGN_IN.accountAddressAttempts).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
    } finally {
      await direct.stop();
    }
  });
});
