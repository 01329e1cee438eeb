// GraphQL enums over stored ("wire") values that are not valid enum names (`apiKey.created`,
// `ApiKey`, `query`): each value is named in SCREAMING_SNAKE_CASE and keeps its wire form
// as its internal value, so resolvers and rows hold the wire form and GraphQL maps both
// ways. An unknown value sent by a client fails validation; one answered fails loudly.
import { registerEnumType } from 'type-graphql';

/** `apiKey.created` → API_KEY_CREATED, `ContentField` → CONTENT_FIELD, `query` → QUERY. */
export function enumValueName(wire: string): string {
  return wire
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

/** Registers enum `name` over `wires`; returns the enum object (name → wire) for `@Field(() => …)`. */
export function registerWireEnum(name: string, description: string, wires: readonly string[], describe: (wire: string) => string): Readonly<Record<string, string>> {
  const values = Object.fromEntries(wires.map((wire) => [enumValueName(wire), wire]));
  if (Object.keys(values).length !== wires.length) throw new Error(`${name}: two values share an enum name`);
  registerEnumType(values, { name, description, valuesConfig: Object.fromEntries(wires.map((wire) => [enumValueName(wire), { description: describe(wire) }])) });
  return values;
}
