// The gateway's calls to identity's internal endpoints (principal lookup, key usage).
import { postInternal } from '../lib/internal-call.js';

export interface IdentityClient {
  post<T>(path: string, payload: unknown): Promise<T>;
}

export function createIdentityClient(identityGraphqlUrl: string, signingSecrets: readonly string[], timeoutMs = 5000): IdentityClient {
  return { post: (path, payload) => postInternal('identity', identityGraphqlUrl, path, payload, signingSecrets, timeoutMs) };
}
