/**
 * Demo data for `npm start`: a profile owned by the demo user with a contributor, a default
 * storage class, PodDefaults, volumes, notebooks in varied states and a TensorBoard. Written
 * straight to the API server, including the status fields the notebook controller and kubelet
 * would set (there is no kubelet locally).
 */
import type { KubeClient, KubeObject } from '@kf-ts/shared';
import { resources } from '@kf-ts/shared';

export const DEMO_NAMESPACE = 'kubeflow-user';
export const DEMO_USERS = {
  owner: { name: 'user@example.com', groups: [] as string[], role: 'owner of kubeflow-user' },
  contributor: {
    name: 'contributor@example.com',
    groups: ['ml-team'],
    role: 'contributor (edit) in kubeflow-user',
  },
  stranger: { name: 'stranger@example.com', groups: [] as string[], role: 'no access' },
  admin: { name: 'admin@example.com', groups: ['platform-admins'], role: 'cluster admin (by RBAC)' },
};

/**
 * Creates the object, or returns the one already there. The API server asks to retry some writes
 * that race a controller (a pod for a ServiceAccount whose token the token controller has not
 * made yet: 500 ServerTimeout with retryAfterSeconds): those are retried for up to 30 s.
 */
async function ensure(
  kube: KubeClient,
  resource: Parameters<KubeClient['create']>[0],
  namespace: string | undefined,
  body: KubeObject,
) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await kube.create(resource, namespace, body);
    } catch (err) {
      const failure = err as { status?: number; body?: { reason?: string } };
      if (failure.status === 409) return kube.get(resource, namespace, body.metadata?.name ?? '');
      const retryable = failure.body?.reason === 'ServerTimeout' || failure.status === 429;
      if (!retryable || attempt >= 60) throw err;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

const clusterRoleBindings = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  plural: 'clusterrolebindings',
  kind: 'ClusterRoleBinding',
  namespaced: false,
};
const serviceAccounts = {
  group: '',
  version: 'v1',
  plural: 'serviceaccounts',
  kind: 'ServiceAccount',
  namespaced: true,
};

function notebook(
  name: string,
  options: { image?: string; stopped?: boolean; cpu?: string; memory?: string; volumes?: string[] } = {},
): KubeObject {
  const image = options.image ?? 'kubeflownotebookswg/jupyter-scipy:v1.9.0';
  return {
    apiVersion: 'kubeflow.org/v1beta1',
    kind: 'Notebook',
    metadata: {
      name,
      namespace: DEMO_NAMESPACE,
      labels: { app: name },
      annotations: {
        'notebooks.kubeflow.org/server-type': 'jupyter',
        'notebooks.kubeflow.org/creator': DEMO_USERS.owner.name,
        ...(options.stopped
          ? { 'kubeflow-resource-stopped': new Date().toISOString().replace(/\.\d+Z$/, 'Z') }
          : {}),
      },
    },
    spec: {
      template: {
        spec: {
          serviceAccountName: 'default-editor',
          containers: [
            {
              name,
              image,
              resources: {
                requests: { cpu: options.cpu ?? '500m', memory: options.memory ?? '1Gi' },
                limits: { cpu: '600m', memory: '1.2Gi' },
              },
              volumeMounts: (options.volumes ?? []).map((volume) => ({
                name: volume,
                mountPath: `/home/jovyan/${volume}`,
              })),
            },
          ],
          volumes: (options.volumes ?? []).map((volume) => ({
            name: volume,
            persistentVolumeClaim: { claimName: volume },
          })),
        },
      },
    },
  };
}

function pvc(name: string, size: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: DEMO_NAMESPACE },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: size } },
      storageClassName: 'standard',
    },
  };
}

/** A volume reserved for one demo claim (claimRef), which the PV controller then binds. */
function volumeFor(claim: string, size: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: `demo-${claim}` },
    spec: {
      capacity: { storage: size },
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'standard',
      persistentVolumeReclaimPolicy: 'Retain',
      hostPath: { path: `/tmp/kf-demo/${claim}` },
      claimRef: { namespace: DEMO_NAMESPACE, name: claim },
    },
  } as KubeObject;
}

export async function seedDemo(kube: KubeClient, log: (message: string) => void = () => undefined) {
  log('seeding demo data');
  await ensure(kube, resources.storageClasses, undefined, {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'kubernetes.io/no-provisioner',
    // As for local volumes: claims bind when a pod first uses them, not before.
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
  } as KubeObject);
  await ensure(kube, resources.profiles, undefined, {
    apiVersion: 'kubeflow.org/v1',
    kind: 'Profile',
    metadata: { name: DEMO_NAMESPACE },
    spec: {
      owner: { kind: 'User', name: DEMO_USERS.owner.name },
      resourceQuotaSpec: { hard: { cpu: '8', memory: '16Gi' } },
    },
  });
  // What Kubeflow's profile controller would create for the profile (it does not run locally).
  await ensure(kube, resources.namespaces, undefined, {
    metadata: {
      name: DEMO_NAMESPACE,
      labels: { 'app.kubernetes.io/part-of': 'kubeflow-profile' },
      annotations: { owner: DEMO_USERS.owner.name },
    },
  });
  await ensure(kube, serviceAccounts, DEMO_NAMESPACE, {
    metadata: { name: 'default-editor', namespace: DEMO_NAMESPACE },
  });
  await ensure(kube, resources.roleBindings, DEMO_NAMESPACE, {
    metadata: {
      name: 'namespaceAdmin',
      namespace: DEMO_NAMESPACE,
      annotations: { user: DEMO_USERS.owner.name, role: 'admin' },
    },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kubeflow-admin' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: DEMO_USERS.owner.name }],
  } as KubeObject);
  await ensure(kube, resources.roleBindings, DEMO_NAMESPACE, {
    metadata: {
      name: 'user-contributor-example-com-clusterrole-edit',
      namespace: DEMO_NAMESPACE,
      annotations: { user: DEMO_USERS.contributor.name, role: 'edit' },
    },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kubeflow-edit' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: DEMO_USERS.contributor.name }],
  } as KubeObject);
  await ensure(kube, clusterRoleBindings, undefined, {
    metadata: { name: 'demo-platform-admins' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'platform-admins' }],
  } as KubeObject);

  for (const [name, desc, label] of [
    ['add-gcp-secret', 'Add GCP credentials', 'add-gcp-secret'],
    ['access-ml-pipeline', 'Allow access to Kubeflow Pipelines', 'access-ml-pipeline'],
  ] as const) {
    await ensure(kube, resources.podDefaults, DEMO_NAMESPACE, {
      apiVersion: 'kubeflow.org/v1alpha1',
      kind: 'PodDefault',
      metadata: { name, namespace: DEMO_NAMESPACE },
      spec: { desc, selector: { matchLabels: { [label]: 'true' } }, env: [{ name: 'DEMO', value: name }] },
    });
  }

  for (const [name, size] of [
    ['workspace-analysis', '10Gi'],
    ['workspace-training', '20Gi'],
    ['workspace-paused', '5Gi'],
    ['datasets', '50Gi'],
    ['scratch', '1Gi'],
  ] as const) {
    await ensure(kube, resources.persistentVolumeClaims, DEMO_NAMESPACE, pvc(name, size));
    // No provisioner runs locally: a volume made for each claim (but scratch, left waiting for its
    // first consumer) lets the controller manager bind it, so the demo shows Bound volumes.
    if (name !== 'scratch') await ensure(kube, resources.persistentVolumes, undefined, volumeFor(name, size));
  }

  const ready = await ensure(
    kube,
    resources.notebooks,
    DEMO_NAMESPACE,
    notebook('analysis', { volumes: ['workspace-analysis', 'datasets'] }),
  );
  await ensure(
    kube,
    resources.notebooks,
    DEMO_NAMESPACE,
    notebook('training', { cpu: '2', memory: '4Gi', volumes: ['workspace-training'] }),
  );
  await ensure(
    kube,
    resources.notebooks,
    DEMO_NAMESPACE,
    notebook('paused', { stopped: true, volumes: ['workspace-paused'] }),
  );
  await ensure(
    kube,
    resources.notebooks,
    DEMO_NAMESPACE,
    notebook('broken-image', { image: 'example.com/does-not-exist:latest' }),
  );

  // Statuses as the notebook controller and the kubelet would report them.
  const setStatus = (name: string, status: unknown) =>
    kube.request(
      'PATCH',
      `/apis/kubeflow.org/v1beta1/namespaces/${DEMO_NAMESPACE}/notebooks/${name}/status`,
      {
        body: { status },
        contentType: 'application/merge-patch+json',
      },
    );
  await setStatus('analysis', {
    readyReplicas: 1,
    containerState: { running: { startedAt: new Date().toISOString() } },
    conditions: [],
  });
  await setStatus('training', {
    readyReplicas: 0,
    containerState: { waiting: { reason: 'PodInitializing' } },
    conditions: [],
  });
  await setStatus('paused', { readyReplicas: 0, containerState: {}, conditions: [] });
  await setStatus('broken-image', {
    readyReplicas: 0,
    containerState: {
      waiting: {
        reason: 'ImagePullBackOff',
        message: 'Back-off pulling image "example.com/does-not-exist:latest"',
      },
    },
    conditions: [],
  });
  await ensure(kube, resources.pods, DEMO_NAMESPACE, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'analysis-0',
      namespace: DEMO_NAMESPACE,
      labels: { 'notebook-name': 'analysis', statefulset: 'analysis' },
    },
    spec: {
      serviceAccountName: 'default-editor',
      containers: [
        {
          name: 'analysis',
          image: 'kubeflownotebookswg/jupyter-scipy:v1.9.0',
          volumeMounts: [{ name: 'ws', mountPath: '/home/jovyan' }],
        },
      ],
      volumes: [{ name: 'ws', persistentVolumeClaim: { claimName: 'workspace-analysis' } }],
    },
  });
  await ensure(kube, resources.events, DEMO_NAMESPACE, {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'broken-image.demo', namespace: DEMO_NAMESPACE },
    involvedObject: {
      kind: 'Notebook',
      name: 'broken-image',
      namespace: DEMO_NAMESPACE,
      apiVersion: 'kubeflow.org/v1beta1',
    },
    type: 'Warning',
    reason: 'FailedPull',
    message: 'Failed to pull image "example.com/does-not-exist:latest"',
    firstTimestamp: new Date().toISOString(),
    lastTimestamp: new Date().toISOString(),
    count: 1,
    source: { component: 'kubelet' },
  } as KubeObject);

  await ensure(kube, resources.tensorboards, DEMO_NAMESPACE, {
    apiVersion: 'tensorboard.kubeflow.org/v1alpha1',
    kind: 'Tensorboard',
    metadata: { name: 'training-logs', namespace: DEMO_NAMESPACE },
    spec: { logspath: 'pvc://workspace-training/logs' },
  });
  await ensure(kube, resources.tensorboards, DEMO_NAMESPACE, {
    apiVersion: 'tensorboard.kubeflow.org/v1alpha1',
    kind: 'Tensorboard',
    metadata: { name: 'bucket-logs', namespace: DEMO_NAMESPACE },
    spec: { logspath: 's3://demo-bucket/runs' },
  });
  void ready;
  log(`demo ready in namespace ${DEMO_NAMESPACE}`);
}
