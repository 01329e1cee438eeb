// The usage API (issue 19): schemaUsage (who used a schema coordinate, how often, through
// which operations), unusedFields (what nobody used, for cleanup) and schemaVersions (the
// schemas `npm run schema:publish` recorded). `npm run schema:check --usage <gateway URL>`
// calls the first over HTTP, with a key holding audit:read.
import { Arg, Args, Ctx, Directive, Int, Query, Resolver } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../../lib/connection.js';
import { scopes } from '../../../lib/scopes-directive.js';
import type { SchemaCoordinateKind as CoordinateKind } from '../../../lib/schema-usage.js';
import type { AuditContext } from '../context.js';
import { DEFAULT_USAGE_DAYS } from './schema-usage.service.js';
import { MAX_USAGE_ROWS, SchemaCoordinateKind, SchemaCoordinateUsage, UnusedSchemaCoordinate } from './schema-usage.types.js';
import { SchemaVersion } from './schema-version.entity.js';

export const UnusedSchemaCoordinateConnection = ConnectionType(UnusedSchemaCoordinate, 'UnusedSchemaCoordinate');
export const SchemaVersionConnection = ConnectionType(SchemaVersion, 'SchemaVersion');

const SCOPE_RULE = "Counts the current workspace's requests only; in the operators' workspace (`OPERATOR_WORKSPACE_ID`), every workspace's and those made without one (`scope` says which).";
/** The tag `npm run schema:publish` records by default. */
const DEFAULT_SCHEMA_TAG = 'production';

@Resolver()
export class SchemaUsageResolver {
  @Directive(scopes(['audit:read']))
  @Query(() => SchemaCoordinateUsage, {
    nullable: true,
    description: `How often a schema coordinate was used, by which clients (\`apollographql-client-name\` and \`-version\` headers) and operations, counted in whole UTC days from recorded requests. A coordinate the schema no longer has is fine: that is how a removed field's last users are found. ${SCOPE_RULE} At most ${MAX_USAGE_ROWS} clients and operations, most requests first.`,
  })
  schemaUsage(
    @Arg('coordinate', () => String, { description: 'A schema coordinate: `Type`, `Type.field`, `Type.field(argument:)`, `Enum.VALUE` or `Input.field` (BAD_USER_INPUT otherwise).' })
    coordinate: string,
    @Arg('from', () => Date, {
      nullable: true,
      description: `Start of the range (its whole UTC day counts); default ${DEFAULT_USAGE_DAYS} days before \`to\`; an earlier start than retention is moved to the oldest day kept.`,
    })
    from: Date | undefined,
    @Arg('to', () => Date, { nullable: true, description: 'End of the range (its whole UTC day counts); default now. Before `from`: BAD_USER_INPUT.' }) to: Date | undefined,
    @Ctx() context: AuditContext,
  ): Promise<SchemaCoordinateUsage> {
    return context.schemaUsage.usage(coordinate, from ?? undefined, to ?? undefined);
  }

  @Directive(scopes(['audit:read']))
  @Query(() => UnusedSchemaCoordinateConnection, {
    nullable: true,
    description: `The coordinates of the API schema (\`schema/api.graphql\`) that no recorded request touched over the last \`days\` days, in coordinate order, deprecated ones with their reason. Counted from recorded traffic only: a field added or first recorded less than \`days\` ago, or used only by requests the scope leaves out, shows here too; a coordinate reached through a variable counts as used with everything its input type may carry. ${SCOPE_RULE}`,
  })
  unusedFields(
    @Arg('days', () => Int, {
      nullable: true,
      defaultValue: DEFAULT_USAGE_DAYS,
      description: 'The period, in days back from now: 1 to the retention (`AUDIT_RETENTION_DAYS`); BAD_USER_INPUT otherwise.',
    })
    days: number | null,
    @Arg('kinds', () => [SchemaCoordinateKind], { nullable: true, description: 'Only these kinds of coordinate (default: every kind).' }) kinds: CoordinateKind[] | undefined,
    @Arg('type', () => String, {
      nullable: true,
      description: "Only this type's coordinates: the type, its fields and their arguments, its input fields or its values (to clean up one type).",
    })
    type: string | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: AuditContext,
  ): Promise<Connection<UnusedSchemaCoordinate>> {
    return context.schemaUsage.unused(days ?? DEFAULT_USAGE_DAYS, kinds ?? undefined, type ?? undefined, page);
  }

  @Directive(scopes(['audit:read']))
  @Query(() => SchemaVersionConnection, {
    nullable: true,
    description: 'The schemas `npm run schema:publish` recorded with this tag, newest first: the first is what runs there now. The same in every workspace.',
  })
  schemaVersions(
    @Arg('tag', () => String, { nullable: true, defaultValue: DEFAULT_SCHEMA_TAG, description: 'Where they were published for (`production`, `staging`).' }) tag: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: AuditContext,
  ): Promise<Connection<SchemaVersion>> {
    return context.schemaUsage.versions(tag ?? DEFAULT_SCHEMA_TAG, page);
  }
}
