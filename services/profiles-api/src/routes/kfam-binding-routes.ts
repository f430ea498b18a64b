/** KFAM bindings: GET/POST/DELETE /kfam/v1/bindings and GET /kfam/v1/role/clusteradmin. */
import {
  CachedAnswers,
  type ServiceApp,
  authenticatedRoute,
  badRequest,
  etagFor,
  ok,
  successEnvelope,
} from '@kf-ts/shared';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { type BindingSubject, type KfamBinding, type KfamRole, clusterRoleOf } from '../binding-model.ts';
import { CLUSTER_ADMIN_CHECK } from '../profile-access.ts';
import { BindingBody, BindingsQuery, ClusterAdminQuery, KfamBindingSchema } from '../schemas/kfam-schemas.ts';
import type { ProfilesContext } from './index.ts';

/** A binding as KFAM answers it; `user` and `subject` carry the same subject for older and newer clients. */
export function toKfamBinding(binding: KfamBinding) {
  return {
    user: { ...binding.subject },
    subject: { ...binding.subject },
    referredNamespace: binding.namespace,
    RoleRef: { kind: 'ClusterRole' as const, name: binding.role },
    name: binding.name,
  };
}

type BindingRequest = Static<typeof BindingBody>;

/** The subject, namespace and role of a binding request; 400 when a required part is missing. */
export function readBindingRequest(body: BindingRequest): {
  subject: BindingSubject;
  namespace: string;
  role: KfamRole;
} {
  const problems: { field: string; message: string }[] = [];
  const subject = body.subject ?? body.user;
  const roleRef = body.RoleRef ?? body.roleRef;
  if (!subject) problems.push({ field: '/body/user', message: 'is required (or `subject`)' });
  if (
    body.subject &&
    body.user &&
    (body.subject.kind !== body.user.kind || body.subject.name !== body.user.name)
  ) {
    problems.push({ field: '/body/subject', message: 'differs from `user`: send one of them' });
  }
  if (!roleRef) problems.push({ field: '/body/RoleRef', message: 'is required' });
  if (problems.length || !subject || !roleRef) {
    throw badRequest(
      `Invalid binding: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
      problems,
    );
  }
  return {
    subject: { kind: subject.kind, name: subject.name },
    namespace: body.referredNamespace,
    role: roleRef.name,
  };
}

/** The `groups` query: a JSON list (as the dashboard sends it) or comma-separated names. */
export function parseGroupsQuery(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return [];
  const text = value.trim();
  if (text.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw badRequest('Invalid groups: not a JSON list.', [
        { field: '/query/groups', message: 'is not valid JSON' },
      ]);
    }
    if (!Array.isArray(parsed) || !parsed.every((group) => typeof group === 'string')) {
      throw badRequest('Invalid groups: expected a list of group names.', [
        { field: '/query/groups', message: 'must be a list of strings' },
      ]);
    }
    return parsed;
  }
  return text
    .split(',')
    .map((group) => group.trim())
    .filter(Boolean);
}

const tags = ['kfam'];

export function kfamBindingRoutes(context: ProfilesContext): FastifyPluginAsync {
  return async (instance) => {
    const app = instance as unknown as ServiceApp;
    const { index, bindings } = context;
    // Lists are served again and again (the dashboard polls): serialized once per cache version and caller.
    const answers = new CachedAnswers(32 * 1024 * 1024);

    app.get(
      '/kfam/v1/bindings',
      {
        config: { access: authenticatedRoute, conditional: true },
        schema: {
          tags,
          operationId: 'readBindings',
          summary: 'List contributor bindings, filtered by user, groups, namespace and role',
          description:
            'Bindings are RoleBindings annotated `user` and `role` in profile namespaces (ours and upstream-named ones), read from a watch cache. Only namespaces the caller owns or is bound in are shown, unless the caller is a cluster admin; a namespace the caller cannot see answers an empty list. With `user` and/or `groups`, only bindings of that User or those Groups.',
          querystring: BindingsQuery,
          response: { 200: successEnvelope({ bindings: Type.Array(Type.Ref(KfamBindingSchema)) }) },
        },
      },
      async (request, reply) => {
        const access = await context.access(request);
        const { user, namespace, role } = request.query;
        const groups = new Set(parseGroupsQuery(request.query.groups));
        const bySubject = user !== undefined || groups.size > 0;
        // What the caller may see follows from who they are and the caches' state.
        const etag = etagFor([
          'kfam-bindings',
          index.version(),
          access.clusterAdmin,
          access.caller.name,
          [...access.caller.groups].sort().join(','),
          user,
          namespace,
          role,
          [...groups].sort().join(','),
        ]);
        return answers.send(request, reply, etag, () => {
          const namespaces = namespace ? [namespace] : access.candidateNamespaces();
          const found: ReturnType<typeof toKfamBinding>[] = [];
          for (const ns of namespaces) {
            if (!access.canReadNamespace(ns)) continue;
            for (const binding of index.bindingsIn(ns)) {
              if (role && binding.role !== role) continue;
              if (bySubject) {
                const { kind, name } = binding.subject;
                const matches = (kind === 'User' && name === user) || (kind === 'Group' && groups.has(name));
                if (!matches) continue;
              }
              found.push(toKfamBinding(binding));
            }
          }
          return ok(request, { bindings: found });
        });
      },
    );

    app.post(
      '/kfam/v1/bindings',
      {
        config: { access: authenticatedRoute },
        schema: {
          tags,
          operationId: 'createBinding',
          summary:
            'Add a contributor: a RoleBinding to kubeflow-admin/-edit/-view plus its Istio AuthorizationPolicy',
          description:
            "Allowed to the profile's owner, cluster admins, and callers Kubernetes lets create RoleBindings in the namespace (who must also hold kubeflow-admin there or may `bind` the ClusterRole). The AuthorizationPolicy is only written where the cluster serves Istio's API. 409 when the subject already has that role. Answers 200 like upstream.",
          body: BindingBody,
          response: { 200: successEnvelope({ binding: Type.Ref(KfamBindingSchema) }) },
        },
      },
      async (request) => {
        const { subject, namespace, role } = readBindingRequest(request.body);
        const access = await context.access(request);
        if (!(await access.mayManageBindings(namespace, 'create', clusterRoleOf(role)))) {
          access.deny(`add contributors to namespace '${namespace}'`);
        }
        const binding = await bindings.create(namespace, subject, role, request.log);
        return ok(request, { binding: toKfamBinding(binding) });
      },
    );

    app.delete(
      '/kfam/v1/bindings',
      {
        config: { access: authenticatedRoute },
        schema: {
          tags,
          operationId: 'deleteBinding',
          summary: 'Remove a contributor (the RoleBinding and its AuthorizationPolicy)',
          description:
            "Same permission as adding. Removes every binding of that subject and role, whatever its name (ours or upstream's). The owner's namespaceAdmin binding is the profile controller's: 409.",
          body: BindingBody,
          response: { 200: successEnvelope({ bindings: Type.Array(Type.Ref(KfamBindingSchema)) }) },
        },
      },
      async (request) => {
        const { subject, namespace, role } = readBindingRequest(request.body);
        const access = await context.access(request);
        if (!(await access.mayManageBindings(namespace, 'delete'))) {
          access.deny(`remove contributors from namespace '${namespace}'`);
        }
        const removed = await bindings.remove(namespace, subject, role, request.log);
        return ok(request, { bindings: removed.map(toKfamBinding) });
      },
    );

    app.get(
      '/kfam/v1/role/clusteradmin',
      {
        config: { access: authenticatedRoute },
        schema: {
          tags,
          operationId: 'queryClusterAdmin',
          summary: 'Whether a user is a cluster admin (bare true/false, as upstream)',
          description:
            'A cluster admin is someone Kubernetes allows every verb on every resource cluster-wide (a SubjectAccessReview), or a name in CLUSTER_ADMINS. Callers may ask about themselves (with their groups); only cluster admins may ask about someone else (checked without groups, which are unknown for others).',
          querystring: ClusterAdminQuery,
          response: { 200: Type.Boolean() },
        },
      },
      async (request) => {
        const access = await context.access(request);
        const target = request.query.user?.trim() || access.caller.name;
        if (target === access.caller.name) return access.clusterAdmin;
        if (!access.clusterAdmin) access.deny('ask whether another user is a cluster admin');
        if (context.settings.clusterAdmins.has(target)) return true;
        return app.sar.check({ name: target, groups: [] }, CLUSTER_ADMIN_CHECK);
      },
    );
  };
}
