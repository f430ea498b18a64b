import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import * as apps from 'kubernetes-models/apps/v1';
import * as core from 'kubernetes-models/v1';
import * as rbac from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import * as apiextensions from 'kubernetes-models/apiextensions.k8s.io/v1';
import * as istioNetworking from '@kubernetes-models/istio/networking.istio.io/v1beta1';
import * as istioSecurity from '@kubernetes-models/istio/security.istio.io/v1beta1';
import {
  type ControlPlane,
  REPO_ROOT,
  kubectl,
  startControlPlane,
} from '../../tools/control-plane/control-plane.ts';
import { accessReview, serviceKube } from '../../shared/test-support/index.ts';

const DEPLOY = join(REPO_ROOT, 'deploy');
const SERVICES = ['jupyter-api', 'volumes-api', 'tensorboards-api', 'profiles-api'];
const KUSTOMIZATIONS = [
  'base',
  'overlays/istio',
  'crds',
  'roles',
  ...SERVICES.map((service) => `base/${service}`),
];

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  [key: string]: unknown;
}

function render(path: string): string {
  return kubectl(undefined, ['kustomize', join(DEPLOY, path)]);
}

function objects(path: string): Manifest[] {
  return parseAllDocuments(render(path)).map((document) => document.toJSON() as Manifest);
}

type Model = new (data: never) => { validate(): void };
const MODELS: Record<string, Model> = {
  'apps/v1/Deployment': apps.Deployment as unknown as Model,
  'v1/Service': core.Service as unknown as Model,
  'v1/ServiceAccount': core.ServiceAccount as unknown as Model,
  'v1/ConfigMap': core.ConfigMap as unknown as Model,
  'v1/Namespace': core.Namespace as unknown as Model,
  'rbac.authorization.k8s.io/v1/ClusterRole': rbac.ClusterRole as unknown as Model,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': rbac.ClusterRoleBinding as unknown as Model,
  'apiextensions.k8s.io/v1/CustomResourceDefinition':
    apiextensions.CustomResourceDefinition as unknown as Model,
  'networking.istio.io/v1beta1/VirtualService': istioNetworking.VirtualService as unknown as Model,
  'security.istio.io/v1beta1/AuthorizationPolicy': istioSecurity.AuthorizationPolicy as unknown as Model,
  'security.istio.io/v1beta1/PeerAuthentication': istioSecurity.PeerAuthentication as unknown as Model,
};

describe('deployment manifests', () => {
  it('render with kustomize, every one of them', () => {
    for (const path of KUSTOMIZATIONS) assert.ok(objects(path).length > 0, path);
  });

  it('validate against the Kubernetes and Istio schemas', () => {
    const rendered = objects('overlays/istio');
    for (const object of rendered) {
      const key = `${object.apiVersion}/${object.kind}`;
      const Model = MODELS[key];
      assert.ok(Model, `no schema known for ${key} (${object.metadata.name})`);
      assert.doesNotThrow(() => new Model(object as never).validate(), `${key} ${object.metadata.name}`);
    }
    // And a broken object is caught, so the check can fail.
    const broken = rendered.find((object) => object.kind === 'Deployment')!;
    const copy = structuredClone(broken) as unknown as { spec: { replicas: unknown } };
    copy.spec.replicas = 'one';
    assert.throws(() => new apps.Deployment(copy as never).validate());
  });

  it('run services hardened: non-root, read-only root filesystem, no capabilities, probes, resources, Node 22', () => {
    const deployments = objects('base').filter(
      (object) => object.kind === 'Deployment',
    ) as unknown as apps.IDeployment[];
    assert.equal(deployments.length, 4);
    for (const deployment of deployments) {
      const pod = deployment.spec!.template.spec!;
      const container = pod.containers[0]!;
      assert.equal(pod.securityContext?.runAsNonRoot, true);
      assert.equal(container.securityContext?.readOnlyRootFilesystem, true);
      assert.equal(container.securityContext?.allowPrivilegeEscalation, false);
      assert.deepEqual(container.securityContext?.capabilities?.drop, ['ALL']);
      assert.equal(container.livenessProbe?.httpGet?.path, '/healthz/liveness');
      assert.equal(container.readinessProbe?.httpGet?.path, '/healthz/readiness');
      assert.ok(container.resources?.limits?.memory && container.resources.requests?.cpu);
      assert.equal(pod.serviceAccountName, deployment.metadata!.name);
    }
    assert.match(readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8'), /ARG NODE_IMAGE=node:22-/);
  });

  it('grant no Secrets and no wildcards; every service may create SubjectAccessReviews and TokenReviews', () => {
    for (const service of SERVICES) {
      const role = objects(`base/${service}`).find(
        (object) => object.kind === 'ClusterRole',
      ) as unknown as rbac.IClusterRole;
      assert.equal(role.metadata!.name, `kf-ts-${service}`);
      const rules = role.rules ?? [];
      for (const rule of rules) {
        assert.ok(!(rule.resources ?? []).includes('secrets'), `${service} reads secrets`);
        assert.ok(
          !(rule.resources ?? []).includes('*') && !(rule.verbs ?? []).includes('*'),
          `${service} has a wildcard`,
        );
        assert.ok(!(rule.apiGroups ?? []).includes('*'), `${service} has a wildcard group`);
      }
      const can = (group: string, resource: string, verb: string) =>
        rules.some(
          (rule) =>
            rule.apiGroups?.includes(group) &&
            rule.resources?.includes(resource) &&
            rule.verbs.includes(verb),
        );
      assert.ok(can('authorization.k8s.io', 'subjectaccessreviews', 'create'), service);
      assert.ok(can('authentication.k8s.io', 'tokenreviews', 'create'), service);
    }
  });

  it("carry the services' bundled defaults unchanged in their ConfigMaps", () => {
    for (const [service, file] of [
      ['jupyter-api', 'spawner_ui_config.yaml'],
      ['volumes-api', 'viewer-spec.yaml'],
    ] as const) {
      assert.equal(
        readFileSync(join(DEPLOY, 'base', service, file), 'utf8'),
        readFileSync(join(REPO_ROOT, 'services', service, 'config', file), 'utf8'),
        `deploy/base/${service}/${file} differs from the service's bundled default`,
      );
    }
  });

  it("route Kubeflow's prefixes and admit only the ingress gateway", () => {
    const rendered = objects('overlays/istio');
    const prefixes = rendered
      .filter((object) => object.kind === 'VirtualService')
      .flatMap((object) =>
        (object as unknown as istioNetworking.IVirtualService).spec!.http!.flatMap((route) =>
          route.match!.map((match) => match.uri!.prefix),
        ),
      );
    assert.deepEqual(prefixes.sort(), [
      '/api/workgroup/',
      '/jupyter/',
      '/kfam/',
      '/tensorboards/',
      '/volumes/',
    ]);
    const policies = rendered.filter(
      (object) => object.kind === 'AuthorizationPolicy',
    ) as unknown as istioSecurity.IAuthorizationPolicy[];
    assert.equal(policies.length, 4);
    for (const policy of policies) {
      assert.deepEqual(policy.spec!.rules![0]!.from![0]!.source!.principals, [
        'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account',
      ]);
    }
  });

  describe('server-side dry run on a real API server', () => {
    let plane: ControlPlane;
    before(async () => {
      // Its own control plane: the Istio CRDs must not change what other test files discover.
      plane = await startControlPlane({ withControllerManager: false, users: [] });
      kubectl(plane.adminKubeconfig, ['apply', '-f', join(DEPLOY, 'test', 'istio-crds.yaml')]);
      kubectl(plane.adminKubeconfig, [
        'wait',
        '--for=condition=Established',
        '--timeout=60s',
        '-f',
        join(DEPLOY, 'test', 'istio-crds.yaml'),
      ]);
    });
    after(() => plane?.stop());

    it('accepts every rendered object of the istio overlay', () => {
      // The namespace must exist for the namespaced objects' dry run.
      kubectl(plane.adminKubeconfig, ['create', 'namespace', 'kubeflow']);
      const out = kubectl(
        plane.adminKubeconfig,
        ['apply', '--server-side', '--force-conflicts', '--dry-run=server', '-f', '-'],
        render('overlays/istio'),
      );
      assert.match(out, /deployment.apps\/jupyter-api serverside-applied \(server dry run\)/);
      assert.match(
        out,
        /virtualservice.networking.istio.io\/profiles-api serverside-applied \(server dry run\)/,
      );
    });
  });
});

describe("the services' ServiceAccounts in the test cluster", () => {
  for (const service of SERVICES) {
    it(`${service} acts with its least-privilege role: SubjectAccessReviews yes, Secrets no`, async () => {
      const kube = await serviceKube(service);
      // Asked as the service itself: its role must allow SubjectAccessReviews.
      const allowed = await accessReview(
        { name: 'nobody@example.com' },
        { verb: 'get', group: '', resource: 'pods', namespace: 'default' },
        kube,
      );
      assert.equal(allowed, false);
      await assert.rejects(
        kube.request('GET', '/api/v1/secrets'),
        (err: { status?: number }) => err.status === 403,
      );
      await assert.rejects(
        kube.request('GET', '/api/v1/namespaces/kube-system/configmaps'),
        (err: { status?: number }) => err.status === 403,
      );
      kube.close();
    });
  }
});
