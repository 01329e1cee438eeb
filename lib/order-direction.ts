// The direction of every `orderBy` input (ItemOrder, ApiKeyOrder): one enum, declared
// identically by each subgraph that orders a list, so that composition merges it.
import { registerEnumType } from 'type-graphql';

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Ascending or descending.',
  valuesConfig: { ASC: { description: 'Smallest first.' }, DESC: { description: 'Largest first.' } },
});
