/** The Kubernetes resources the services read or write, and how to address them. */

export interface ResourceRef {
  group: string;
  version: string;
  /** Plural resource name as used in URLs and SubjectAccessReviews. */
  plural: string;
  kind: string;
  namespaced: boolean;
}

const ref = (
  group: string,
  version: string,
  plural: string,
  kind: string,
  namespaced = true,
): ResourceRef => ({
  group,
  version,
  plural,
  kind,
  namespaced,
});

export const resources = {
  namespaces: ref('', 'v1', 'namespaces', 'Namespace', false),
  pods: ref('', 'v1', 'pods', 'Pod'),
  events: ref('', 'v1', 'events', 'Event'),
  persistentVolumeClaims: ref('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim'),
  persistentVolumes: ref('', 'v1', 'persistentvolumes', 'PersistentVolume', false),
  nodes: ref('', 'v1', 'nodes', 'Node', false),
  storageClasses: ref('storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false),
  roleBindings: ref('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding'),
  roles: ref('rbac.authorization.k8s.io', 'v1', 'roles', 'Role'),
  customResourceDefinitions: ref(
    'apiextensions.k8s.io',
    'v1',
    'customresourcedefinitions',
    'CustomResourceDefinition',
    false,
  ),
  notebooks: ref('kubeflow.org', 'v1beta1', 'notebooks', 'Notebook'),
  podDefaults: ref('kubeflow.org', 'v1alpha1', 'poddefaults', 'PodDefault'),
  pvcViewers: ref('kubeflow.org', 'v1alpha1', 'pvcviewers', 'PVCViewer'),
  profiles: ref('kubeflow.org', 'v1', 'profiles', 'Profile', false),
  tensorboards: ref('tensorboard.kubeflow.org', 'v1alpha1', 'tensorboards', 'Tensorboard'),
  authorizationPolicies: ref('security.istio.io', 'v1beta1', 'authorizationpolicies', 'AuthorizationPolicy'),
  volumeSnapshots: ref('snapshot.storage.k8s.io', 'v1', 'volumesnapshots', 'VolumeSnapshot'),
} as const;

export function apiVersionOf(resource: ResourceRef): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

/** The collection URL of a resource, optionally in a namespace. */
export function collectionPath(resource: ResourceRef, namespace?: string): string {
  const base = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
  const ns = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${resource.plural}`;
}

export function objectPath(resource: ResourceRef, namespace: string | undefined, name: string): string {
  return `${collectionPath(resource, namespace)}/${encodeURIComponent(name)}`;
}

/** The minimum every Kubernetes object has; everything else is optional and must not be trusted. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: {
      apiVersion?: string;
      kind?: string;
      name?: string;
      uid?: string;
      controller?: boolean;
    }[];
    managedFields?: unknown;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface KubeList<T extends KubeObject = KubeObject> {
  items: T[];
  metadata?: { resourceVersion?: string; continue?: string };
}
