// requestLogs (the current workspace's API calls), requestLogVolume (the same calls counted
// per minute, hour or day) and ApiKey.requestLogs (one key's).
import { Arg, Args, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';
import { ConnectionType, PageArgs, type Connection } from '../../../lib/connection.js';
import type { AuditContext } from '../context.js';
import { User } from '../users/user.reference.js';
import { ApiKey, resolveApiKeyReference } from './api-key.reference.js';
import { RequestLog } from './request-log.entity.js';
import { RequestLogFilter, RequestLogRangeFilter } from './request-log.input.js';
import { VolumeInterval } from './request-log.enums.js';
import { RequestLogVolume } from './request-log-volume.js';
import { AUTOMATIC_VOLUME_BUCKETS, MAX_VOLUME_BUCKETS } from './volume-buckets.js';

export const RequestLogConnection = ConnectionType(RequestLog, 'RequestLog');

/**
 * audit:read reads every entry of the workspace; keys:read (held by anyone who manages
 * their own keys) reads only your own requests: seeing a key's usage is part of managing it.
 */
export const REQUEST_LOG_SCOPES = scopes(['audit:read'], ['keys:read']);

@Resolver(() => RequestLog)
export class RequestLogResolver {
  @Directive(REQUEST_LOG_SCOPES)
  @Query(() => RequestLogConnection, {
    nullable: true,
    description: "API requests made in the current workspace, newest first; by default those of the last 24 hours. With `audit:read`, everyone's; otherwise only your own.",
  })
  requestLogs(
    @Arg('filter', () => RequestLogFilter, { nullable: true, description: 'Key, time range, outcome, operation.' }) filter: RequestLogFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: AuditContext,
  ): Promise<Connection<RequestLog>> {
    return context.requestLogs.list(filter, page);
  }

  @Directive(REQUEST_LOG_SCOPES)
  @Query(() => [RequestLogVolume], {
    nullable: true,
    description: `How many requests \`requestLogs\` would list with the same filter, and how many of them failed, per minute, hour or day, oldest first: every interval of the range is there, with zeros where nothing happened (the first starts at or before \`createdAfter\`). By default the last 24 hours. With \`audit:read\`, everyone's; otherwise only your own. At most ${MAX_VOLUME_BUCKETS} intervals (BAD_USER_INPUT beyond): a longer range needs a longer interval.`,
  })
  requestLogVolume(
    @Arg('filter', () => RequestLogFilter, { nullable: true, description: 'Key, time range, outcome, operation, as for `requestLogs`.' }) filter: RequestLogFilter | undefined,
    @Arg('interval', () => VolumeInterval, {
      nullable: true,
      description: `The width of one interval; by default the finest of MINUTE, HOUR and DAY that gives at most ${AUTOMATIC_VOLUME_BUCKETS} intervals over the range.`,
    })
    interval: VolumeInterval | undefined,
    @Arg('timeZone', () => String, {
      nullable: true,
      description: 'IANA time zone name (`Europe/Paris`) whose hours and midnights the intervals follow, so that a day is a day where the reader is; default `UTC`.',
    })
    timeZone: string | undefined,
    @Ctx() context: AuditContext,
  ): Promise<RequestLogVolume[]> {
    return context.requestLogs.volume(filter, interval ?? undefined, timeZone ?? undefined);
  }

  @FieldResolver(() => ApiKey, {
    nullable: true,
    description: "The API key the request was made with, if any; null also for a key you may not see (another user's), as `apiKey(id:)` answers. Its fields need `keys:read`.",
  })
  apiKey(@Root() log: RequestLog): ApiKey | null {
    return log.keyId ? resolveApiKeyReference({ id: log.keyId }) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user behind the credential, if any (none for a workspace key).' })
  user(@Root() log: RequestLog): User | null {
    return log.userId ? Object.assign(new User(), { id: log.userId }) : null;
  }
}

// No scopes of its own: whoever may see the key (keys:read) may ask; what they see is
// decided per entry (their own requests, or the workspace's with audit:read).
@Resolver(() => ApiKey)
export class ApiKeyRequestLogsResolver {
  @FieldResolver(() => RequestLogConnection, {
    description: "Requests made with this key, newest first; by default those of the last 24 hours. Your own key: all of them; another's: with `audit:read`, those in the current workspace.",
  })
  requestLogs(
    @Root() key: ApiKey,
    @Arg('filter', () => RequestLogRangeFilter, { nullable: true, description: 'Time range, outcome, operation.' }) filter: RequestLogRangeFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: AuditContext,
  ): Promise<Connection<RequestLog>> {
    return context.requestLogs.forKey(key.id, filter, page);
  }
}
