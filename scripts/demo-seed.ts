// The demo data `npm start` puts into an empty development database, so the first query a
// newcomer pastes shows the product: a workspace with two members, two content types with
// fields of several kinds and a few items, and a read-only API key. Development data only:
// the demo password is public. Every write goes through the services the API uses, so the
// counters, uniqueness rows and audit events are those a real client would have made.
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hashCredential, hashesEqual } from '../lib/api-key-format.js';
import { DEFAULT_SUBGRAPH_SETTINGS, type SubgraphSettings } from '../lib/config.js';
import { isId } from '../lib/ids.js';
import { createByIdLoader } from '../lib/loaders.js';
import { initORM, type SubgraphEntityManager } from '../lib/orm.js';
import { hashPassword } from '../lib/passwords.js';
import type { Principal } from '../lib/principal.js';
import { ContentTypeService } from '../subgraphs/content/content-types/content-type.service.js';
import { ContentFieldService } from '../subgraphs/content/fields/content-field.service.js';
import { FieldKind } from '../subgraphs/content/fields/field-kind.js';
import { ItemService } from '../subgraphs/content/items/item.service.js';
import { contentOrm } from '../subgraphs/content/orm.js';
import { ApiKey } from '../subgraphs/identity/api-keys/api-key.entity.js';
import { ApiKeyService } from '../subgraphs/identity/api-keys/api-key.service.js';
import { Member } from '../subgraphs/identity/members/member.entity.js';
import { MemberService } from '../subgraphs/identity/members/member.service.js';
import { InvitationService } from '../subgraphs/identity/invitations/invitation.service.js';
import { createMailer } from '../lib/mail/mailer.js';
import { createLogger } from '../lib/logger.js';
import { identityOrm } from '../subgraphs/identity/orm.js';
import { BUILT_IN_ROLES } from '../subgraphs/identity/roles/built-in-roles.js';
import { Role } from '../subgraphs/identity/roles/role.entity.js';
import { User } from '../subgraphs/identity/users/user.entity.js';
import { Workspace } from '../subgraphs/identity/workspaces/workspace.entity.js';
import { WorkspaceService } from '../subgraphs/identity/workspaces/workspace.service.js';
import { ACROSS_WORKSPACES, scopeToWorkspace } from '../lib/workspace-filter.js';

export const DEMO_EMAIL = 'demo@atrium.local';
/** Both demo users sign in with it. Public: it is in this file and the README. */
export const DEMO_PASSWORD = 'atrium-demo-password';
/** The second member, an editor, to sign in as and see what an editor may not do. */
export const DEMO_EDITOR_EMAIL = 'editor@atrium.local';
export const DEMO_WORKSPACE_NAME = 'Demo workspace';
/** Description of the read-only key the demo makes for the demo user. */
export const DEMO_KEY_DESCRIPTION = 'Demo read-only key (npm start)';
/** Where `npm start` keeps the demo key's secret: beside the embedded database's data. */
export const DEMO_KEY_FILE_NAME = 'demo-api-key.json';

export interface DemoData {
  readonly workspaceId: string;
  /** False when the database already held workspaces and nothing was written. */
  readonly created: boolean;
  /**
   * The read-only demo key's secret, when it still works: read from `keyFile` (written
   * when the demo was seeded), or, without a file, only on the run that made it.
   */
  readonly apiKey?: string;
}

export interface DemoSeedOptions {
  /** Where the demo key's secret is kept between runs (mode 600); without it, it is only returned once. */
  readonly keyFile?: string;
  /** The deployment's key policy: the demo key gets the longest expiry it allows. */
  readonly settings?: SubgraphSettings;
}

interface StoredDemoKey {
  readonly keyId: string;
  readonly workspaceId: string;
  readonly secret: string;
}

/** A signed-in owner of the demo workspace, as the services see a session of the demo user. */
function ownerSession(userId: string, workspaceId: string): Principal {
  const owner = BUILT_IN_ROLES.find((role) => role.key === 'owner')!;
  return { kind: 'session', userId, workspaceId, scopes: owner.permissions, workspaceIds: [workspaceId] };
}

/** Seeds the demo into an empty database; either way, says which workspace and key to show. */
export async function seedDemoWhenEmpty(databaseUrl: string, options: DemoSeedOptions = {}): Promise<DemoData> {
  const identity = await initORM(identityOrm, { databaseUrl, poolSize: 1 });
  const content = await initORM(contentOrm, { databaseUrl, poolSize: 1 });
  try {
    const identityEm = identity.em.fork();
    const [existing] = await identityEm.find(Workspace, {}, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 1 });
    if (existing) {
      const workspaceId = (await demoWorkspaceId(identityEm)) ?? existing.id;
      const apiKey = options.keyFile ? await storedDemoKey(identityEm, options.keyFile, workspaceId) : undefined;
      return { workspaceId, created: false, ...(apiKey ? { apiKey } : {}) };
    }
    const demo = await seedDemo(identityEm, content.em.fork(), options.settings ?? DEFAULT_SUBGRAPH_SETTINGS);
    if (options.keyFile) await saveDemoKey(options.keyFile, demo);
    return { workspaceId: demo.workspaceId, created: true, apiKey: demo.secret };
  } finally {
    await identity.close();
    await content.close();
  }
}

/** The demo user's first workspace, when the demo user exists. */
async function demoWorkspaceId(em: SubgraphEntityManager): Promise<string | undefined> {
  const user = await em.findOne(User, { email: DEMO_EMAIL });
  if (!user) return undefined;
  // The demo user's memberships in every workspace: across workspaces on purpose.
  const [membership] = await em.find(Member, { userId: user.id }, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 1, ...ACROSS_WORKSPACES });
  return membership?.workspaceId;
}

async function seedDemo(identityEm: SubgraphEntityManager, contentEm: SubgraphEntityManager, settings: SubgraphSettings): Promise<StoredDemoKey> {
  const user = identityEm.create(User, { email: DEMO_EMAIL, name: 'Dana Demo', passwordHash: await hashPassword(DEMO_PASSWORD), emailVerifiedAt: new Date() });
  const editor = identityEm.create(User, { email: DEMO_EDITOR_EMAIL, name: 'Eli Editor', passwordHash: await hashPassword(DEMO_PASSWORD), emailVerifiedAt: new Date() });
  await identityEm.flush();

  const creating: Principal = { kind: 'session', userId: user.id, scopes: [], workspaceIds: [] };
  const workspace = await new WorkspaceService(identityEm, creating).create(DEMO_WORKSPACE_NAME);
  const session = ownerSession(user.id, workspace.id);
  // From here on both EntityManagers work in the demo workspace, as a request in it would.
  scopeToWorkspace(identityEm, workspace.id);
  scopeToWorkspace(contentEm, workspace.id);
  const editorRole = await identityEm.findOneOrFail(Role, { key: 'editor', builtIn: true });
  // The editor's email is verified, so they join at once and nothing is mailed: a mailer without a server suffices.
  const mailer = createMailer({ from: settings.accounts.mailFrom, logger: createLogger('silent') });
  await new MemberService(identityEm, session, new InvitationService(identityEm, session, mailer, settings.accounts)).add({ email: DEMO_EDITOR_EMAIL, roleId: editorRole.id });

  // Content: an author type, and an article type that refers to it and to a member.
  const types = new ContentTypeService(contentEm, session);
  const fields = new ContentFieldService(contentEm, session);
  const memberIds = new Set([user.id, editor.id]);
  // The services ask identity whether a MEMBER value is a member; here the answer is known.
  const callPeer = async <T>(_peer: string, _path: string, payload: unknown): Promise<T> => ({ members: (payload as { userIds: string[] }).userIds.filter((id) => memberIds.has(id)) }) as T;
  const items = new ItemService(contentEm, session, fields, callPeer);

  const author = await types.create({ key: 'author', name: 'Author', description: 'A person who writes articles.' });
  await fields.create(author.id, { key: 'name', name: 'Name', kind: FieldKind.TEXT, required: true, unique: true });
  await fields.create(author.id, { key: 'email', name: 'Email', kind: FieldKind.EMAIL });
  await fields.create(author.id, { key: 'website', name: 'Website', kind: FieldKind.URL });
  const ada = await items.create(author.id, { name: 'Ada Lovelace', email: 'ada@example.com', website: 'https://example.com/ada' });
  const grace = await items.create(author.id, { name: 'Grace Hopper', email: 'grace@example.com' });

  const article = await types.create({ key: 'article', name: 'Article', description: 'A published piece of writing.' });
  await fields.create(article.id, { key: 'title', name: 'Title', kind: FieldKind.TEXT, required: true, unique: true });
  await fields.create(article.id, { key: 'body', name: 'Body', kind: FieldKind.LONG_TEXT });
  await fields.create(article.id, { key: 'status', name: 'Status', kind: FieldKind.SINGLE_SELECT, options: { singleSelect: { choices: ['draft', 'in_review', 'published'] } } });
  await fields.create(article.id, { key: 'tags', name: 'Tags', kind: FieldKind.MULTI_SELECT, options: { multiSelect: { choices: ['graphql', 'security', 'databases', 'history'] } } });
  await fields.create(article.id, { key: 'published_on', name: 'Published on', kind: FieldKind.DATE });
  await fields.create(article.id, { key: 'reading_minutes', name: 'Reading time (minutes)', kind: FieldKind.NUMBER });
  await fields.create(article.id, { key: 'featured', name: 'Featured', kind: FieldKind.BOOLEAN });
  await fields.create(article.id, { key: 'author', name: 'Author', kind: FieldKind.REFERENCE, options: { reference: { contentTypeId: author.id } } });
  await fields.create(article.id, { key: 'reviewer', name: 'Reviewer', kind: FieldKind.MEMBER });
  await items.create(article.id, {
    title: 'Notes on the Analytical Engine',
    body: 'The engine weaves algebraic patterns just as the Jacquard loom weaves flowers and leaves.',
    status: 'published',
    tags: ['history'],
    published_on: '1843-09-01',
    reading_minutes: 12,
    featured: true,
    author: ada.id,
    reviewer: editor.id,
  });
  await items.create(article.id, {
    title: 'Why one endpoint is enough',
    body: 'A federated gateway plans each query across the services that own the data.',
    status: 'in_review',
    tags: ['graphql'],
    reading_minutes: 6,
    featured: false,
    author: grace.id,
    reviewer: editor.id,
  });
  await items.create(article.id, {
    title: 'Keys you can revoke',
    status: 'draft',
    tags: ['graphql', 'security'],
    author: grace.id,
  });

  // A key that can read everything in the workspace and change nothing.
  const created = await new ApiKeyService(identityEm, session, settings, createByIdLoader(identityEm, ApiKey)).createUserKey({
    description: DEMO_KEY_DESCRIPTION,
    expiresIn: settings.maxKeyExpiry,
    scopes: ['read'],
    workspaceIds: [workspace.id],
  });
  return { keyId: created.apiKey.id, workspaceId: workspace.id, secret: created.secret };
}

/** Keeps the demo key's secret beside the database: whoever can read that folder owns the database anyway. */
async function saveDemoKey(file: string, key: StoredDemoKey): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
}

/** The stored demo key's secret if it still opens the demo workspace (not revoked, expired, rotated or from another database). */
async function storedDemoKey(em: SubgraphEntityManager, file: string, workspaceId: string): Promise<string | undefined> {
  if (!existsSync(file)) return undefined;
  let stored: Partial<StoredDemoKey>;
  try {
    stored = JSON.parse(await readFile(file, 'utf8')) as Partial<StoredDemoKey>;
  } catch {
    return undefined;
  }
  if (typeof stored.keyId !== 'string' || !isId(stored.keyId) || typeof stored.secret !== 'string' || stored.workspaceId !== workspaceId) return undefined;
  const key = await em.findOne(ApiKey, { id: stored.keyId, revokedAt: null, rotatedToKeyId: null });
  if (!key || !hashesEqual(key.secretHash, hashCredential(stored.secret)) || !key.workspaceIds.includes(workspaceId)) return undefined;
  if (key.expiresAt !== null && key.expiresAt.getTime() <= Date.now()) return undefined;
  return stored.secret;
}
