import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { ServiceApp } from '../app-factory.ts';
import { authenticatedRoute } from '../auth/route-access.ts';
import { ok, successEnvelope } from '../http/envelope.ts';
import { type KubeObject, type ResourceRef, resources } from '../kube/resources.ts';

const DEFAULT_CLASS_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

export function isDefaultStorageClass(storageClass: KubeObject): boolean {
  const annotations = storageClass.metadata?.annotations ?? {};
  return DEFAULT_CLASS_ANNOTATIONS.some((key) => annotations[key] === 'true');
}

export interface CommonRoutesOptions {
  /** The resource this app is about; `/api/namespaces` lists namespaces where the caller may list it. */
  ownResource: ResourceRef;
}

/**
 * The routes every upstream web app serves: namespaces, storage classes and the default class.
 * Namespaces are the ones the caller can work in, not upstream's admin-only list.
 */
export function commonWebAppRoutes(options: CommonRoutesOptions): FastifyPluginAsync {
  return async (instance) => {
    const app = instance as unknown as ServiceApp;
    const namespaces = app.caches.cache(resources.namespaces);
    const storageClasses = app.caches.cache(resources.storageClasses);
    const own = options.ownResource;

    app.get(
      '/api/namespaces',
      {
        config: { access: authenticatedRoute },
        schema: {
          tags: ['common'],
          operationId: 'listNamespaces',
          summary: 'Namespaces the caller can work in',
          description: `All namespaces for a caller allowed to list namespaces cluster-wide; otherwise those where the caller may list ${own.plural}.`,
          response: { 200: successEnvelope({ namespaces: Type.Array(Type.String()) }) },
        },
      },
      async (request) => {
        const all = namespaces
          .list()
          .map((namespace) => namespace.metadata?.name ?? '')
          .filter(Boolean)
          .sort();
        const clusterWide = await request.isAllowed({
          verb: 'list',
          group: '',
          version: 'v1',
          resource: 'namespaces',
        });
        if (clusterWide) return ok(request, { namespaces: all });
        const allowed = await Promise.all(
          all.map((namespace) =>
            request.isAllowed({
              verb: 'list',
              group: own.group,
              version: own.version,
              resource: own.plural,
              namespace,
            }),
          ),
        );
        return ok(request, { namespaces: all.filter((_namespace, index) => allowed[index]) });
      },
    );

    app.get(
      '/api/storageclasses',
      {
        config: { access: authenticatedRoute },
        schema: {
          tags: ['common'],
          operationId: 'listStorageClasses',
          summary: 'Names of the storage classes in the cluster',
          response: { 200: successEnvelope({ storageClasses: Type.Array(Type.String()) }) },
        },
      },
      async (request) =>
        ok(request, {
          storageClasses: storageClasses
            .list()
            .map((storageClass) => storageClass.metadata?.name ?? '')
            .filter(Boolean)
            .sort(),
        }),
    );

    app.get(
      '/api/storageclasses/default',
      {
        config: { access: authenticatedRoute },
        schema: {
          tags: ['common'],
          operationId: 'getDefaultStorageClass',
          summary: 'The default storage class, or "" when there is none',
          response: { 200: successEnvelope({ defaultStorageClass: Type.String() }) },
        },
      },
      async (request) => {
        const defaults = storageClasses.list().filter(isDefaultStorageClass);
        const name = defaults.map((storageClass) => storageClass.metadata?.name ?? '').sort()[0] ?? '';
        return ok(request, { defaultStorageClass: name });
      },
    );
  };
}
