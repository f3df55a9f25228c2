import 'reflect-metadata';
import { exitIfShutdownHangs } from '@app/common';
import { ConfigError, loadConfig } from '@app/config';
import { createWorkerApp } from './create-worker-app';

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
  await createWorkerApp(config);
  console.log('Intentcast worker ready');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
