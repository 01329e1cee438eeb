// The audit subgraph's federated schema (no database needed to build it).
import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../../lib/federated-schema.js';
import { RequestLogResolver } from './request-logs/request-log.resolver.js';

export function buildAuditSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: [RequestLogResolver] });
}
