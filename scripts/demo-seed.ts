// The small demo data `npm start` puts into an empty database, so the first query
// a newcomer pastes returns something.
import { initORM } from '../lib/orm.js';
import { contentOrm } from '../subgraphs/content/orm.js';
import { ContentType } from '../subgraphs/content/content-types/content-type.entity.js';
import { identityOrm } from '../subgraphs/identity/orm.js';
import { User } from '../subgraphs/identity/users/user.entity.js';
import { Workspace } from '../subgraphs/identity/workspaces/workspace.entity.js';

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
    const workspace = identityEm.create(Workspace, { name: 'Demo workspace' });
    identityEm.create(User, { email: 'demo@atrium.local', name: 'Demo User' });
    await identityEm.flush();
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
