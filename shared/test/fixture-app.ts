import { Type } from '@sinclair/typebox';
import { createServiceApp } from '../src/app-factory.ts';
import { baseConfigProperties } from '../src/config.ts';
import { ok, successEnvelope } from '../src/http/envelope.ts';
import { kubeSubject } from '../src/auth/ability.ts';
import { inNamespace, requires } from '../src/auth/route-access.ts';
import type { KubeClient } from '../src/kube/kube-client.ts';
import { resources } from '../src/kube/resources.ts';
import { commonWebAppRoutes } from '../src/webapp/common-routes.ts';
import { podDefaultRoutes } from '../src/webapp/poddefaults.ts';
import { serviceKube, testConfig } from '../test-support/index.ts';

/** A minimal service on the shared core: what every real service gets, plus two guarded routes. */
export async function buildFixtureApp(env: Record<string, string> = {}, kube?: KubeClient) {
  const config = testConfig(baseConfigProperties, env);
  const app = await createServiceApp({
    name: 'fixture',
    title: 'Fixture',
    description: 'shared core under test',
    version: '0.0.0',
    config,
    kube: kube ?? (await serviceKube()),
    logger: false,
    serveSpa: true,
  });
  app.get(
    '/api/namespaces/:namespace/pods',
    {
      config: { access: requires(inNamespace('list', resources.pods)) },
      schema: {
        operationId: 'listThings',
        params: Type.Object({ namespace: Type.String() }),
        response: { 200: successEnvelope({ count: Type.Integer() }) },
      },
    },
    async (request) => ok(request, { count: 0 }),
  );
  app.post(
    '/api/namespaces/:namespace/pods',
    {
      config: { access: requires(inNamespace('create', resources.pods)) },
      schema: {
        operationId: 'createThing',
        params: Type.Object({ namespace: Type.String() }),
        body: Type.Object(
          { name: Type.String({ minLength: 1 }), size: Type.Optional(Type.Integer()) },
          { additionalProperties: false },
        ),
        response: { 200: successEnvelope({ message: Type.String() }) },
      },
    },
    async (request) => ok(request, { message: `created ${request.body.name}` }),
  );
  // A handler reading the CASL ability built from this request's decisions (the declared check,
  // plus one it makes itself).
  app.get(
    '/api/namespaces/:namespace/abilities',
    {
      config: { access: requires(inNamespace('list', resources.pods)) },
      schema: {
        operationId: 'abilities',
        params: Type.Object({ namespace: Type.String() }),
        response: {
          200: successEnvelope({
            listPods: Type.Boolean(),
            createPods: Type.Boolean(),
            elsewhere: Type.Boolean(),
          }),
        },
      },
    },
    async (request) => {
      const { namespace } = request.params;
      const pods = (ns: string) => kubeSubject('', 'pods', { namespace: ns });
      const before = request.ability.can('create', pods(namespace));
      await request.isAllowed({ verb: 'create', group: '', version: 'v1', resource: 'pods', namespace });
      return ok(request, {
        listPods: request.ability.can('list', pods(namespace)),
        createPods: request.ability.can('create', pods(namespace)) && !before,
        elsewhere: request.ability.can('list', pods(`${namespace}-other`)),
      });
    },
  );
  app.get(
    '/api/boom',
    { config: { access: { kind: 'authenticated' } }, schema: { operationId: 'boom' } },
    async () => {
      throw new Error('secret internal detail: password=hunter2');
    },
  );
  await app.register(commonWebAppRoutes({ ownResource: resources.notebooks }));
  await app.register(podDefaultRoutes());
  await app.ready();
  await app.caches.waitForSync();
  return app;
}
