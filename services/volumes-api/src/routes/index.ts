import { type ServiceApp, commonWebAppRoutes, resources } from '@kf-ts/shared';
import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.ts';
import { ViewerSpecStore } from '../viewer-spec.ts';
import { VolumeViews } from '../volume-views.ts';
import { pvcReadRoutes } from './pvc-read-routes.ts';
import { pvcWriteRoutes } from './pvc-write-routes.ts';
import { viewerRoutes } from './viewer-routes.ts';

/** What the route plugins of this service share. */
export interface VolumesContext {
  config: Config;
  views: VolumeViews;
  viewerSpec: ViewerSpecStore;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** volumes-api's cache-backed views and viewer template (tests inspect them). */
    volumes: VolumesContext;
  }
}

/**
 * The cache-backed views and the viewer template, created on the root app so every route
 * plugin and the tests share them. The PVCViewer cache starts once discovery has seen the API.
 */
export function createVolumesContext(app: ServiceApp, config: Config, connect: boolean): VolumesContext {
  const views = new VolumeViews(app.caches, app.discovery);
  const viewerSpec = new ViewerSpecStore(config.VIEWER_SPEC_PATH, app.log);
  if (connect) {
    // Discovery re-checks on its own timer; a CRD installed later turns viewers on.
    app.discovery.onChange(() => views.syncOptionalCaches());
    app.addHook('onReady', async () => {
      await app.discovery.refresh();
      views.syncOptionalCaches();
    });
  }
  const context: VolumesContext = { config, views, viewerSpec };
  app.decorate('volumes', context);
  return context;
}

/** Every route of the service, registered explicitly. */
export function routes(context: VolumesContext): FastifyPluginAsync {
  return async (instance) => {
    const app = instance as unknown as ServiceApp;
    await app.register(commonWebAppRoutes({ ownResource: resources.persistentVolumeClaims }));
    await app.register(pvcReadRoutes(context));
    await app.register(pvcWriteRoutes(context));
    await app.register(viewerRoutes(context));
  };
}
