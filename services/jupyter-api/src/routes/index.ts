import {
  type ServiceApp,
  type WatchCache,
  commonWebAppRoutes,
  podDefaultRoutes,
  resources,
} from '@kf-ts/shared';
import type { FastifyPluginAsync } from 'fastify';
import { type Config, allowedVolumeSources } from '../config.ts';
import type { EventObject, NotebookObject } from '../notebook-status.ts';
import { NOTEBOOK_NAME_LABEL, NotebookViews, type PodObject } from '../notebook-views.ts';
import { SpawnerConfigStore } from '../spawner-config.ts';
import { configRoutes } from './config-routes.ts';
import { notebookReadRoutes } from './notebook-read-routes.ts';
import { notebookWriteRoutes } from './notebook-write-routes.ts';
import { pvcRoutes } from './pvc-routes.ts';

/** What the route plugins of this service share. */
export interface JupyterContext {
  config: Config;
  spawner: SpawnerConfigStore;
  views: NotebookViews;
  notebooks: WatchCache<NotebookObject>;
  allowedVolumeSources: Set<string>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** jupyter-api's spawner config store and cache-backed views (tests inspect them). */
    jupyter: JupyterContext;
  }
}

/**
 * The spawner config store and the cache-backed views, created on the root app (so tests and
 * every route plugin see the same ones).
 */
export function createJupyterContext(app: ServiceApp, config: Config): JupyterContext {
  const spawner = new SpawnerConfigStore(config.SPAWNER_CONFIG_PATH, app.log);
  app.addHook('onReady', async () => spawner.start());
  app.addHook('onClose', async () => spawner.close());
  const notebooks = app.caches.cache<NotebookObject>(resources.notebooks);
  const pods = app.caches.cache<PodObject>(resources.pods, { labelSelector: NOTEBOOK_NAME_LABEL });
  const events = app.caches.cache<EventObject>(resources.events, {
    fieldSelector: 'involvedObject.kind=Notebook',
  });
  const context: JupyterContext = {
    config,
    spawner,
    views: new NotebookViews(notebooks, pods, events, spawner),
    notebooks,
    allowedVolumeSources: allowedVolumeSources(config),
  };
  app.decorate('jupyter', context);
  return context;
}

/** Every route of the service, registered explicitly. */
export function routes(context: JupyterContext): FastifyPluginAsync {
  return async (instance) => {
    const app = instance as unknown as ServiceApp;
    await app.register(commonWebAppRoutes({ ownResource: resources.notebooks }));
    await app.register(podDefaultRoutes());
    await app.register(configRoutes(context));
    await app.register(pvcRoutes());
    await app.register(notebookReadRoutes(context));
    await app.register(notebookWriteRoutes(context));
  };
}
