// Content types of the request's workspace. The workspace filter (lib/workspace-filter.ts)
// scopes every query here to that workspace; a record elsewhere is simply not found.
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { Connection, PageArgs } from '../../../lib/connection.js';
import { idOrder, pageQuery } from '../../../lib/paging.js';
import { badUserInput, invalidInput, notFound, requireWorkspace, type FieldProblem } from '../../../lib/errors.js';
import { isId } from '../../../lib/ids.js';
import { changedFields, recordAuditEvent } from '../../../lib/audit-trail.js';
import type { Principal } from '../../../lib/principal.js';
import { containsPattern } from '../../../lib/like-pattern.js';
import { KEY_PATTERN } from '../content-scope.js';
import { ContentField } from '../fields/content-field.entity.js';
import { Item } from '../items/item.entity.js';
import { ItemUniqueValue } from '../items/item-unique-value.entity.js';
import { ItemValueCount } from '../items/item-value-count.entity.js';
import { ContentType } from './content-type.entity.js';
import type { ContentTypeFilter, CreateContentTypeInput, UpdateContentTypeInput } from './content-type.input.js';

/** `contentTypes` in id order, which its cursors hold. */
const CONTENT_TYPE_ORDER = idOrder<ContentType>('contentTypes');

/** What an audit event compares before and after a change. */
function snapshot(type: ContentType): Record<string, unknown> {
  return { key: type.key, name: type.name, description: type.description };
}

export class ContentTypeService {
  private readonly workspaceId: string | undefined;

  constructor(
    private readonly em: SubgraphEntityManager,
    private readonly principal: Principal,
  ) {
    this.workspaceId = principal.workspaceId;
  }

  list(filter: ContentTypeFilter | undefined, page: PageArgs): Promise<Connection<ContentType>> {
    requireWorkspace(this.workspaceId);
    const where: Record<string, unknown> = {};
    const search = filter?.search?.trim();
    if (search) {
      const pattern = containsPattern(search);
      where.$or = [{ name: { $ilike: pattern } }, { key: { $ilike: pattern } }];
    }
    return pageQuery(this.em, { entity: ContentType, where, order: CONTENT_TYPE_ORDER, page });
  }

  async get(id: string): Promise<ContentType> {
    requireWorkspace(this.workspaceId);
    const type = isId(id) ? await this.em.findOne(ContentType, { id }) : null;
    if (!type) throw notFound('Content type');
    return type;
  }

  async create(input: CreateContentTypeInput): Promise<ContentType> {
    const workspaceId = requireWorkspace(this.workspaceId);
    const problems: FieldProblem[] = [];
    const name = input.name.trim();
    if (name.length === 0 || name.length > 100) problems.push({ field: 'name', reason: 'must be 1 to 100 characters' });
    if (!KEY_PATTERN.test(input.key)) problems.push({ field: 'key', reason: 'must match ^[a-z][a-z0-9_]*$ (at most 64 characters)' });
    else if (await this.em.count(ContentType, { key: input.key })) problems.push({ field: 'key', reason: `${input.key} is taken` });
    if (problems.length > 0) throw invalidInput(problems);
    const type = this.em.create(ContentType, { workspaceId, name, key: input.key, description: input.description?.trim() || null });
    recordAuditEvent(this.em, this.principal, { targetType: 'ContentType', verb: 'created', targetId: type.id, changes: changedFields(null, snapshot(type)) });
    await this.em.flush();
    return type;
  }

  async update(id: string, input: UpdateContentTypeInput): Promise<ContentType> {
    const type = await this.get(id);
    const before = snapshot(type);
    if (input.name !== undefined && input.name !== null) {
      const name = input.name.trim();
      if (name.length === 0 || name.length > 100) throw invalidInput([{ field: 'name', reason: 'must be 1 to 100 characters' }]);
      type.name = name;
    }
    if (input.description !== undefined) type.description = input.description?.trim() || null;
    const changes = changedFields(before, snapshot(type));
    if (changes.length > 0) recordAuditEvent(this.em, this.principal, { targetType: 'ContentType', verb: 'updated', targetId: type.id, changes });
    await this.em.flush();
    return type;
  }

  /** Refused while the type has items, unless `force`: then items, fields and type go in one transaction. Answers the id deleted. */
  async delete(id: string, force: boolean): Promise<string> {
    const type = await this.get(id);
    if (type.itemCount > 0 && !force) throw badUserInput(`The type has ${type.itemCount} item(s): pass force: true to delete them too`);
    const scope = { contentTypeId: type.id };
    await this.em.transactional(async (em) => {
      recordAuditEvent(em, this.principal, { targetType: 'ContentType', verb: 'deleted', targetId: type.id, changes: changedFields({ ...snapshot(type), itemCount: type.itemCount }, null) });
      await em.nativeDelete(ItemUniqueValue, scope);
      await em.nativeDelete(ItemValueCount, scope);
      await em.nativeDelete(Item, scope);
      await em.nativeDelete(ContentField, scope);
      await em.nativeDelete(ContentType, { id: type.id });
    });
    return type.id;
  }
}
