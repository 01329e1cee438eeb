// Fields of the request's workspace's content types.
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import { invalidInput, notFound, requireWorkspace, type FieldProblem } from '../../../lib/errors.js';
import { isId } from '../../../lib/ids.js';
import { changedFields, recordAuditEvent } from '../../../lib/audit-trail.js';
import type { Principal } from '../../../lib/principal.js';
import { KEY_PATTERN } from '../content-scope.js';
import { ContentType } from '../content-types/content-type.entity.js';
import { ItemUniqueValue } from '../items/item-unique-value.entity.js';
import { ItemValueCount } from '../items/item-value-count.entity.js';
import { ContentField } from './content-field.entity.js';
import type { CreateContentFieldInput, UpdateContentFieldInput } from './content-field.input.js';
import { FieldKind } from './field-kind.js';
import type { StoredFieldOptions } from './field-options.js';
import type { FieldOptionsInput } from './field-options.input.js';
import { checkFieldOptions } from './field-options.validator.js';
import { workspaceCondition } from '../../../lib/workspace-filter.js';

/** What an audit event compares before and after a change. */
function snapshot(field: ContentField): Record<string, unknown> {
  return { key: field.key, name: field.name, kind: field.kind, required: field.required, unique: field.unique, options: field.options };
}

export class ContentFieldService {
  private readonly workspaceId: string | undefined;

  constructor(
    private readonly em: SubgraphEntityManager,
    private readonly principal: Principal,
  ) {
    this.workspaceId = principal.workspaceId;
  }

  async get(id: string): Promise<ContentField> {
    requireWorkspace(this.workspaceId);
    const field = isId(id) ? await this.em.findOne(ContentField, { id }) : null;
    if (!field) throw notFound('Field');
    return field;
  }

  /** Fields of one type of this workspace, in order. */
  async ofType(contentTypeId: string): Promise<ContentField[]> {
    requireWorkspace(this.workspaceId);
    return this.em.find(ContentField, { contentTypeId }, { orderBy: { position: 'asc', id: 'asc' } });
  }

  /** The field's settings checked against its kind (field-options.validator.ts), the referenced type looked up here. */
  private async checkOptions(kind: FieldKind, options: FieldOptionsInput | null | undefined, problems: FieldProblem[]): Promise<StoredFieldOptions> {
    const checked = checkFieldOptions(kind, options);
    problems.push(...checked.problems);
    if (checked.contentTypeId && !(await this.em.count(ContentType, { workspaceId: this.workspaceId, id: checked.contentTypeId }))) {
      problems.push({ field: 'options.reference.contentTypeId', reason: 'must be a content type of this workspace' });
    }
    return checked.stored;
  }

  async create(contentTypeId: string, input: CreateContentFieldInput): Promise<ContentField> {
    const workspaceId = requireWorkspace(this.workspaceId);
    const type = isId(contentTypeId) ? await this.em.findOne(ContentType, { id: contentTypeId }) : null;
    if (!type) throw notFound('Content type');
    const problems: FieldProblem[] = [];
    const name = input.name.trim();
    if (name.length === 0 || name.length > 100) problems.push({ field: 'name', reason: 'must be 1 to 100 characters' });
    if (!KEY_PATTERN.test(input.key)) problems.push({ field: 'key', reason: 'must match ^[a-z][a-z0-9_]*$ (at most 64 characters)' });
    else if (await this.em.count(ContentField, { contentTypeId: type.id, key: input.key })) problems.push({ field: 'key', reason: `${input.key} is taken in this type` });
    if (input.unique && (input.kind === FieldKind.LONG_TEXT || input.kind === FieldKind.MULTI_SELECT || input.kind === FieldKind.BOOLEAN)) {
      problems.push({ field: 'unique', reason: `is not available for ${input.kind}` });
    }
    const options = await this.checkOptions(input.kind, input.options, problems);
    if (problems.length > 0) throw invalidInput(problems);
    const position = (await this.em.count(ContentField, { contentTypeId: type.id })) + 1;
    const field = this.em.create(ContentField, {
      workspaceId,
      contentTypeId: type.id,
      key: input.key,
      name,
      kind: input.kind,
      required: input.required ?? false,
      unique: input.unique ?? false,
      options,
      position,
    });
    recordAuditEvent(this.em, this.principal, { targetType: 'ContentField', verb: 'created', targetId: field.id, changes: changedFields(null, { contentTypeId: type.id, ...snapshot(field) }) });
    await this.em.flush();
    return field;
  }

  async update(id: string, input: UpdateContentFieldInput): Promise<ContentField> {
    const field = await this.get(id);
    const before = snapshot(field);
    const problems: FieldProblem[] = [];
    if (input.name !== undefined && input.name !== null) {
      const name = input.name.trim();
      if (name.length === 0 || name.length > 100) problems.push({ field: 'name', reason: 'must be 1 to 100 characters' });
      else field.name = name;
    }
    if (input.required !== undefined && input.required !== null) field.required = input.required;
    if (input.options !== undefined && input.options !== null) field.options = await this.checkOptions(field.kind, input.options, problems);
    if (problems.length > 0) throw invalidInput(problems);
    const changes = changedFields(before, snapshot(field));
    if (changes.length > 0) recordAuditEvent(this.em, this.principal, { targetType: 'ContentField', verb: 'updated', targetId: field.id, changes });
    await this.em.flush();
    return field;
  }

  /** Removes the field and its value from every item of the type, in one transaction. */
  async delete(id: string): Promise<string> {
    const field = await this.get(id);
    await this.em.transactional(async (em) => {
      recordAuditEvent(em, this.principal, {
        targetType: 'ContentField',
        verb: 'deleted',
        targetId: field.id,
        changes: changedFields({ contentTypeId: field.contentTypeId, ...snapshot(field) }, null),
      });
      // Raw SQL (a jsonb key removal MikroORM cannot express): the workspace comes from the filter's helper.
      const workspace = workspaceCondition(em, 'i');
      await em
        .getConnection()
        .execute(
          `update "content"."items" as i set "values" = i."values" - ?, updated_at = now() where ${workspace.sql} and i.content_type_id = ? and jsonb_exists(i."values", ?)`,
          [field.key, ...workspace.params, field.contentTypeId, field.key],
          'all',
          em.getTransactionContext(),
        );
      await em.nativeDelete(ItemUniqueValue, { contentTypeId: field.contentTypeId, fieldKey: field.key });
      await em.nativeDelete(ItemValueCount, { contentTypeId: field.contentTypeId, fieldKey: field.key });
      await em.nativeDelete(ContentField, { id: field.id });
    });
    return field.id;
  }
}
