/**
 * The caller's access to profiles and bindings for one request: the facts Kubernetes confirms
 * (SubjectAccessReviews through request.isAllowed, ownership and membership from the caches),
 * turned into the CASL ability of profile-rules.ts.
 */
import { type KubeAbility, forbidden } from '@kf-ts/shared';
import type { FastifyRequest } from 'fastify';
import type { AccessIndex, Caller } from './access-index.ts';
import { type BindingSubject, RBAC_GROUP } from './binding-model.ts';
import {
  type AccessFacts,
  type BindingAction,
  type ProfileAction,
  bindingSubject,
  buildProfileAbility,
  profileSubject,
} from './profile-rules.ts';

/** "Every verb on every resource, cluster-wide": what cluster-admin grants. */
export const CLUSTER_ADMIN_CHECK = { verb: '*', group: '*', resource: '*' } as const;

export interface AccessSettings {
  clusterAdmins: Set<string>;
  selfRegistration: boolean;
}

const perRequest = new WeakMap<FastifyRequest, Promise<ProfileAccess>>();

export class ProfileAccess {
  private abilityCache: KubeAbility;

  private constructor(
    private readonly request: FastifyRequest,
    private readonly index: AccessIndex,
    readonly facts: AccessFacts,
  ) {
    this.abilityCache = buildProfileAbility(facts);
  }

  /** The caller's access, computed once per request. */
  static of(request: FastifyRequest, index: AccessIndex, settings: AccessSettings): Promise<ProfileAccess> {
    let access = perRequest.get(request);
    if (!access) {
      access = ProfileAccess.resolve(request, index, settings);
      perRequest.set(request, access);
    }
    return access;
  }

  private static async resolve(
    request: FastifyRequest,
    index: AccessIndex,
    settings: AccessSettings,
  ): Promise<ProfileAccess> {
    const identity = request.requireIdentity();
    const caller: Caller = { name: identity.name, groups: identity.groups };
    const clusterAdmin =
      settings.clusterAdmins.has(identity.name) || (await request.isAllowed(CLUSTER_ADMIN_CHECK));
    const facts: AccessFacts = {
      user: identity.name,
      groups: identity.groups,
      clusterAdmin,
      owned: index.ownedBy(caller),
      member: new Set(index.grantsOf(caller).keys()),
      selfRegistration: settings.selfRegistration,
      bindingManagers: [],
    };
    return new ProfileAccess(request, index, facts);
  }

  get ability(): KubeAbility {
    return this.abilityCache;
  }

  get caller(): Caller {
    return { name: this.facts.user, groups: this.facts.groups };
  }

  get clusterAdmin(): boolean {
    return this.facts.clusterAdmin;
  }

  canProfile(action: ProfileAction, name: string, owner?: BindingSubject, withPlugins = false): boolean {
    return this.ability.can(action, profileSubject(name, owner, withPlugins));
  }

  canReadNamespace(namespace: string): boolean {
    return this.ability.can('read', bindingSubject(namespace));
  }

  /**
   * The profile namespaces worth checking for reads: all of them for a cluster admin, else those
   * the caller owns or is bound in (each still decided by the ability). Keeps a list proportional
   * to what the caller can see, not to the size of the cluster.
   */
  candidateNamespaces(): string[] {
    if (this.facts.clusterAdmin) return this.index.profileNames();
    return [...new Set([...this.facts.owned, ...this.facts.member])].sort();
  }

  /**
   * May the caller add (create) or remove (delete) contributors in this namespace? The owner and
   * cluster admins may; so may anyone Kubernetes lets manage RoleBindings there. Binding a role
   * through our service account must not let them escalate: a creator who is not owner or admin
   * must hold kubeflow-admin there (which contains every kubeflow-* role) or be allowed to `bind`
   * the ClusterRole, which is what Kubernetes itself would demand of a direct write.
   */
  async mayManageBindings(namespace: string, verb: Exclude<BindingAction, 'read'>, clusterRole?: string) {
    if (this.ability.can(verb, bindingSubject(namespace))) return true;
    const allowed = await this.request.isAllowed({
      verb,
      group: RBAC_GROUP,
      version: 'v1',
      resource: 'rolebindings',
      namespace,
    });
    if (!allowed) return false;
    if (verb === 'create' && clusterRole) {
      const holdsAdmin = this.index.grantsOf(this.caller).get(namespace) === 'admin';
      const mayBind =
        holdsAdmin ||
        (await this.request.isAllowed({
          verb: 'bind',
          group: RBAC_GROUP,
          version: 'v1',
          resource: 'clusterroles',
          name: clusterRole,
          namespace,
        }));
      if (!mayBind) return false;
    }
    this.facts.bindingManagers = [...(this.facts.bindingManagers ?? []), { namespace, verb }];
    this.abilityCache = buildProfileAbility(this.facts);
    return this.ability.can(verb, bindingSubject(namespace));
  }

  /** 403 unless allowed; the message names the caller and what they tried. */
  deny(what: string): never {
    throw forbidden(`User '${this.facts.user}' is not allowed to ${what}.`);
  }
}
