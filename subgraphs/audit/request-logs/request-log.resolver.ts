// requestLogs: the current workspace's API calls.
import { Arg, Args, Ctx, Directive, Query, Resolver } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';
import { ConnectionType, PageArgs, type Connection } from '../../../lib/connection.js';
import type { AuditContext } from '../context.js';
import { RequestLog } from './request-log.entity.js';
import { RequestLogFilter } from './request-log.input.js';

export const RequestLogConnection = ConnectionType(RequestLog, 'RequestLog');

@Resolver(() => RequestLog)
export class RequestLogResolver {
  @Directive(scopes(['audit:read']))
  @Query(() => RequestLogConnection, { description: 'API requests made in the current workspace, newest first; by default those of the last 24 hours.' })
  requestLogs(
    @Arg('filter', () => RequestLogFilter, { nullable: true, description: 'Key, time range, outcome, operation.' }) filter: RequestLogFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: AuditContext,
  ): Promise<Connection<RequestLog>> {
    return context.requestLogs.list(filter, page);
  }
}
