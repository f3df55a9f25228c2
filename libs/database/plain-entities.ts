import type {
  EntityManager,
  EntityMetadata,
  EntityTarget,
  FindManyOptions,
  ObjectLiteral,
  SelectQueryBuilder,
} from 'typeorm';
import { DriverUtils } from 'typeorm/driver/DriverUtils';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** The selected columns of one entity under one alias, with the raw result key of each. */
type Plan = Array<{ column: ColumnMetadata; key: string }>;

const plans = new WeakMap<EntityMetadata, Map<string, Plan>>();

function planFor(query: SelectQueryBuilder<ObjectLiteral>, metadata: EntityMetadata, alias: string): Plan {
  let byAlias = plans.get(metadata);
  if (!byAlias) plans.set(metadata, (byAlias = new Map()));
  let plan = byAlias.get(alias);
  if (!plan) {
    const driver = query.dataSource.driver;
    // The columns a whole-entity SELECT names (see SelectQueryBuilder.buildEscapedEntityColumnSelects).
    plan = metadata.columns
      .filter((column) => column.isSelect)
      .map((column) => ({ column, key: DriverUtils.buildAlias(driver, undefined, alias, column.databaseName) }));
    byAlias.set(alias, plan);
  }
  return plan;
}

/** A SELECT of one whole entity, with nothing TypeORM's getMany() would have to add to the rows. */
function isPlain(query: SelectQueryBuilder<ObjectLiteral>): boolean {
  const map = query.expressionMap;
  const alias = map.mainAlias;
  if (!alias?.hasMetadata) return false;
  const metadata = alias.metadata;
  return (
    map.selects.length === 1 &&
    map.selects[0].selection === alias.name &&
    !map.selects[0].aliasName &&
    map.joinAttributes.length === 0 &&
    map.relationIdAttributes.length === 0 &&
    map.relationLoadStrategy !== 'query' &&
    !map.lockMode &&
    metadata.tableType === 'regular' &&
    !metadata.discriminatorColumn &&
    metadata.childEntityMetadatas.length === 0 &&
    metadata.relations.every((relation) => !relation.isLazy) &&
    metadata.afterLoadListeners.length === 0 &&
    query.dataSource.subscribers.length === 0
  );
}

/**
 * `query.getMany()`, faster for the common case of one entity selected whole with no joins.
 *
 * TypeORM's getMany() groups the rows by primary key and walks its join and relation-id
 * machinery for every row even when a query has none of them: for a 20-row list of
 * a 25-column entity that costs about as much CPU again as pg's parsing of the answer. For a plain
 * SELECT (no joins, relation ids, partial selection, locks, inheritance, lazy relations,
 * load listeners or subscribers) this runs the very same SQL through getRawMany() and sets each
 * selected column with the driver's own conversion (`prepareHydratedValue`) and
 * `ColumnMetadata.setEntityValue`, exactly as TypeORM's RawSqlResultsToEntityTransformer does. Any
 * other query simply goes to getMany().
 */
export async function getEntities<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): Promise<T[]> {
  if (!isPlain(query)) return query.getMany();
  const alias = query.expressionMap.mainAlias!;
  const metadata = alias.metadata;
  const plan = planFor(query, metadata, alias.name);
  const driver = query.dataSource.driver;
  const rows = await query.getRawMany<Record<string, unknown>>();
  return rows.map((row) => {
    const entity = metadata.create(undefined, { fromDeserializer: true }) as T;
    for (const { column, key } of plan) {
      const value = row[key];
      if (value !== undefined) column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
    }
    return entity;
  });
}

/** `manager.find(target, options)` through getEntities (TypeORM's EntityManager.find builds the same query). */
export function findEntities<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  options: FindManyOptions<T>,
): Promise<T[]> {
  const metadata = manager.dataSource.getMetadata(target);
  return getEntities(manager.createQueryBuilder<T>(target, metadata.name).setFindOptions(options));
}
