import type { FastifyInstance } from 'fastify';
import type { BaseConfig } from './config.ts';

/**
 * Process concerns for a service's server.ts: listen, then on SIGTERM/SIGINT stop taking new
 * requests and give in-flight ones SHUTDOWN_GRACE_MS before exiting.
 */
export async function runService(app: FastifyInstance, config: BaseConfig): Promise<void> {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('graceful shutdown timed out; exiting');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS + 1000);
    force.unref();
    try {
      await app.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.PORT, host: config.HOST });
}
