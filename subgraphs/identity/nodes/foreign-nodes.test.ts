// identity refuses node(id:) for a content or audit type by the @scopes of its own stub
// of that type: the stub must say exactly what the owner's type says.
import { isObjectType } from 'graphql';
import { expect, it } from 'vitest';
import { declaredRequirement } from '../../../lib/scopes-directive.js';
import { buildAuditSchema } from '../../audit/schema.js';
import { buildContentSchema } from '../../content/schema.js';
import { buildIdentitySchema } from '../schema.js';
import { FOREIGN_NODE_TYPES } from './foreign-nodes.reference.js';

it("gives each stub of another subgraph's Node type the owner's scopes and description", async () => {
  const [identity, ...owners] = await Promise.all([buildIdentitySchema(), buildContentSchema(), buildAuditSchema()]);
  for (const typeName of Object.keys(FOREIGN_NODE_TYPES)) {
    const stub = identity.getType(typeName);
    const owner = owners.map((schema) => schema.getType(typeName)).find(isObjectType);
    const ownerSchema = owners.find((schema) => schema.getType(typeName) === owner)!;
    if (!isObjectType(stub) || !owner) throw new Error(`${typeName}: no stub in identity or no owner`);
    expect({ typeName, scopes: declaredRequirement(identity, stub), description: stub.description }).toEqual({
      typeName,
      scopes: declaredRequirement(ownerSchema, owner),
      description: owner.description,
    });
  }
});
