import {
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  parse,
  valueFromAST,
} from 'graphql';

/*
 * Which root fields take an id, and which ids an operation document gives them: the authorisation
 * matrix must hold a row for every such field (test/authorization-matrix.spec.ts).
 */

export interface IdTakingField {
  /** e.g. "Mutation.setDisclosurePolicy". */
  name: string;
  /** Where the ids go, e.g. ["intentId"] or ["input.selections.offerId"]. */
  idPaths: string[];
}

const rootTypes = (schema: GraphQLSchema): GraphQLObjectType[] =>
  [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(
    (type): type is GraphQLObjectType => Boolean(type),
  );

/** Paths of every ID inside an argument's type (through lists and input objects). */
function idPathsOf(type: GraphQLInputType, path: string, seen: ReadonlySet<string> = new Set()): string[] {
  const named = getNamedType(type);
  if (named.name === 'ID') return [path];
  if (!isInputObjectType(named) || seen.has(named.name)) return [];
  const inside = new Set(seen).add(named.name);
  return Object.values(named.getFields()).flatMap((field) => idPathsOf(field.type, `${path}.${field.name}`, inside));
}

/** Every Query, Mutation and Subscription field with an argument of type ID, or an input holding one. */
export function idTakingRootFields(schema: GraphQLSchema): IdTakingField[] {
  return rootTypes(schema).flatMap((root) =>
    Object.values(root.getFields()).flatMap((field) => {
      const idPaths = field.args.flatMap((arg) => idPathsOf(arg.type, arg.name));
      return idPaths.length > 0 ? [{ name: `${root.name}.${field.name}`, idPaths }] : [];
    }),
  );
}

/** The ID paths a value fills in, following its input type. */
function idPathsIn(type: GraphQLInputType, value: unknown, path: string): string[] {
  if (value === null || value === undefined) return [];
  if (isNonNullType(type)) return idPathsIn(type.ofType, value, path);
  if (isListType(type)) {
    return (Array.isArray(value) ? value : [value]).flatMap((item) => idPathsIn(type.ofType, item, path));
  }
  if (isInputObjectType(type)) {
    const object = value as Record<string, unknown>;
    return Object.values(type.getFields()).flatMap((field) =>
      idPathsIn(field.type, object[field.name], `${path}.${field.name}`),
    );
  }
  return getNamedType(type).name === 'ID' ? [path] : [];
}

/**
 * The root fields an operation calls, each with the ID paths it is given a value for (inline or
 * through the variables).
 */
export function idsGiven(schema: GraphQLSchema, document: string, variables: Record<string, unknown>): IdTakingField[] {
  const operation = parse(document).definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new Error(`no operation in ${document}`);
  const root = schema.getRootType(operation.operation);
  if (!root) throw new Error(`the schema has no ${operation.operation} type`);
  return operation.selectionSet.selections.flatMap((selection) => {
    if (selection.kind !== Kind.FIELD) return [];
    const field = root.getFields()[selection.name.value];
    if (!field) throw new Error(`${root.name}.${selection.name.value} is not in the schema`);
    const idPaths = (selection.arguments ?? []).flatMap((argument) => {
      const definition = field.args.find((arg) => arg.name === argument.name.value);
      if (!definition) return [];
      return idPathsIn(definition.type, valueFromAST(argument.value, definition.type, variables), argument.name.value);
    });
    return [{ name: `${root.name}.${field.name}`, idPaths: [...new Set(idPaths)] }];
  });
}
