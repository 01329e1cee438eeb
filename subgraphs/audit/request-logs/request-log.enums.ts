// The GraphQL enums of RequestLog, built from the value lists of lib/request-log.ts, and the
// bucket width of requestLogVolume.
import { OPERATION_TYPES, REQUEST_OUTCOMES } from '../../../lib/request-log.js';
import { registerEnumType } from 'type-graphql';
import { registerWireEnum } from '../../../lib/wire-enum.js';

export const OperationType = registerWireEnum('OperationType', 'The kind of GraphQL operation a request ran.', OPERATION_TYPES, (type) => `A ${type}.`);

const OUTCOME_DESCRIPTIONS: Readonly<Record<string, string>> = {
  OK: 'The response carried no error.',
  CLIENT_CLOSED: 'The client hung up before its answer was complete.',
  HTTP_ERROR: 'An HTTP error status without an error code (such as 408): `httpStatus` says which.',
  UNKNOWN: 'An error whose code is not one of these.',
};

export const RequestOutcome = registerWireEnum(
  'RequestOutcome',
  'How a request ended: `OK`, or one of the error codes of its response (docs/errors.md), or how the HTTP exchange failed.',
  REQUEST_OUTCOMES,
  (outcome) => OUTCOME_DESCRIPTIONS[outcome] ?? `The response carried \`${outcome}\` (docs/errors.md).`,
);

/** The width of one bucket of requestLogVolume. */
export enum VolumeInterval {
  MINUTE = 'MINUTE',
  HOUR = 'HOUR',
  DAY = 'DAY',
}

registerEnumType(VolumeInterval, {
  name: 'VolumeInterval',
  description: 'The width of one bucket of `requestLogVolume`.',
  valuesConfig: {
    MINUTE: { description: 'One bucket per minute.' },
    HOUR: { description: 'One bucket per hour (of the time zone asked for).' },
    DAY: { description: 'One bucket per day, midnight to midnight in the time zone asked for.' },
  },
});
