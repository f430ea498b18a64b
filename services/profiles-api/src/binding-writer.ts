/** Creating and removing contributor bindings: the RoleBinding and, with Istio, its AuthorizationPolicy. */
import {
  type KubeObject,
  type ServiceApp,
  conflict,
  isKubeConflict,
  isKubeNotFound,
  notFound,
  resources,
} from '@kf-ts/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { AccessIndex } from './access-index.ts';
import {
  type AuthorizationPolicyOptions,
  type BindingSubject,
  type KfamBinding,
  type KfamRole,
  OWNER_BINDING_NAME,
  type RoleBindingObject,
  bindingFromRoleBinding,
  planAuthorizationPolicy,
  planRoleBinding,
  sameSubject,
} from './binding-model.ts';

export class BindingWriter {
  constructor(
    private readonly app: ServiceApp,
    private readonly index: AccessIndex,
    private readonly policy: AuthorizationPolicyOptions,
  ) {}

  /** Istio's AuthorizationPolicy API is served by the cluster (checked at start and on a timer). */
  get istioEnabled(): boolean {
    return this.app.discovery.has(resources.authorizationPolicies);
  }

  /** 404 unless the namespace is a profile's. */
  requireProfile(namespace: string) {
    if (!this.index.profile(namespace)) throw notFound(`Profile '${namespace}' not found.`);
  }

  find(namespace: string, subject: BindingSubject, role: KfamRole): KfamBinding[] {
    return this.index
      .bindingsIn(namespace)
      .filter((binding) => binding.role === role && sameSubject(binding.subject, subject));
  }

  async create(
    namespace: string,
    subject: BindingSubject,
    role: KfamRole,
    log: FastifyBaseLogger,
  ): Promise<KfamBinding> {
    this.requireProfile(namespace);
    const existing = this.find(namespace, subject, role);
    if (existing.length > 0) {
      throw conflict(
        `${subject.kind} '${subject.name}' already has role '${role}' in namespace '${namespace}' (binding ${existing[0]!.name}).`,
      );
    }
    const created = await this.createRoleBinding(namespace, planRoleBinding(namespace, subject, role));
    if (this.istioEnabled) {
      try {
        await this.writePolicy(namespace, subject, role);
      } catch (err) {
        // A binding without its policy would grant RBAC but not traffic: take the RoleBinding back,
        // and answer with why the policy failed (not with a failure of the clean-up).
        await this.deleteRoleBinding(namespace, created.metadata?.name ?? '', log).catch(() => undefined);
        throw err;
      }
    }
    log.info(
      { ns: namespace, binding: created.metadata?.name, role, subject: subject.kind },
      'binding created',
    );
    return (
      bindingFromRoleBinding(created) ?? {
        name: created.metadata?.name ?? '',
        namespace,
        subject,
        role,
      }
    );
  }

  /** Removes every binding of this subject and role, ours and upstream's. */
  async remove(
    namespace: string,
    subject: BindingSubject,
    role: KfamRole,
    log: FastifyBaseLogger,
  ): Promise<KfamBinding[]> {
    this.requireProfile(namespace);
    const matches = this.find(namespace, subject, role);
    if (matches.length === 0) {
      throw notFound(
        `${subject.kind} '${subject.name}' has no binding with role '${role}' in namespace '${namespace}'.`,
      );
    }
    if (matches.some((binding) => binding.name === OWNER_BINDING_NAME)) {
      throw conflict(
        `The owner's binding (${OWNER_BINDING_NAME}) belongs to the profile controller: change or delete the profile instead.`,
      );
    }
    for (const binding of matches) {
      // The policy goes first: should the RoleBinding's removal then fail, the binding is still
      // listed and a retry finishes the job (the other order would strand a policy nobody sees).
      if (this.istioEnabled) {
        await this.app.kube
          .delete(resources.authorizationPolicies, namespace, binding.name)
          .catch((err: unknown) => {
            if (!isKubeNotFound(err)) throw err;
          });
      }
      await this.deleteRoleBinding(namespace, binding.name, log);
      log.info({ ns: namespace, binding: binding.name, role }, 'binding removed');
    }
    return matches;
  }

  /** Creates the RoleBinding; a profile whose namespace is not there yet is a clear 404. */
  private async createRoleBinding(namespace: string, roleBinding: RoleBindingObject) {
    let created: RoleBindingObject;
    try {
      created = await this.app.kube.create<RoleBindingObject>(resources.roleBindings, namespace, roleBinding);
    } catch (err) {
      if (isKubeNotFound(err)) {
        throw notFound(
          `Namespace '${namespace}' does not exist yet: the profile controller creates it from the profile; try again once it is there.`,
        );
      }
      throw err;
    }
    this.index.roleBindings.applyWrite(created);
    return created;
  }

  private async deleteRoleBinding(namespace: string, name: string, log: FastifyBaseLogger) {
    try {
      await this.app.kube.delete(resources.roleBindings, namespace, name);
    } catch (err) {
      if (!isKubeNotFound(err)) {
        log.error({ err, ns: namespace, binding: name }, 'could not delete a RoleBinding');
        throw err;
      }
    }
    this.index.roleBindings.applyDelete(namespace, name);
  }

  /** Creates the policy; a leftover of the same name is brought up to date instead. */
  private async writePolicy(namespace: string, subject: BindingSubject, role: KfamRole) {
    const policy = planAuthorizationPolicy(namespace, subject, role, this.policy);
    try {
      await this.app.kube.create(resources.authorizationPolicies, namespace, policy);
    } catch (err) {
      if (!isKubeConflict(err)) throw err;
      await this.app.kube.patch<KubeObject>(
        resources.authorizationPolicies,
        namespace,
        policy.metadata?.name ?? '',
        { metadata: { annotations: policy.metadata?.annotations }, spec: policy.spec },
        'merge',
      );
    }
  }
}
