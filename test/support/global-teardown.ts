import { dropDatabase } from './databases';
import { deleteKeys } from './redis';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.INTENTCAST_TEMPLATE_DB;
  if (template) await dropDatabase(template);
  const base = process.env.INTENTCAST_REDIS_PREFIX_BASE;
  if (base) await deleteKeys(`${base}*`);
}
