/**
 * The central dashboard's workgroup API (/api/workgroup/...), served from the same rules and
 * caches as KFAM. Plain JSON bodies as the dashboard answers them; errors are `{error: message}`.
 */
import {
  type KubeObject,
  type ServiceApp,
  authenticatedRoute,
  badRequest,
  notFound,
  resources,
} from '@kf-ts/shared';
import type { FastifyPluginAsync } from 'fastify';
import { type Caller, callerSubjects, strongerRole } from '../access-index.ts';
import { type BindingSubject, type KfamRole, clusterRoleOf, sameSubject } from '../binding-model.ts';
import { namespaceForUser, ownerOf } from '../profile-model.ts';
import type { ProfileAccess } from '../profile-access.ts';
import { SubjectName } from '../schemas/kfam-schemas.ts';
import {
  AllNamespacesResponse,
  ContributorBody,
  ContributorsResponse,
  CreateWorkgroupBody,
  EnvInfoResponse,
  ExistsResponse,
  MessageResponse,
  WorkgroupNamespaceParams,
  workgroupErrors,
} from '../schemas/workgroup-schemas.ts';
import type { ProfilesContext } from './index.ts';

type SimpleRole = 'owner' | 'contributor' | 'viewer';
const simpleRoles: Record<KfamRole, SimpleRole> = { admin: 'owner', edit: 'contributor', view: 'viewer' };

interface SimpleBinding {
  namespace: string;
  role: SimpleRole;
  subject: string;
  kind: string;
}

/** A valid email address as the HTML standard defines one (what the dashboard accepts as a user). */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const SUBJECT_NAME = new RegExp(SubjectName.pattern ?? '.*');

/**
 * The namespaces the caller can work in, one entry per namespace with the strongest role and the
 * subject it comes through (the user wins a tie with a group), owned profiles counting as owner.
 */
export function callerNamespaces(
  context: ProfilesContext,
  caller: Caller,
  owned: Set<string>,
): SimpleBinding[] {
  const best = new Map<string, { role: KfamRole; subject: BindingSubject }>();
  for (const subject of callerSubjects(caller)) {
    for (const [namespace, role] of context.index.grantsOfSubject(subject)) {
      const current = best.get(namespace);
      if (!current || strongerRole(current.role, role) !== current.role)
        best.set(namespace, { role, subject });
    }
  }
  for (const namespace of owned) {
    const owner = ownerOf(context.index.profile(namespace));
    const current = best.get(namespace);
    if (owner && (!current || current.role !== 'admin'))
      best.set(namespace, { role: 'admin', subject: owner });
  }
  return [...best.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([namespace, { role, subject }]) => ({
      namespace,
      role: simpleRoles[role],
      subject: subject.name,
      kind: subject.kind.toLowerCase(),
    }));
}

/** Contributors as the dashboard lists them: the subjects bound with role edit. */
function contributorsOf(context: ProfilesContext, namespace: string) {
  return context.index
    .bindingsIn(namespace)
    .filter((binding) => binding.role === 'edit')
    .map((binding) => ({ name: binding.subject.name, kind: binding.subject.kind }));
}

function contributorSubject(contributor: string, cType: 'user' | 'group' | undefined): BindingSubject {
  if (cType === 'group') {
    if (!SUBJECT_NAME.test(contributor)) {
      throw badRequest("Contributor doesn't look like a valid group name", [
        { field: '/body/contributor', message: 'must have no commas, control characters or outer spaces' },
      ]);
    }
    return { kind: 'Group', name: contributor };
  }
  if (!EMAIL.test(contributor)) {
    throw badRequest("Contributor doesn't look like a valid email address", [
      { field: '/body/contributor', message: 'must be an email address' },
    ]);
  }
  return { kind: 'User', name: contributor };
}

const tags = ['workgroup'];
const plain = { access: authenticatedRoute, errorStyle: 'plain' as const };
const PROVIDER_TTL_MS = 5 * 60_000;

export function workgroupRoutes(context: ProfilesContext): FastifyPluginAsync {
  return async (instance) => {
    const app = instance as unknown as ServiceApp;
    const { index, bindings, profiles, settings, config } = context;

    // The cluster's provider (a node's spec.providerID), looked up at most every 5 minutes.
    let provider: { value: string; expires: number } | undefined;
    const platformProvider = async (): Promise<string> => {
      if (provider && provider.expires > Date.now()) return provider.value;
      let value = 'other://';
      try {
        const nodes = await app.kube.list<KubeObject & { spec?: { providerID?: string } }>(resources.nodes, {
          limit: 1,
        });
        value = nodes.items?.map((node) => node.spec?.providerID).find(Boolean) ?? value;
      } catch (err) {
        app.log.debug({ err }, 'nodes not readable; provider reported as other://');
      }
      provider = { value, expires: Date.now() + PROVIDER_TTL_MS };
      return value;
    };

    /** 403 unless the caller can see the namespace; 404 for a missing profile the caller may see (admins). */
    const requireReadable = (access: ProfileAccess, namespace: string) => {
      if (!access.canReadNamespace(namespace))
        access.deny(`list the contributors of namespace '${namespace}'`);
      if (!index.profile(namespace)) throw notFound(`Profile '${namespace}' not found.`);
    };

    app.get(
      '/api/workgroup/exists',
      {
        config: plain,
        schema: {
          tags,
          operationId: 'workgroupExists',
          summary: 'Whether the caller has a workgroup (owns a profile) and may register one',
          response: { 200: ExistsResponse, ...workgroupErrors },
        },
      },
      async (request) => {
        const access = await context.access(request);
        const adminSomewhere = [...index.grantsOf(access.caller).values()].includes('admin');
        return {
          user: access.caller.name.split('@')[0] ?? access.caller.name,
          hasAuth: true,
          hasWorkgroup: access.facts.owned.size > 0 || adminSomewhere,
          registrationFlowAllowed: settings.selfRegistration,
        };
      },
    );

    app.get(
      '/api/workgroup/env-info',
      {
        config: plain,
        schema: {
          tags,
          operationId: 'workgroupEnvInfo',
          summary: "The caller's namespaces and roles, cluster-admin flag and platform",
          response: { 200: EnvInfoResponse, ...workgroupErrors },
        },
      },
      async (request) => {
        const access = await context.access(request);
        const provider = await platformProvider();
        return {
          user: access.caller.name,
          platform: {
            provider,
            providerName: provider.split(':')[0] ?? provider,
            kubeflowVersion: config.KUBEFLOW_VERSION,
            logoutUrl: config.LOGOUT_URL,
          },
          namespaces: callerNamespaces(context, access.caller, access.facts.owned),
          isClusterAdmin: access.clusterAdmin,
        };
      },
    );

    app.post(
      '/api/workgroup/create',
      {
        config: plain,
        schema: {
          tags,
          operationId: 'workgroupCreate',
          summary: 'Create a profile for the caller (self-registration)',
          description:
            'namespace defaults to the part of the email before @ made a DNS label. A `user` other than the caller is refused unless the caller is a cluster admin (upstream trusted it).',
          body: CreateWorkgroupBody,
          response: { 200: MessageResponse, ...workgroupErrors },
        },
      },
      async (request) => {
        const access = await context.access(request);
        const namespace = request.body.namespace ?? namespaceForUser(access.caller.name);
        if (!namespace) {
          throw badRequest('Cannot derive a namespace name from the user name: send `namespace`.', [
            { field: '/body/namespace', message: 'is required for this user' },
          ]);
        }
        const owner = request.body.user ?? access.caller.name;
        await profiles.create(access, { name: namespace, owner: { kind: 'User', name: owner } }, request.log);
        return { message: `Created namespace ${namespace}` };
      },
    );

    app.get(
      '/api/workgroup/get-all-namespaces',
      {
        config: plain,
        schema: {
          tags,
          operationId: 'workgroupAllNamespaces',
          summary: 'Every profile the caller can see as [namespace, owner, contributors]',
          response: { 200: AllNamespacesResponse, ...workgroupErrors },
        },
      },
      async (request) => {
        const access = await context.access(request);
        return access
          .candidateNamespaces()
          .filter((namespace) => access.canProfile('read', namespace) && index.profile(namespace))
          .map((namespace) => {
            const owner = ownerOf(index.profile(namespace));
            const contributors = index
              .bindingsIn(namespace)
              .filter(
                (binding) => !(binding.role === 'admin' && owner && sameSubject(binding.subject, owner)),
              )
              .map((binding) => binding.subject.name);
            return [namespace, owner?.name ?? null, [...new Set(contributors)].join(', ')];
          });
      },
    );

    app.get(
      '/api/workgroup/get-contributors/:namespace',
      {
        config: plain,
        schema: {
          tags,
          operationId: 'workgroupContributors',
          summary: 'Contributors (role edit) of a namespace the caller can see',
          params: WorkgroupNamespaceParams,
          response: { 200: ContributorsResponse, ...workgroupErrors },
        },
      },
      async (request) => {
        const access = await context.access(request);
        requireReadable(access, request.params.namespace);
        return contributorsOf(context, request.params.namespace);
      },
    );

    app.post(
      '/api/workgroup/add-contributor/:namespace',
      {
        config: plain,
        schema: {
          tags,
          operationId: 'workgroupAddContributor',
          summary: 'Add a user (email) or group as contributor (kubeflow-edit); answers the contributors',
          params: WorkgroupNamespaceParams,
          body: ContributorBody,
          response: { 200: ContributorsResponse, ...workgroupErrors },
        },
      },
      async (request) => {
        const { namespace } = request.params;
        const subject = contributorSubject(request.body.contributor, request.body.cType);
        const access = await context.access(request);
        if (!(await access.mayManageBindings(namespace, 'create', clusterRoleOf('edit')))) {
          access.deny(`add contributors to namespace '${namespace}'`);
        }
        await bindings.create(namespace, subject, 'edit', request.log);
        return contributorsOf(context, namespace);
      },
    );

    app.delete(
      '/api/workgroup/remove-contributor/:namespace',
      {
        config: plain,
        schema: {
          tags,
          operationId: 'workgroupRemoveContributor',
          summary: 'Remove a contributor (role edit); answers the remaining contributors',
          params: WorkgroupNamespaceParams,
          body: ContributorBody,
          response: { 200: ContributorsResponse, ...workgroupErrors },
        },
      },
      async (request) => {
        const { namespace } = request.params;
        const subject = contributorSubject(request.body.contributor, request.body.cType);
        const access = await context.access(request);
        if (!(await access.mayManageBindings(namespace, 'delete'))) {
          access.deny(`remove contributors from namespace '${namespace}'`);
        }
        await bindings.remove(namespace, subject, 'edit', request.log);
        return contributorsOf(context, namespace);
      },
    );
  };
}
