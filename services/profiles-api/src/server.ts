import { ConfigError, KubeClient, runService } from '@kf-ts/shared';
import { buildApp } from './app.ts';
import { loadServiceConfig } from './config.ts';

let config;
try {
  config = loadServiceConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
const kube = await KubeClient.create({ requestTimeoutMs: config.KUBE_REQUEST_TIMEOUT_MS });
const app = await buildApp({ config, kube });
await runService(app, config);
