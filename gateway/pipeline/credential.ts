// Step 2, the credential: which of the accepted header forms carries a secret, and whether
// its format and checksum hold. No I/O: a malformed credential costs a few string checks.
import { ERROR_HTTP_STATUS, ErrorCode, INVALID_CREDENTIAL_MESSAGE } from '../../lib/errors.js';
import { HttpError } from '../../lib/http-server.js';
import { readCredential } from '../credentials.js';
import type { GatewayStep } from './step.js';

/** What the gateway says, whatever made a credential fail: it never tells which. */
export const INVALID_CREDENTIAL = new HttpError(ERROR_HTTP_STATUS.UNAUTHENTICATED, ErrorCode.UNAUTHENTICATED, INVALID_CREDENTIAL_MESSAGE);

export const credentialStep: GatewayStep = {
  name: 'credential',
  run: (state) => {
    const credential = readCredential(state.request.headers);
    if (credential.outcome === 'invalid') throw INVALID_CREDENTIAL;
    state.credential = credential;
  },
};
