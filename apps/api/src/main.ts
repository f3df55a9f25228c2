import 'reflect-metadata';
import { exitIfShutdownHangs } from '@app/common';
import { ConfigError, loadConfig } from '@app/config';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  exitIfShutdownHangs();
  const app = await createApiApp(config);
  await app.listen(config.PORT, config.HOST);
  console.log(`Intentcast API ready: http://${config.HOST}:${config.PORT}/graphql`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
