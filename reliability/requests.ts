/** Requests that reach each operation: real objects in the path, valid bodies. */
import type { Operation } from './apps.ts';
import { type Persona, headersFor, people } from './fixtures.ts';

/** A request each persona can make to an operation: real objects in the path, a valid body. */
export function requestFor(operation: Operation, namespace: string, persona: Persona) {
  const tag = persona.toLowerCase();
  const params: Record<string, string> = {
    namespace,
    name: operation.path.includes('/viewers/')
      ? 'm-pvc'
      : operation.path.includes('/tensorboards/')
        ? 'm-tb'
        : 'm-nb',
    pvc: 'm-pvc',
    pod: 'm-nb-0',
    profile: namespace,
  };
  const url = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) =>
    encodeURIComponent(params[name] ?? 'x'),
  );
  const binding = {
    user: { kind: 'User', name: `matrix-${tag}@example.com` },
    referredNamespace: namespace,
    RoleRef: { kind: 'ClusterRole', name: 'view' },
  };
  const bodies: Record<string, unknown> = {
    createNotebook: {
      name: `m-${tag}`,
      workspace: {
        mount: '/home/jovyan',
        newPvc: {
          metadata: { name: '{notebook-name}-ws' },
          spec: { resources: { requests: { storage: '1Gi' } }, accessModes: ['ReadWriteOnce'] },
        },
      },
      datavols: [],
    },
    patchNotebook: { stopped: true },
    createPvc: { name: `m-${tag}`, mode: 'ReadWriteOnce', class: '{none}', size: '1Gi' },
    resizePvc: { size: '2Gi' },
    createViewer: { name: 'm-pvc-2' },
    createBinding: binding,
    deleteBinding: binding,
    createProfile: {
      metadata: { name: `matrix-${tag}-profile` },
      spec: { owner: { kind: 'User', name: 'somebody-else@example.com' } },
    },
    updateProfileQuota: { resourceQuotaSpec: { hard: { cpu: '4' } } },
    workgroupCreate: {},
    workgroupAddContributor: { contributor: `matrix-${tag}@example.com` },
    workgroupRemoveContributor: { contributor: `matrix-${tag}@example.com` },
    createTensorboard: { name: `m-${tag}`, logspath: 's3://bucket/runs', configurations: [] },
  };
  // Asking about oneself; asking about others is for cluster admins (profiles-api's own tests).
  const self =
    headersFor(persona)['kubeflow-userid'] ?? (persona === 'bearerValid' ? people.viewer.name : 'kf-admin');
  const query: Record<string, string> = { queryClusterAdmin: `user=${encodeURIComponent(self)}` };
  const search = query[operation.operationId];
  return {
    method: operation.method as 'GET',
    url: search ? `${url}?${search}` : url,
    headers: headersFor(persona),
    ...(operation.body ? { payload: bodies[operation.operationId] ?? {} } : {}),
  };
}
