// requestLogVolume counts what requestLogs lists, per minute, hour or day: the requests a
// client made and how many failed, every bucket of the range present (zeros included), with
// the same visibility as requestLogs (your own requests; everyone's with audit:read; only
// your own again with `mine`), and a hostile range or interval refused with a clear error.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { bearer, createUserKey, createWorkspaceAs, signUp, type CreatedKey } from './identity-seeds.js';
import { startStack, type TestStack } from './testkit.js';

const VOLUME = 'query($f: RequestLogFilter, $i: VolumeInterval, $z: String) { requestLogVolume(filter: $f, interval: $i, timeZone: $z) { start requests errors } }';
const HOUR_MS = 3_600_000;

interface Bucket {
  start: string;
  requests: number;
  errors: number;
}

let stack: TestStack;
let workspaceId: string;
/** audit:read (the owner's key). */
let auditor: CreatedKey;
/** keys:read only (a colleague's key): sees only the colleague's requests. */
let member: CreatedKey;
let from: string;
/** After the seeded requests were stored: a range that ends here holds exactly them (and the polling). */
let until: string;

async function volume(key: CreatedKey, variables: Record<string, unknown> = {}) {
  return stack.request<{ requestLogVolume: Bucket[] | null }>({ query: VOLUME, variables, headers: { 'x-api-key': key.secret } });
}

function totals(buckets: readonly Bucket[]): { requests: number; errors: number } {
  return { requests: buckets.reduce((sum, bucket) => sum + bucket.requests, 0), errors: buckets.reduce((sum, bucket) => sum + bucket.errors, 0) };
}

beforeAll(async () => {
  stack = await startStack({ gateway: { requestLogFlushMs: 50 } });
  const owner = await signUp(stack, 'Owner');
  workspaceId = await createWorkspaceAs(stack, owner.token);
  const ownerHeaders = { ...bearer(owner.token), 'x-workspace-id': workspaceId };
  // A role without audit:read (every built-in role has it): its members see only their own requests.
  const role = await stack.query({
    query: 'mutation { createRole(input: { key: "developer", name: "Developer", permissions: [WORKSPACES_READ, KEYS_READ, KEYS_WRITE] }) { role { id } } }',
    headers: ownerHeaders,
  });
  const colleague = await signUp(stack, 'Colleague');
  await stack.query({
    query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }',
    variables: { input: { email: colleague.email, roleId: role.createRole.role.id } },
    headers: ownerHeaders,
  });
  from = new Date(Date.now() - 60_000).toISOString();
  auditor = await createUserKey(stack, owner.token, { scopes: ['workspaces:read', 'audit:read', 'keys:read'], workspaceIds: [workspaceId] });
  member = await createUserKey(stack, colleague.token, { scopes: ['workspaces:read', 'keys:read'], workspaceIds: [workspaceId] });
  const call = (key: CreatedKey, query: string) => stack.request({ query, headers: { 'x-api-key': key.secret } });
  // The colleague: three requests, one refused (members needs members:read); the owner: two, one refused.
  await call(member, 'query Counted { workspace { id } }');
  await call(member, 'query Counted { workspace { id } }');
  await call(member, 'query Refused { members { totalCount } }');
  await call(auditor, 'query Counted { workspace { id } }');
  await call(auditor, 'query Broken { workspace { id notAField } }');
  // Shipped in the background: wait until the five are stored.
  const stored = async () => {
    const data = await stack.query({
      query: `{ counted: requestLogs(filter: { operationName: "Counted" }) { totalCount } refused: requestLogs(filter: { operationName: "Refused" }) { totalCount }
                broken: requestLogs(filter: { operationName: "Broken" }) { totalCount } }`,
      headers: { 'x-api-key': auditor.secret },
    });
    return [data.counted.totalCount, data.refused.totalCount, data.broken.totalCount];
  };
  // vi.waitFor rather than expect.poll: this is beforeAll.
  await vi.waitFor(async () => expect(await stored()).toEqual([3, 1, 1]), { timeout: 10_000, interval: 50 });
  until = new Date().toISOString();
});
afterAll(async () => {
  await stack?.stop();
});

it('counts the requests made and the failed ones, per minute, in one continuous run of buckets', async () => {
  const response = await volume(auditor, { f: { createdAfter: from, createdBefore: until, operationName: 'Counted' }, i: 'MINUTE' });
  expect(response.body.errors).toBeUndefined();
  const buckets = response.body.data!.requestLogVolume!;
  expect(totals(buckets)).toEqual({ requests: 3, errors: 0 });
  // Every minute from createdAfter to now, one after the other, oldest first.
  const starts = buckets.map((bucket) => Date.parse(bucket.start));
  expect(starts[0]).toBeLessThanOrEqual(Date.parse(from));
  expect(starts[0]).toBeGreaterThan(Date.parse(from) - 60_000);
  for (let index = 1; index < starts.length; index++) expect(starts[index] - starts[index - 1]).toBe(60_000);
  expect(starts.at(-1)).toBeLessThan(Date.parse(until));
  expect(buckets.length).toBeGreaterThanOrEqual(2);

  // Errors are the outcomes other than OK: a refused field and an invalid document.
  const everything = (await volume(auditor, { f: { createdAfter: from }, i: 'MINUTE' })).body.data!.requestLogVolume!;
  expect(totals(everything).requests).toBeGreaterThanOrEqual(5);
  const failing = (await volume(auditor, { f: { createdAfter: from, createdBefore: until, operationName: 'Refused' } })).body.data!.requestLogVolume!;
  expect(totals(failing)).toEqual({ requests: 1, errors: 1 });
  const invalid = (await volume(auditor, { f: { createdAfter: from, createdBefore: until, operationName: 'Broken' } })).body.data!.requestLogVolume!;
  expect(totals(invalid)).toEqual({ requests: 1, errors: 1 });
  // The outcome filter counts as requestLogs filters.
  const refused = (await volume(auditor, { f: { createdAfter: from, createdBefore: until, outcome: 'INSUFFICIENT_SCOPE' } })).body.data!.requestLogVolume!;
  expect(totals(refused)).toEqual({ requests: 1, errors: 1 });
});

it('fills empty buckets with zeros and follows the time zone asked for', async () => {
  // The last 24 hours by default, by the hour when no interval is given.
  const day = (await volume(auditor)).body.data!.requestLogVolume!;
  expect(day.length).toBeGreaterThanOrEqual(24);
  expect(day.length).toBeLessThanOrEqual(25);
  expect(day.filter((bucket) => bucket.requests === 0).length).toBeGreaterThanOrEqual(22);
  expect(totals(day).requests).toBeGreaterThanOrEqual(5);

  // A week by the day in Kolkata (UTC+05:30): each bucket starts at a midnight there, 18:30 UTC.
  const week = (await volume(auditor, { f: { createdAfter: new Date(Date.now() - 7 * 24 * HOUR_MS).toISOString() }, i: 'DAY', z: 'Asia/Kolkata' })).body.data!.requestLogVolume!;
  expect(week.length).toBe(8);
  for (const bucket of week) expect(new Date(bucket.start).toISOString().slice(11)).toBe('18:30:00.000Z');
  expect(totals(week).requests).toBeGreaterThanOrEqual(5);

  // An hour with nothing in it: one bucket per minute, all zero.
  const quiet = new Date(Date.now() - 5 * HOUR_MS);
  const empty = (await volume(auditor, { f: { createdAfter: new Date(quiet.getTime() - HOUR_MS).toISOString(), createdBefore: quiet.toISOString() }, i: 'MINUTE' })).body.data!.requestLogVolume!;
  expect(empty.length).toBeGreaterThanOrEqual(60);
  expect(empty.length).toBeLessThanOrEqual(61);
  expect(totals(empty)).toEqual({ requests: 0, errors: 0 });
});

it('counts only your own requests without audit:read, everyone’s with it, and your own with mine', async () => {
  const own = (await volume(member, { f: { createdAfter: from, createdBefore: until } })).body.data!.requestLogVolume!;
  // The colleague's three requests (the polling of the setup was the owner's).
  expect(totals(own)).toEqual({ requests: 3, errors: 1 });
  const everyone = (await volume(auditor, { f: { createdAfter: from, createdBefore: until, operationName: 'Counted' } })).body.data!.requestLogVolume!;
  expect(totals(everyone).requests).toBe(3);
  const colleagueOnly = (await volume(member, { f: { createdAfter: from, createdBefore: until, operationName: 'Counted' } })).body.data!.requestLogVolume!;
  expect(totals(colleagueOnly).requests).toBe(2);
  // `mine` narrows audit:read to the owner's own requests (one Counted of the owner's key)…
  const mine = (await volume(auditor, { f: { createdAfter: from, createdBefore: until, operationName: 'Counted', mine: true } })).body.data!.requestLogVolume!;
  expect(totals(mine).requests).toBe(1);
  // …and requestLogs applies it the same way.
  const listed = await stack.query({ query: '{ requestLogs(filter: { operationName: "Counted", mine: true }) { totalCount } }', headers: { 'x-api-key': auditor.secret } });
  expect(listed.requestLogs.totalCount).toBe(1);
  // The colleague's key, named by the auditor: its requests; named by someone else without audit:read, none.
  const byKey = (await volume(auditor, { f: { createdAfter: from, createdBefore: until, apiKeyId: member.id } })).body.data!.requestLogVolume!;
  expect(totals(byKey)).toEqual({ requests: 3, errors: 1 });
  expect(totals((await volume(member, { f: { createdAfter: from, createdBefore: until, apiKeyId: auditor.id } })).body.data!.requestLogVolume!)).toEqual({ requests: 0, errors: 0 });
});

it('refuses a key without a scope to read request logs', async () => {
  const owner = await signUp(stack, 'Reader');
  const elsewhere = await createWorkspaceAs(stack, owner.token);
  const reader = await createUserKey(stack, owner.token, { scopes: ['workspaces:read'], workspaceIds: [elsewhere] });
  const denied = await volume(reader);
  expect(denied.body.data?.requestLogVolume).toBeNull();
  expect(denied.body.errors?.[0]).toMatchObject({ path: ['requestLogVolume'], extensions: { code: 'INSUFFICIENT_SCOPE' } });
});

it('answers a huge range, too many buckets, a bad interval or time zone with a clear error, and nothing else', async () => {
  const tooOld = await volume(auditor, { f: { createdAfter: new Date(Date.now() - 400 * 24 * HOUR_MS).toISOString() }, i: 'DAY' });
  expect(tooOld.body.data?.requestLogVolume).toBeNull();
  expect(tooOld.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  expect(tooOld.body.errors?.[0]?.message).toContain('retention window');

  // 80 days by the minute: 115,201 buckets. Refused before anything is read, saying what to do.
  const tooMany = await volume(auditor, { f: { createdAfter: new Date(Date.now() - 80 * 24 * HOUR_MS).toISOString() }, i: 'MINUTE' });
  expect(tooMany.body.data?.requestLogVolume).toBeNull();
  expect(tooMany.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'interval' }] } });
  expect(tooMany.body.errors?.[0]?.message).toMatch(/Too many buckets: \d+ minutes .* at most 1500/);
  // The same range, with the interval left out, is answered by the day.
  const chosen = (await volume(auditor, { f: { createdAfter: new Date(Date.now() - 80 * 24 * HOUR_MS).toISOString() } })).body.data!.requestLogVolume!;
  expect(chosen.length).toBe(81);

  const upsideDown = await volume(auditor, { f: { createdAfter: new Date().toISOString(), createdBefore: new Date(Date.now() - HOUR_MS).toISOString() } });
  expect(upsideDown.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });

  const badInterval = await stack.request({ query: '{ requestLogVolume(interval: WEEK) { start } }', headers: { 'x-api-key': auditor.secret } });
  expect(badInterval.status).toBe(400);
  expect(badInterval.body.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  expect(badInterval.body.errors?.[0]?.message).toContain('WEEK');

  for (const zone of ['Mars/Olympus', 'UTC+3', "UTC'; drop table audit.request_logs; --", 'x'.repeat(10_000)]) {
    const refused = await volume(auditor, { z: zone });
    expect(refused.body.data?.requestLogVolume, zone.slice(0, 20)).toBeNull();
    expect(refused.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'timeZone' }] } });
    expect(refused.body.errors?.[0]?.message.length).toBeLessThan(300);
  }
  // Still there, still counting.
  expect(totals((await volume(auditor, { f: { createdAfter: from, createdBefore: until, operationName: 'Counted' } })).body.data!.requestLogVolume!).requests).toBe(3);
});
