// The shapes of `errors[].extensions` declared in the schema, so GraphQL Code Generator
// emits `ErrorCode`, `ErrorExtensions` and `FieldError` for clients to type the errors they
// read. Errors stay where GraphQL puts them (top-level `errors`); no field returns these
// types, so one subgraph registers them as orphaned types (subgraphs/identity/schema.ts)
// and composition and the API schema keep them (lib/error-extensions.test.ts checks
// schema/api.graphql). Codes and descriptions come from lib/errors.ts, the one source.
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ERROR_EXTENSION_DESCRIPTIONS, ERROR_GUIDANCE, type ClientErrorCode, type ErrorExtensionFields, type FieldProblem } from './errors.js';
import { Scope } from './scope-enum.js';
import { scopes } from './scopes-directive.js';

/** Every `extensions.code` a client can see, enum name = code. */
export const ErrorCodeEnum: Readonly<Record<ClientErrorCode, ClientErrorCode>> = Object.fromEntries(Object.keys(ERROR_GUIDANCE).map((code) => [code, code])) as Record<
  ClientErrorCode,
  ClientErrorCode
>;

registerEnumType(ErrorCodeEnum, {
  name: 'ErrorCode',
  description: 'What went wrong: `extensions.code` of every error (docs/errors.md gives the HTTP status and what to do). Branch on it, never on the message.',
  valuesConfig: Object.fromEntries(Object.entries(ERROR_GUIDANCE).map(([code, guidance]) => [code, { description: `${guidance.when} What to do: ${guidance.whatToDo}` }])),
});

// Never returned by a field, so nothing to require (the authorization suite wants every object type to say).
@Directive(scopes([]))
@ObjectType({ description: 'One invalid input field of a `BAD_USER_INPUT` error (`extensions.fieldErrors`).' })
export class FieldError implements FieldProblem {
  @Field(() => String, { description: 'Path of the input field, dotted from the input (`name`, `filter.from`, `options.singleSelect.choices`) or an item value key.' })
  field!: string;

  @Field(() => String, { description: 'What is wrong with its value, readable by a person.' })
  reason!: string;
}

const described = (key: keyof ErrorExtensionFields) => ({ nullable: true, description: ERROR_EXTENSION_DESCRIPTIONS[key] });

@Directive(scopes([]))
@ObjectType({
  description:
    'The `extensions` of an error in a response (`errors[].extensions`): `code` always, the other fields when the code carries them. Never returned by a field; declared so generated clients can type the errors they read (docs/errors.md shows how).',
})
export class ErrorExtensions implements ErrorExtensionFields {
  @Field(() => ErrorCodeEnum, { description: 'What went wrong; branch on it, never on the message.' })
  code!: ClientErrorCode;

  @Field(() => [FieldError], described('fieldErrors'))
  fieldErrors?: FieldError[];

  @Field(() => String, described('argumentName'))
  argumentName?: string;

  @Field(() => [[Scope]], described('requiredScopes'))
  requiredScopes?: string[][];

  @Field(() => Int, described('retryAfter'))
  retryAfter?: number;

  @Field(() => Int, described('limit'))
  limit?: number;

  @Field(() => Float, described('actual'))
  actual?: number;

  @Field(() => String, described('limitName'))
  limitName?: 'depth' | 'values';

  @Field(() => Int, described('cost'))
  cost?: number;

  @Field(() => String, described('correlationId'))
  correlationId?: string;

  @Field(() => String, described('serviceName'))
  serviceName?: string;

  @Field(() => ID, described('workspaceId'))
  workspaceId?: string;

  @Field(() => String, described('reason'))
  reason?: string;
}
