// Items of the request's workspace: listing with filters, order and keyset pages; writes
// validated against the type's fields, with uniqueness and the item counter kept in the
// same transaction as the item.
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { PageArgs } from '../../../lib/connection.js';
import { CursorPart } from '../../../lib/cursor.js';
import { idColumn, keysetOrder, pageQuery, pageWindow, timeColumn, type Connection, type KeysetOrder, type SortDirection } from '../../../lib/paging.js';
import { invalidInput, notFound, requireWorkspace, type FieldProblem } from '../../../lib/errors.js';
import { isId } from '../../../lib/ids.js';
import { changedFields, recordAuditEvent } from '../../../lib/audit-trail.js';
import { containsPattern } from '../../../lib/like-pattern.js';
import { MEMBERS_PATH, type Principal } from '../../../lib/principal.js';
import type { SubgraphName } from '../../../lib/subgraph-list.js';

import { ContentType } from '../content-types/content-type.entity.js';
import type { ContentField } from '../fields/content-field.entity.js';
import type { ContentFieldService } from '../fields/content-field.service.js';
import { COUNTED_KINDS, FieldKind, RANGE_KINDS, TEXT_KINDS } from '../fields/field-kind.js';
import { Item } from './item.entity.js';
import { ItemUniqueValue } from './item-unique-value.entity.js';
import { ItemValueCount } from './item-value-count.entity.js';
import { raw } from '@mikro-orm/core';
import { OrderDirection } from '../../../lib/order-direction.js';
import { ItemOrderBy, type ItemFilter, type ItemOrder } from './item.input.js';
import { uniqueText, validateValues, type MemberCheck, type ReferenceCheck } from './item-values.validator.js';

interface Query {
  readonly conditions: string[];
  readonly parameters: unknown[];
}

const UNIQUE_VIOLATION = '23505';
/** From this share of a type's items on, a value counts as common (see list()). */
const COMMON_VALUE_SHARE = 0.02;

/**
 * `items` by creation or last change. The order is part of the list's name inside the
 * cursor, so a cursor made under one order is refused under another (a creation-time
 * position read as a last-change position would silently skip or repeat items).
 */
function timeOrder(column: 'createdAt' | 'updatedAt', direction: SortDirection): KeysetOrder<Item> {
  const sqlColumn = column === 'updatedAt' ? 'updated_at' : 'created_at';
  return keysetOrder<Item>(`items:${column}:${direction}`, [timeColumn(sqlColumn, (item) => item[column], direction), idColumn(direction)]);
}

/**
 * `items` by a field's value (compared as jsonb), then id; items without a value come
 * last, in either direction. `fieldKey` must be a validated key (^[a-z][a-z0-9_]*$): it is
 * written into the SQL.
 */
function fieldOrder(fieldKey: string, direction: SortDirection): KeysetOrder<Item> {
  return keysetOrder<Item>(`items:field.${fieldKey}:${direction}`, [
    { sql: (alias) => `(${alias}."values"->'${fieldKey}')`, direction, type: 'jsonb', nullable: true, part: CursorPart.sortValue, value: (item) => item.values[fieldKey] ?? null },
    idColumn(direction),
  ]);
}

export class ItemService {
  constructor(
    private readonly em: SubgraphEntityManager,
    private readonly principal: Principal,
    private readonly fields: ContentFieldService,
    private readonly callPeer: <T>(peer: SubgraphName, path: string, payload: unknown) => Promise<T>,
  ) {}

  /** MEMBER values must be members of this workspace: identity owns membership, so it is asked, once per write. */
  private async checkMembers(checks: MemberCheck[]): Promise<FieldProblem[]> {
    if (checks.length === 0) return [];
    const answer = await this.callPeer<{ members: string[] }>('identity', MEMBERS_PATH, {
      workspaceId: this.workspaceId,
      userIds: [...new Set(checks.map((check) => check.userId))],
    });
    const members = new Set(answer.members);
    return checks.filter((check) => !members.has(check.userId)).map((check) => ({ field: check.field, reason: 'must be a member of this workspace' }));
  }

  private get workspaceId(): string {
    return requireWorkspace(this.principal.workspaceId);
  }

  private async type(typeId: string): Promise<ContentType> {
    requireWorkspace(this.principal.workspaceId);
    const type = isId(typeId) ? await this.em.findOne(ContentType, { id: typeId }) : null;
    if (!type) throw notFound('Content type');
    return type;
  }

  async get(id: string): Promise<Item> {
    requireWorkspace(this.principal.workspaceId);
    const item = isId(id) ? await this.em.findOne(Item, { id }) : null;
    if (!item) throw notFound('Item');
    return item;
  }

  /** SQL conditions for a filter; refuses keys that are not fields of the right kind. */
  private filterConditions(filter: ItemFilter | undefined, fields: ContentField[], query: Query): void {
    if (!filter) return;
    const byKey = new Map(fields.map((field) => [field.key, field]));
    const problems: FieldProblem[] = [];
    if (filter.equals !== undefined && filter.equals !== null) {
      if (typeof filter.equals !== 'object' || Array.isArray(filter.equals)) problems.push({ field: 'filter.equals', reason: 'must be an object of field key → value' });
      else {
        for (const key of Object.keys(filter.equals)) if (!byKey.has(key)) problems.push({ field: `filter.equals.${key}`, reason: 'is not a field of this type' });
        query.conditions.push('"values" @> ?::jsonb');
        query.parameters.push(JSON.stringify(filter.equals));
      }
    }
    for (const range of filter.ranges ?? []) {
      const field = byKey.get(range.field);
      if (!field || !RANGE_KINDS.has(field.kind)) {
        problems.push({ field: `filter.ranges.${range.field}`, reason: 'must be a number, date or datetime field' });
        continue;
      }
      for (const [bound, operator] of [
        ['gt', '>'],
        ['gte', '>='],
        ['lt', '<'],
        ['lte', '<='],
      ] as const) {
        const value = range[bound];
        if (value === undefined || value === null) continue;
        if (field.kind === FieldKind.NUMBER) {
          if (typeof value !== 'number') problems.push({ field: `filter.ranges.${range.field}.${bound}`, reason: 'must be a number' });
          query.conditions.push(`("values"->>?)::numeric ${operator} ?`);
          query.parameters.push(field.key, value);
        } else {
          if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) problems.push({ field: `filter.ranges.${range.field}.${bound}`, reason: 'must be a date' });
          // Dates and UTC datetimes are stored as ISO text, which orders like time.
          query.conditions.push(`"values"->>? ${operator} ?`);
          query.parameters.push(field.key, field.kind === FieldKind.DATETIME && typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : value);
        }
      }
    }
    const search = filter.search?.trim();
    if (search) {
      const textKeys = fields.filter((field) => TEXT_KINDS.has(field.kind)).map((field) => field.key);
      if (textKeys.length === 0) query.conditions.push('false');
      else {
        query.conditions.push(`(${textKeys.map(() => '"values"->>? ilike ?').join(' or ')})`);
        const pattern = containsPattern(search);
        for (const key of textKeys) query.parameters.push(key, pattern);
      }
    }
    for (const [value, condition] of [
      [filter.createdAfter, 'created_at >= ?'],
      [filter.createdBefore, 'created_at < ?'],
      [filter.updatedAfter, 'updated_at >= ?'],
      [filter.updatedBefore, 'updated_at < ?'],
    ] as const) {
      if (value) {
        query.conditions.push(condition);
        query.parameters.push(value);
      }
    }
    if (problems.length > 0) throw invalidInput(problems);
  }

  async list(typeId: string, filter: ItemFilter | undefined, order: ItemOrder | undefined, page: PageArgs): Promise<Connection<Item>> {
    const direction: SortDirection = order?.direction === OrderDirection.DESC ? 'desc' : 'asc';
    // Page arguments are checked before anything is read: the cheapest refusal first. A
    // field order's key only names its cursors here; it is checked against the type's
    // fields below, before its SQL is ever written.
    const byField = order?.by === ItemOrderBy.FIELD;
    const keyset = byField ? fieldOrder(order.field ?? '', direction) : timeOrder(order?.by === ItemOrderBy.UPDATED_AT ? 'updatedAt' : 'createdAt', direction);
    pageWindow(page, keyset);

    const type = await this.type(typeId);
    const fields = await this.fields.ofType(type.id);
    // The workspace comes from the workspace filter pageQuery applies (lib/workspace-filter.ts).
    const base: Query = { conditions: ['content_type_id = ?'], parameters: [type.id] };
    this.filterConditions(filter, fields, base);
    const filtered = base.conditions.length > 1;
    const counted = await this.countedEquality(type, fields, filter);
    if (counted && type.itemCount > 0 && counted.count / type.itemCount >= COMMON_VALUE_SHARE) {
      // A common value: walking the ordered index and skipping the few misses beats
      // collecting every match through GIN and sorting them. The coalesce hides the
      // condition from the GIN index so that the planner takes the ordered path.
      base.conditions[base.conditions.indexOf('"values" @> ?::jsonb')] = 'coalesce("values" @> ?::jsonb, false)';
    }
    if (byField && !fields.some((candidate) => candidate.key === order.field)) throw invalidInput([{ field: 'orderBy.field', reason: 'must be a field of this type' }]);
    // A filtered list without a kept counter is counted by pageQuery, over the same conditions.
    const totalCount = counted ? counted.count : filtered ? undefined : type.itemCount;
    return pageQuery(this.em, { entity: Item, sql: { sql: base.conditions.join(' and '), params: base.parameters }, order: keyset, page, totalCount });
  }

  /**
   * For a filter that is exactly one equality on a counted field (a select or a boolean),
   * the number of matching items, read from the per-value counter.
   */
  private async countedEquality(type: ContentType, fields: ContentField[], filter: ItemFilter | undefined): Promise<{ count: number } | undefined> {
    if (!filter || filter.ranges?.length || filter.search || filter.createdAfter || filter.createdBefore || filter.updatedAfter || filter.updatedBefore) return undefined;
    const equals = filter.equals as Record<string, unknown> | undefined | null;
    if (!equals || typeof equals !== 'object' || Array.isArray(equals)) return undefined;
    const keys = Object.keys(equals);
    const field = keys.length === 1 ? fields.find((candidate) => candidate.key === keys[0]) : undefined;
    const value = field ? equals[field.key] : undefined;
    if (!field || !COUNTED_KINDS.has(field.kind) || value === null || typeof value === 'object') return undefined;
    const row = await this.em.findOne(ItemValueCount, { contentTypeId: type.id, fieldKey: field.key, value: uniqueText(value) });
    return { count: row?.count ?? 0 };
  }

  /** Problems with referenced items: each must exist in this workspace, of the field's type. One query. */
  private async checkReferences(references: ReferenceCheck[]): Promise<FieldProblem[]> {
    if (references.length === 0) return [];
    const rows = await this.em.find(Item, { id: { $in: references.map((reference) => reference.itemId) } }, { fields: ['id', 'contentTypeId'] });
    const typeOf = new Map(rows.map((row) => [row.id, row.contentTypeId]));
    return references
      .filter((reference) => typeOf.get(reference.itemId) !== reference.contentTypeId)
      .map((reference) => ({ field: reference.field, reason: 'must reference an item of its content type in this workspace' }));
  }

  /** Unique fields whose value another item of the type already has. One query. */
  private async checkUnique(type: ContentType, fields: ContentField[], values: Record<string, unknown>, itemId: string | undefined): Promise<FieldProblem[]> {
    const wanted = fields.filter((field) => field.unique && values[field.key] !== undefined && values[field.key] !== null);
    if (wanted.length === 0) return [];
    const rows = await this.em.find(ItemUniqueValue, { contentTypeId: type.id, $or: wanted.map((field) => ({ fieldKey: field.key, value: uniqueText(values[field.key]) })) });
    return rows.filter((row) => row.itemId !== itemId).map((row) => ({ field: row.fieldKey, reason: 'must be unique: another item has this value' }));
  }

  private uniqueViolation(error: unknown, fields: ContentField[]): never {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
      throw invalidInput(
        fields
          .filter((field) => field.unique)
          .map((field) => ({ field: field.key, reason: 'must be unique: another item has this value' }))
          .slice(0, 1),
      );
    }
    throw error;
  }

  async create(contentTypeId: string, input: unknown): Promise<Item> {
    const type = await this.type(contentTypeId);
    const fields = await this.fields.ofType(type.id);
    const validated = validateValues(fields, input, 'create');
    const values = Object.fromEntries(Object.entries(validated.values).filter(([, value]) => value !== null));
    const problems = [
      ...validated.errors,
      ...(await this.checkReferences(validated.references)),
      ...(await this.checkMembers(validated.members)),
      ...(await this.checkUnique(type, fields, values, undefined)),
    ];
    if (problems.length > 0) throw invalidInput(problems);
    const userId = this.principal.userId ?? null;
    try {
      return await this.em.transactional(async (em) => {
        const item = em.create(Item, { workspaceId: type.workspaceId, contentTypeId: type.id, values, createdBy: userId, updatedBy: userId });
        recordAuditEvent(em, this.principal, { targetType: 'Item', verb: 'created', targetId: item.id, changes: changedFields(null, values) });
        await em.flush();
        await this.insertUniqueValues(em, type, fields, item.id, values);
        await this.adjustValueCounts(em, type, fields, null, values);
        await em.nativeUpdate(ContentType, { id: type.id }, { itemCount: raw('item_count + 1') });
        return item;
      });
    } catch (error) {
      this.uniqueViolation(error, fields);
    }
  }

  /** Moves the per-value counters of counted fields from `before` to `after` (either may be null). */
  private async adjustValueCounts(em: SubgraphEntityManager, type: ContentType, fields: ContentField[], before: Record<string, unknown> | null, after: Record<string, unknown> | null): Promise<void> {
    const changes = new Map<string, number>();
    for (const field of fields.filter((candidate) => COUNTED_KINDS.has(candidate.kind))) {
      const old = before?.[field.key];
      const next = after?.[field.key];
      if (uniqueText(old) === uniqueText(next)) continue;
      if (old !== undefined && old !== null) changes.set(`${field.key}\u0000${uniqueText(old)}`, (changes.get(`${field.key}\u0000${uniqueText(old)}`) ?? 0) - 1);
      if (next !== undefined && next !== null) changes.set(`${field.key}\u0000${uniqueText(next)}`, (changes.get(`${field.key}\u0000${uniqueText(next)}`) ?? 0) + 1);
    }
    const rows = [...changes].filter(([, delta]) => delta !== 0);
    if (rows.length === 0) return;
    await em.getConnection().execute(
      `insert into "content"."item_value_counts" (workspace_id, content_type_id, field_key, value, count) values ${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')}
       on conflict (workspace_id, content_type_id, field_key, value) do update set count = item_value_counts.count + excluded.count`,
      rows.flatMap(([key, delta]) => [type.workspaceId, type.id, ...key.split('\u0000'), delta]),
      'all',
      em.getTransactionContext(),
    );
  }

  private async insertUniqueValues(em: SubgraphEntityManager, type: ContentType, fields: ContentField[], itemId: string, values: Record<string, unknown>): Promise<void> {
    const rows = fields.filter((field) => field.unique && values[field.key] !== undefined && values[field.key] !== null);
    if (rows.length === 0) return;
    await em.getConnection().execute(
      `insert into "content"."item_unique_values" (workspace_id, content_type_id, field_key, value, item_id) values ${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      rows.flatMap((field) => [type.workspaceId, type.id, field.key, uniqueText(values[field.key]), itemId]),
      'all',
      em.getTransactionContext(),
    );
  }

  /** A partial update: only the given keys change; null clears a value. */
  async update(id: string, input: unknown): Promise<Item> {
    const item = await this.get(id);
    const type = await this.type(item.contentTypeId);
    const fields = await this.fields.ofType(type.id);
    const validated = validateValues(fields, input, 'update');
    const values = { ...item.values };
    for (const [key, value] of Object.entries(validated.values)) {
      if (value === null) delete values[key];
      else values[key] = value;
    }
    const changedUnique = fields.filter((field) => field.unique && Object.hasOwn(validated.values, field.key));
    const problems = [
      ...validated.errors,
      ...(await this.checkReferences(validated.references)),
      ...(await this.checkMembers(validated.members)),
      ...(await this.checkUnique(type, changedUnique, values, item.id)),
    ];
    if (problems.length > 0) throw invalidInput(problems);
    try {
      const before = item.values;
      await this.em.transactional(async (em) => {
        await this.adjustValueCounts(em, type, fields, before, values);
        item.values = values;
        item.updatedAt = new Date();
        item.updatedBy = this.principal.userId ?? null;
        recordAuditEvent(em, this.principal, { targetType: 'Item', verb: 'updated', targetId: item.id, changes: changedFields(before, values) });
        await em.flush();
        if (changedUnique.length > 0) {
          await em.nativeDelete(ItemUniqueValue, { contentTypeId: type.id, itemId: item.id, fieldKey: { $in: changedUnique.map((field) => field.key) } });
          await this.insertUniqueValues(em, type, changedUnique, item.id, values);
        }
      });
    } catch (error) {
      this.uniqueViolation(error, fields);
    }
    return item;
  }

  /** Answers the id deleted. */
  async delete(id: string): Promise<string> {
    const item = await this.get(id);
    const type = await this.type(item.contentTypeId);
    const fields = await this.fields.ofType(type.id);
    await this.em.transactional(async (em) => {
      recordAuditEvent(em, this.principal, { targetType: 'Item', verb: 'deleted', targetId: item.id, changes: changedFields(item.values, null) });
      await this.adjustValueCounts(em, type, fields, item.values, null);
      await em.nativeDelete(ItemUniqueValue, { contentTypeId: item.contentTypeId, itemId: item.id });
      await em.nativeDelete(Item, { id: item.id });
      await em.nativeUpdate(ContentType, { id: item.contentTypeId }, { itemCount: raw('item_count - 1') });
    });
    return item.id;
  }
}
