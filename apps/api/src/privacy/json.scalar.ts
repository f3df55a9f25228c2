import { GraphQLScalarType } from 'graphql';

const outputOnly = () => {
  throw new TypeError('JSONObject is an output type');
};

/** A JSON object, sent as is: consent receipts and the data export, whose schemas are published in docs/. */
export const JSONObjectScalar = new GraphQLScalarType({
  name: 'JSONObject',
  description: 'A JSON object (output only). Its shape is documented by a JSON Schema in docs/.',
  serialize: (value: unknown) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new TypeError('JSONObject must be an object');
    }
    return value;
  },
  parseValue: outputOnly,
  parseLiteral: outputOnly,
});
