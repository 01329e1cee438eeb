// The small demo data `npm start` puts into an empty database, so the first query a
// newcomer pastes returns something. Development data: the demo password is public.
import { initORM } from '../lib/orm.js';
import { hashPassword } from '../lib/passwords.js';
import { contentOrm } from '../subgraphs/content/orm.js';
import { ContentType } from '../subgraphs/content/content-types/content-type.entity.js';
import { identityOrm } from '../subgraphs/identity/orm.js';
import { User } from '../subgraphs/identity/users/user.entity.js';
import { Workspace } from '../subgraphs/identity/workspaces/workspace.entity.js';
import { WorkspaceService } from '../subgraphs/identity/workspaces/workspace.service.js';

export const DEMO_EMAIL = 'demo@atrium.local';
export const DEMO_PASSWORD = 'atrium-demo-password';

export interface DemoData {
  readonly workspaceId: string;
  /** False when the database already held workspaces and nothing was written. */
  readonly created: boolean;
}

export async function seedDemoWhenEmpty(databaseUrl: string): Promise<DemoData> {
  const identity = await initORM(identityOrm, { databaseUrl, poolSize: 1 });
  const content = await initORM(contentOrm, { databaseUrl, poolSize: 1 });
  try {
    const identityEm = identity.em.fork();
    const [existing] = await identityEm.find(Workspace, {}, { orderBy: { id: 'asc' }, limit: 1 });
    if (existing) return { workspaceId: existing.id, created: false };
    const user = identityEm.create(User, { email: DEMO_EMAIL, name: 'Demo User', passwordHash: await hashPassword(DEMO_PASSWORD) });
    await identityEm.flush();
    const workspaces = new WorkspaceService(identityEm, { kind: 'session', userId: user.id, scopes: [], workspaceIds: [] });
    const workspace = await workspaces.create('Demo workspace');
    const contentEm = content.em.fork();
    contentEm.create(ContentType, { workspaceId: workspace.id, name: 'Article', key: 'article', description: 'A published piece of writing.' });
    contentEm.create(ContentType, { workspaceId: workspace.id, name: 'Author', key: 'author', description: 'A person who writes articles.' });
    await contentEm.flush();
    return { workspaceId: workspace.id, created: true };
  } finally {
    await identity.close();
    await content.close();
  }
}
