import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONSENT_RECEIPT_SCHEMA } from '../libs/disclosure/consent-receipt.schema';
import { EXPORT_SCHEMA } from '../libs/data-export/export.schema';

/**
 * Writes the published JSON Schemas (docs/*.schema.json) from their TypeScript sources.
 * `--check` fails when a committed file differs (tests check it too).
 */
export const JSON_SCHEMAS: Record<string, object> = {
  'docs/consent-receipt.schema.json': CONSENT_RECEIPT_SCHEMA,
  'docs/export.schema.json': EXPORT_SCHEMA,
};

export const printJsonSchema = (schema: object) => `${JSON.stringify(schema, null, 2)}\n`;

function main(): void {
  const root = join(__dirname, '..', '..');
  let stale = 0;
  for (const [file, schema] of Object.entries(JSON_SCHEMAS)) {
    const path = join(root, file);
    const printed = printJsonSchema(schema);
    if (process.argv.includes('--check')) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== printed) {
        console.error(`${file} is out of date: run \`npm run schema:json\` and commit the result.`);
        stale += 1;
      }
    } else {
      writeFileSync(path, printed);
      console.log(`wrote ${file}`);
    }
  }
  process.exit(stale > 0 ? 1 : 0);
}

if (require.main === module) main();
