/** Seeds benchmark data straight through the API server, many writes at once. */
import type { KubeClient, KubeObject } from '@kf-ts/shared';
import { resources } from '@kf-ts/shared';
import { pool } from './measure.ts';

const CONCURRENCY = 32;

async function retry<T>(write: () => Promise<T>, attempts = 50): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (attempt >= attempts || (err as { status?: number }).status === 409) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export async function namespace(kube: KubeClient, name: string, user: string) {
  await kube.create(resources.namespaces, undefined, { metadata: { name } });
  await kube.create(resources.roleBindings, name, {
    metadata: { name: 'bench-editor', namespace: name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kubeflow-edit' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
  } as KubeObject);
}

function notebook(namespace: string, name: string, index: number): KubeObject {
  const stopped = index % 7 === 3;
  return {
    apiVersion: 'kubeflow.org/v1beta1',
    kind: 'Notebook',
    metadata: {
      name,
      namespace,
      labels: { app: name },
      annotations: {
        'notebooks.kubeflow.org/server-type': 'jupyter',
        'notebooks.kubeflow.org/creator': 'bench@example.com',
        ...(stopped ? { 'kubeflow-resource-stopped': '2026-01-01T00:00:00Z' } : {}),
      },
    },
    spec: {
      template: {
        spec: {
          containers: [
            {
              name,
              image: `ghcr.io/kubeflow/kubeflow/notebook-servers/jupyter-scipy:v1.${index % 5}.0`,
              resources: {
                requests: { cpu: '500m', memory: '1Gi' },
                limits: { cpu: '600m', memory: '1.2Gi' },
              },
              volumeMounts: [{ name: `${name}-workspace`, mountPath: '/home/jovyan' }],
            },
          ],
          volumes: [{ name: `${name}-workspace`, persistentVolumeClaim: { claimName: `${name}-workspace` } }],
        },
      },
    },
  };
}

/** Notebooks in varied states: a tenth get a pod, some a status, some a warning event. */
export async function notebooks(
  kube: KubeClient,
  ns: string,
  count: number,
  options: { pvcs?: boolean } = {},
) {
  await pool(count, CONCURRENCY, async (index) => {
    const name = `nb-${String(index).padStart(5, '0')}`;
    await kube.create(resources.notebooks, ns, notebook(ns, name, index));
    if (options.pvcs) {
      await kube.create(resources.persistentVolumeClaims, ns, {
        metadata: { name: `${name}-workspace`, namespace: ns },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      } as KubeObject);
    }
    if (index % 10 === 0) {
      await kube.request('PATCH', `/apis/kubeflow.org/v1beta1/namespaces/${ns}/notebooks/${name}/status`, {
        body: { status: { readyReplicas: 1, containerState: { running: {} }, conditions: [] } },
        contentType: 'application/merge-patch+json',
      });
      // The namespace's default ServiceAccount appears a moment after the namespace: retry.
      await retry(() =>
        kube.create(resources.pods, ns, {
          metadata: { name: `${name}-0`, namespace: ns, labels: { 'notebook-name': name } },
          spec: { automountServiceAccountToken: false, containers: [{ name, image: 'x' }] },
        } as KubeObject),
      );
    }
    if (index % 25 === 5) {
      await kube.create(resources.events, ns, {
        metadata: { name: `${name}.warning`, namespace: ns },
        involvedObject: { kind: 'Notebook', name, namespace: ns },
        type: 'Warning',
        reason: 'FailedScheduling',
        message: '0/0 nodes are available',
        lastTimestamp: new Date().toISOString(),
      } as KubeObject);
    }
  });
}

export async function tensorboards(kube: KubeClient, ns: string, count: number) {
  await pool(count, CONCURRENCY, (index) =>
    kube.create(resources.tensorboards, ns, {
      apiVersion: 'tensorboard.kubeflow.org/v1alpha1',
      kind: 'Tensorboard',
      metadata: { name: `tb-${String(index).padStart(5, '0')}`, namespace: ns },
      spec: { logspath: `s3://bench/run-${index}` },
    }),
  );
}

/** Profiles with their namespace, owner binding and one contributor each. */
export async function profiles(kube: KubeClient, count: number, admin: string) {
  await pool(count, CONCURRENCY, async (index) => {
    const name = `bench-profile-${String(index).padStart(4, '0')}`;
    const owner = `owner-${index}@example.com`;
    await kube.create(resources.profiles, undefined, {
      apiVersion: 'kubeflow.org/v1',
      kind: 'Profile',
      metadata: { name },
      spec: { owner: { kind: 'User', name: owner } },
    });
    await kube.create(resources.namespaces, undefined, { metadata: { name } });
    for (const [binding, user, role] of [
      ['namespaceAdmin', owner, 'admin'],
      [`user-contrib-${index}-clusterrole-edit`, `contrib-${index}@example.com`, 'edit'],
    ] as const) {
      await kube.create(resources.roleBindings, name, {
        metadata: { name: binding, namespace: name, annotations: { user, role } },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `kubeflow-${role}` },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
      } as KubeObject);
    }
  });
  void admin;
}
