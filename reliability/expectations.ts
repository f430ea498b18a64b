/**
 * Who may call what. Every operation in every OpenAPI document must be listed here: the matrix
 * fails for an operation without an expectation, so a new route cannot skip this review.
 */
import type { Persona } from './fixtures.ts';

/**
 * public: nobody needs to be identified. authenticated: anyone identified. read/write: a namespace
 * role (view / edit) decides. manage: the profile's owner or a cluster admin (contributors may
 * not manage contributors). clusterAdmin: only a cluster admin.
 */
export type AccessClass = 'public' | 'authenticated' | 'read' | 'write' | 'manage' | 'clusterAdmin';
export type Outcome = 'allowed' | 401 | 403;

export const EXPECTATIONS: Record<string, AccessClass> = {
  // every service
  getLiveness: 'public',
  getReadiness: 'public',
  listNamespaces: 'authenticated',
  listStorageClasses: 'authenticated',
  getDefaultStorageClass: 'authenticated',
  listPodDefaults: 'read',
  // jupyter-api
  'jupyter-api getSpawnerConfig': 'authenticated',
  'jupyter-api listGpuVendors': 'authenticated',
  'jupyter-api listNotebookPvcs': 'read',
  'jupyter-api listNotebooks': 'read',
  'jupyter-api listNotebooksInAllNamespaces': 'authenticated',
  'jupyter-api getNotebook': 'read',
  'jupyter-api getNotebookPod': 'read',
  'jupyter-api getNotebookPodLogs': 'read',
  'jupyter-api listNotebookEvents': 'read',
  'jupyter-api createNotebook': 'write',
  'jupyter-api patchNotebook': 'write',
  'jupyter-api deleteNotebook': 'write',
  // volumes-api
  'volumes-api listPvcs': 'read',
  'volumes-api getPvc': 'read',
  'volumes-api listPvcPods': 'read',
  'volumes-api listPvcEvents': 'read',
  'volumes-api createPvc': 'write',
  'volumes-api resizePvc': 'write',
  'volumes-api deletePvc': 'write',
  'volumes-api createViewer': 'write',
  'volumes-api deleteViewer': 'write',
  // tensorboards-api
  'tensorboards-api listTensorboards': 'read',
  'tensorboards-api listTensorboardsInAllNamespaces': 'authenticated',
  'tensorboards-api getTensorboard': 'read',
  'tensorboards-api listPvcNames': 'read',
  'tensorboards-api createTensorboard': 'write',
  'tensorboards-api deleteTensorboard': 'write',
  // profiles-api: reads are filtered to what the caller may see, so any identified caller gets 200
  'profiles-api readBindings': 'authenticated',
  'profiles-api queryClusterAdmin': 'authenticated',
  'profiles-api listProfiles': 'authenticated',
  'profiles-api createBinding': 'manage',
  'profiles-api deleteBinding': 'manage',
  'profiles-api updateProfileQuota': 'manage',
  'profiles-api deleteProfile': 'manage',
  'profiles-api createProfile': 'clusterAdmin',
  'profiles-api workgroupExists': 'authenticated',
  'profiles-api workgroupEnvInfo': 'authenticated',
  'profiles-api workgroupCreate': 'authenticated',
  'profiles-api workgroupAllNamespaces': 'authenticated',
  'profiles-api workgroupContributors': 'read',
  'profiles-api workgroupAddContributor': 'manage',
  'profiles-api workgroupRemoveContributor': 'manage',
};

const identified: Persona[] = [
  'stranger',
  'viewer',
  'contributor',
  'owner',
  'groupMember',
  'clusterAdmin',
  'bearerValid',
];

export function expected(access: AccessClass, persona: Persona): Outcome {
  if (access === 'public') return 'allowed';
  if (!identified.includes(persona)) return 401;
  const allowedBy: Record<Exclude<AccessClass, 'public'>, Persona[]> = {
    authenticated: identified,
    read: ['viewer', 'contributor', 'owner', 'groupMember', 'clusterAdmin', 'bearerValid'],
    write: ['contributor', 'owner', 'groupMember', 'clusterAdmin'],
    manage: ['owner', 'clusterAdmin'],
    clusterAdmin: ['clusterAdmin'],
  };
  return allowedBy[access].includes(persona) ? 'allowed' : 403;
}

export function expectationFor(service: string, operationId: string): AccessClass | undefined {
  return EXPECTATIONS[`${service} ${operationId}`] ?? EXPECTATIONS[operationId];
}
