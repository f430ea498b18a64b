/** Creating, changing and deleting Profile CRs under the product rules. The profile controller does the rest. */
import { type ServiceApp, badRequest, conflict, isKubeNotFound, notFound, resources } from '@kf-ts/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { AccessIndex } from './access-index.ts';
import type { BindingSubject } from './binding-model.ts';
import type { ProfileAccess } from './profile-access.ts';
import { type ProfileObject, planProfile, quotaProblems } from './profile-model.ts';

export interface NewProfile {
  name: string;
  owner?: BindingSubject;
  resourceQuotaSpec?: Record<string, unknown>;
  plugins?: unknown[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export class ProfileWriter {
  constructor(
    private readonly app: ServiceApp,
    private readonly index: AccessIndex,
  ) {}

  /**
   * Creates a Profile. Non-admins may only create one they own themselves (and only with
   * self-registration on), and never for a namespace that already exists: a profile must not
   * take over someone else's namespace.
   */
  async create(access: ProfileAccess, request: NewProfile, log: FastifyBaseLogger): Promise<ProfileObject> {
    const owner: BindingSubject = request.owner ?? { kind: 'User', name: access.caller.name };
    const problems = quotaProblems(request.resourceQuotaSpec, '/body/spec/resourceQuotaSpec');
    if (problems.length) throw badRequest('Invalid resourceQuotaSpec.', problems);
    const withPlugins = (request.plugins?.length ?? 0) > 0;
    if (!access.canProfile('create', request.name, owner, withPlugins)) {
      const forSelf = owner.kind === 'User' && owner.name === access.caller.name;
      if (forSelf && !access.facts.selfRegistration) {
        access.deny(
          `create profile '${request.name}': self-registration is switched off, ask a cluster admin to create it`,
        );
      }
      if (forSelf) {
        access.deny(
          `create profile '${request.name}' with spec.plugins: plugins grant cloud identities to the namespace, so only cluster admins set them; leave them out`,
        );
      }
      access.deny(
        `create profile '${request.name}' owned by ${owner.kind} '${owner.name}': only cluster admins create profiles for others`,
      );
    }
    if (this.index.profile(request.name)) throw conflict(`Profile '${request.name}' already exists.`);
    if (!access.clusterAdmin && (await this.namespaceExists(request.name))) {
      throw conflict(
        `Namespace '${request.name}' already exists: a new profile cannot take over an existing namespace. Choose another name or ask a cluster admin.`,
      );
    }
    const profile = await this.app.kube.create<ProfileObject>(
      resources.profiles,
      undefined,
      planProfile({ ...request, owner }),
    );
    this.index.profiles.applyWrite(profile);
    log.info({ profile: request.name, owner: owner.kind }, 'profile created');
    return profile;
  }

  async delete(access: ProfileAccess, name: string, log: FastifyBaseLogger): Promise<void> {
    this.requireAllowed(access, 'delete', name);
    try {
      await this.app.kube.delete(resources.profiles, undefined, name, { propagationPolicy: 'Background' });
    } catch (err) {
      if (isKubeNotFound(err)) throw notFound(`Profile '${name}' not found.`);
      throw err;
    }
    this.index.profiles.applyDelete(undefined, name);
    log.info({ profile: name }, 'profile deleted');
  }

  /** Replaces the profile's resourceQuotaSpec ({} removes the quota). */
  async updateQuota(
    access: ProfileAccess,
    name: string,
    quota: Record<string, unknown>,
    resourceVersion: string | undefined,
    log: FastifyBaseLogger,
  ): Promise<ProfileObject> {
    this.requireAllowed(access, 'update', name);
    const problems = quotaProblems(quota, '/body/resourceQuotaSpec');
    if (problems.length) throw badRequest('Invalid resourceQuotaSpec.', problems);
    let current: ProfileObject;
    try {
      current = await this.app.kube.get<ProfileObject>(resources.profiles, undefined, name);
    } catch (err) {
      if (isKubeNotFound(err)) throw notFound(`Profile '${name}' not found.`);
      throw err;
    }
    if (resourceVersion && resourceVersion !== current.metadata?.resourceVersion) {
      throw conflict(
        `Profile '${name}' has changed since resourceVersion ${resourceVersion} (now ${current.metadata?.resourceVersion}); reload it and try again.`,
      );
    }
    // PUT with the version read: the API server refuses it (409) if anyone wrote in between.
    const next: ProfileObject = { ...current, spec: { ...(current.spec ?? {}), resourceQuotaSpec: quota } };
    const updated = await this.app.kube.replace<ProfileObject>(resources.profiles, undefined, next);
    this.index.profiles.applyWrite(updated);
    log.info({ profile: name, hard: Object.keys((quota.hard as object) ?? {}) }, 'profile quota updated');
    return updated;
  }

  /** Owner or cluster admin; a profile the caller cannot see is "not allowed", never "not found". */
  private requireAllowed(access: ProfileAccess, action: 'update' | 'delete', name: string) {
    const profile = this.index.profile(name);
    if (!profile) {
      if (access.clusterAdmin) throw notFound(`Profile '${name}' not found.`);
      access.deny(`${action} profile '${name}'`);
    }
    if (!access.canProfile(action, name))
      access.deny(`${action} profile '${name}': only its owner and cluster admins may`);
  }

  private async namespaceExists(name: string): Promise<boolean> {
    try {
      await this.app.kube.get(resources.namespaces, undefined, name);
      return true;
    } catch (err) {
      if (isKubeNotFound(err)) return false;
      throw err;
    }
  }
}
