import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type KubeObject, resources } from '@kf-ts/shared';
import {
  adminKube,
  asUser,
  bindRole,
  browserCall,
  eventually,
  waitForAggregatedRole,
} from '@kf-ts/shared/testing';
import { bindingName, upstreamBindingName } from '../src/binding-model.ts';
import {
  accessReview,
  alice,
  arrangeUpstreamBinding,
  bob,
  buildTestApp,
  carol,
  dave,
  erin,
  json,
  mallory,
  policiesIn,
  profileFor,
  roleBindingsIn,
  seenByApp,
} from './helpers.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>;
const subjectOf = (kind: 'User' | 'Group', name: string) => ({ kind, name });
const bindingBody = (namespace: string, subject: { kind: 'User' | 'Group'; name: string }, role: string) => ({
  user: subject,
  referredNamespace: namespace,
  RoleRef: { kind: 'ClusterRole', name: role },
});

const createNotebooks = (namespace: string) => ({
  verb: 'create',
  group: 'kubeflow.org',
  resource: 'notebooks',
  namespace,
});
const listNotebooks = (namespace: string) => ({
  verb: 'list',
  group: 'kubeflow.org',
  resource: 'notebooks',
  namespace,
});

async function post(app: App, caller: { name: string; groups?: string[] }, body: unknown) {
  return app.inject({
    method: 'POST',
    url: '/kfam/v1/bindings',
    headers: browserCall(caller),
    payload: body as object,
  });
}
async function remove(app: App, caller: { name: string; groups?: string[] }, body: unknown) {
  return app.inject({
    method: 'DELETE',
    url: '/kfam/v1/bindings',
    headers: browserCall(caller),
    payload: body as object,
  });
}
async function list(app: App, caller: { name: string; groups?: string[] }, query = '') {
  return app.inject({ method: 'GET', url: `/kfam/v1/bindings${query}`, headers: asUser(caller) });
}

describe('KFAM bindings: /kfam/v1/bindings', () => {
  let app: App;
  let ns: string; // owned by alice
  before(async () => {
    app = await buildTestApp();
    await waitForAggregatedRole('kubeflow-edit');
    await waitForAggregatedRole('kubeflow-view');
    await waitForAggregatedRole('kubeflow-admin');
    ns = await profileFor(app, 'kfb', subjectOf('User', alice.name));
  });
  after(async () => {
    await app.close();
  });

  it('lets the owner add a user as contributor: a RoleBinding and an AuthorizationPolicy that really grant access', async () => {
    assert.equal(await accessReview(dave, createNotebooks(ns)), false, 'dave has no access before');
    const res = await post(app, alice, bindingBody(ns, subjectOf('User', dave.name), 'edit'));
    assert.equal(res.statusCode, 200, res.body);
    const name = bindingName(subjectOf('User', dave.name), 'edit');
    assert.deepEqual(json(res), {
      success: true,
      status: 200,
      user: alice.name,
      binding: {
        user: { kind: 'User', name: dave.name },
        subject: { kind: 'User', name: dave.name },
        referredNamespace: ns,
        RoleRef: { kind: 'ClusterRole', name: 'edit' },
        name,
      },
    });
    const roleBinding = (await roleBindingsIn(ns)).find((rb) => rb.metadata?.name === name);
    assert.ok(roleBinding, 'RoleBinding created');
    assert.deepEqual(roleBinding.metadata?.annotations, { user: dave.name, role: 'edit' });
    assert.equal(roleBinding.roleRef?.name, 'kubeflow-edit');
    assert.deepEqual(
      roleBinding.subjects?.map((s) => [s.kind, s.name]),
      [['User', dave.name]],
    );
    const policy = (await policiesIn(ns)).find((p) => p.metadata?.name === name);
    assert.ok(policy, 'AuthorizationPolicy of the same name created');
    assert.deepEqual(policy.metadata?.annotations, { user: dave.name, role: 'edit' });
    assert.deepEqual(policy.spec, {
      rules: [
        {
          from: [
            {
              source: {
                principals: [
                  'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account',
                  'cluster.local/ns/kubeflow/sa/ml-pipeline-ui',
                ],
              },
            },
          ],
          when: [{ key: 'request.headers[kubeflow-userid]', values: [dave.name] }],
        },
      ],
    });
    await eventually(async () => ((await accessReview(dave, createNotebooks(ns))) ? true : undefined));

    // The contributor now reads the namespace's bindings, but cannot add contributors.
    const seen = await list(app, dave, `?namespace=${ns}`);
    assert.equal(seen.statusCode, 200);
    assert.deepEqual(
      json(seen)
        .bindings.map((b: { name: string }) => b.name)
        .sort(),
      ['namespaceAdmin', name].sort(),
    );
    const refused = await post(app, dave, bindingBody(ns, subjectOf('User', bob.name), 'view'));
    assert.equal(refused.statusCode, 403);
    assert.equal(
      json(refused).log,
      `User '${dave.name}' is not allowed to add contributors to namespace '${ns}'.`,
    );
    assert.ok(!(await roleBindingsIn(ns)).some((rb) => rb.metadata?.annotations?.user === bob.name));
    const refusedRemoval = await remove(app, dave, bindingBody(ns, subjectOf('User', dave.name), 'edit'));
    assert.equal(refusedRemoval.statusCode, 403);

    // The owner removes the user again: both objects go, and so does the access.
    const removed = await remove(app, alice, bindingBody(ns, subjectOf('User', dave.name), 'edit'));
    assert.equal(removed.statusCode, 200, removed.body);
    assert.deepEqual(
      json(removed).bindings.map((b: { name: string }) => b.name),
      [name],
    );
    assert.ok(!(await roleBindingsIn(ns)).some((rb) => rb.metadata?.name === name));
    assert.ok(!(await policiesIn(ns)).some((p) => p.metadata?.name === name));
    await eventually(async () => ((await accessReview(dave, createNotebooks(ns))) ? undefined : true));
  });

  it('lets the owner add and remove a group (subject/roleRef spelling), granting its members access', async () => {
    const member = { name: 'someone@example.com', groups: ['data-scientists'] };
    assert.equal(await accessReview(member, listNotebooks(ns)), false);
    const body = {
      subject: subjectOf('Group', 'data-scientists'),
      referredNamespace: ns,
      roleRef: { kind: 'ClusterRole', name: 'view' },
    };
    const res = await post(app, alice, body);
    assert.equal(res.statusCode, 200, res.body);
    const name = bindingName(subjectOf('Group', 'data-scientists'), 'view');
    assert.equal(json(res).binding.name, name);
    assert.match(name, /^group-data-scientists-[0-9a-f]{10}-clusterrole-view$/);
    const roleBinding = (await roleBindingsIn(ns)).find((rb) => rb.metadata?.name === name);
    assert.deepEqual(
      roleBinding?.subjects?.map((s) => [s.kind, s.name]),
      [['Group', 'data-scientists']],
    );
    const policy = (await policiesIn(ns)).find((p) => p.metadata?.name === name);
    assert.deepEqual((policy?.spec as { rules: { when: unknown }[] }).rules[0]!.when, [
      {
        key: 'request.headers[kubeflow-groups]',
        values: ['data-scientists', 'data-scientists,*', '*,data-scientists'],
      },
    ]);
    await eventually(async () => ((await accessReview(member, listNotebooks(ns))) ? true : undefined));

    // carol (in data-scientists) now sees the namespace's bindings through her group.
    const carolSees = await list(app, carol, `?namespace=${ns}`);
    assert.ok(json(carolSees).bindings.some((b: { name: string }) => b.name === name));
    const groupsFilter = await list(
      app,
      alice,
      `?namespace=${ns}&groups=${encodeURIComponent('["data-scientists"]')}`,
    );
    assert.deepEqual(
      json(groupsFilter).bindings.map((b: { name: string }) => b.name),
      [name],
    );

    const removed = await remove(app, alice, body);
    assert.equal(removed.statusCode, 200, removed.body);
    assert.ok(!(await roleBindingsIn(ns)).some((rb) => rb.metadata?.name === name));
    assert.ok(!(await policiesIn(ns)).some((p) => p.metadata?.name === name));
    await eventually(async () => ((await accessReview(member, listNotebooks(ns))) ? undefined : true));
  });

  it('gives two emails that differ only in punctuation two different bindings', async () => {
    const first = subjectOf('User', 'first.last@example.com');
    const second = subjectOf('User', 'first-last@example.com');
    assert.equal(
      upstreamBindingName(first, 'view'),
      upstreamBindingName(second, 'view'),
      'upstream would collide',
    );
    const a = await post(app, alice, bindingBody(ns, first, 'view'));
    const b = await post(app, alice, bindingBody(ns, second, 'view'));
    assert.equal(a.statusCode, 200, a.body);
    assert.equal(b.statusCode, 200, b.body);
    assert.notEqual(json(a).binding.name, json(b).binding.name);
    const bound = (await roleBindingsIn(ns))
      .filter((rb) => rb.metadata?.annotations?.role === 'view')
      .map((rb) => rb.subjects?.[0]?.name)
      .sort();
    assert.deepEqual(bound, [first.name, second.name].sort());
    const listed = await list(app, alice, `?namespace=${ns}&role=view`);
    assert.deepEqual(
      json(listed)
        .bindings.map((x: { user: { name: string } }) => x.user.name)
        .sort(),
      [first.name, second.name].sort(),
    );
    // Adding the same subject and role again is a conflict, not a second binding.
    const again = await post(app, alice, bindingBody(ns, first, 'view'));
    assert.equal(again.statusCode, 409);
    assert.equal((await roleBindingsIn(ns)).filter((rb) => rb.subjects?.[0]?.name === first.name).length, 1);
    for (const subject of [first, second]) {
      assert.equal((await remove(app, alice, bindingBody(ns, subject, 'view'))).statusCode, 200);
    }
  });

  it('lists and removes bindings named the upstream way (found by their annotations)', async () => {
    const legacy = subjectOf('User', 'legacy.user@example.com');
    const upstreamName = upstreamBindingName(legacy, 'edit');
    assert.equal(upstreamName, 'user-legacy-user-example-com-clusterrole-edit');
    await arrangeUpstreamBinding(ns, legacy, 'edit', upstreamName);
    const kube = await adminKube();
    await kube.create(resources.authorizationPolicies, ns, {
      apiVersion: 'security.istio.io/v1beta1',
      kind: 'AuthorizationPolicy',
      metadata: { name: upstreamName, namespace: ns, annotations: { user: legacy.name, role: 'edit' } },
      spec: { rules: [] },
    } as KubeObject);
    await eventually(() =>
      app.profiles.index.bindingsIn(ns).some((b) => b.name === upstreamName) ? true : undefined,
    );
    const listed = await list(app, alice, `?namespace=${ns}&user=${encodeURIComponent(legacy.name)}`);
    assert.deepEqual(json(listed).bindings, [
      {
        user: legacy,
        subject: legacy,
        referredNamespace: ns,
        RoleRef: { kind: 'ClusterRole', name: 'edit' },
        name: upstreamName,
      },
    ]);
    const removed = await remove(app, alice, bindingBody(ns, legacy, 'edit'));
    assert.equal(removed.statusCode, 200, removed.body);
    assert.ok(!(await roleBindingsIn(ns)).some((rb) => rb.metadata?.name === upstreamName));
    assert.ok(!(await policiesIn(ns)).some((p) => p.metadata?.name === upstreamName));
  });

  it('shows a stranger nothing and refuses their writes', async () => {
    const all = await list(app, mallory);
    assert.equal(all.statusCode, 200);
    assert.deepEqual(json(all), { success: true, status: 200, user: mallory.name, bindings: [] });
    const one = await list(app, mallory, `?namespace=${ns}`);
    assert.deepEqual(json(one).bindings, []);
    const write = await post(app, mallory, bindingBody(ns, subjectOf('User', mallory.name), 'admin'));
    assert.equal(write.statusCode, 403);
    assert.equal(json(write).code, 'FORBIDDEN');
    assert.ok(!(await roleBindingsIn(ns)).some((rb) => rb.metadata?.annotations?.user === mallory.name));
    // A missing profile is not revealed to a stranger either.
    const missing = await post(
      app,
      mallory,
      bindingBody(ns + '-none', subjectOf('User', mallory.name), 'edit'),
    );
    assert.equal(missing.statusCode, 403);
  });

  it('lets a cluster admin (by RBAC) read everything and manage any namespace', async () => {
    const other = await profileFor(app, 'kfb-bob', subjectOf('User', bob.name));
    const all = await list(app, erin);
    const namespaces = new Set(
      json(all).bindings.map((b: { referredNamespace: string }) => b.referredNamespace),
    );
    assert.ok(namespaces.has(ns) && namespaces.has(other), 'sees every profile namespace');
    const added = await post(app, erin, bindingBody(other, subjectOf('User', carol.name), 'edit'));
    assert.equal(added.statusCode, 200, added.body);
    // alice (owner of the other profile only) sees none of bob's bindings.
    assert.deepEqual(json(await list(app, alice, `?namespace=${other}`)).bindings, []);
    const removed = await remove(app, erin, bindingBody(other, subjectOf('User', carol.name), 'edit'));
    assert.equal(removed.statusCode, 200, removed.body);
    // For a cluster admin, a namespace that is no profile is a 404.
    const missing = await post(
      app,
      erin,
      bindingBody('no-such-profile-x', subjectOf('User', carol.name), 'edit'),
    );
    assert.equal(missing.statusCode, 404);
    assert.equal(json(missing).log, "Profile 'no-such-profile-x' not found.");
  });

  it('lets someone Kubernetes allows to manage RoleBindings there add contributors, without escalation', async () => {
    const other = await profileFor(app, 'kfb-rbac', subjectOf('User', bob.name));
    // dave holds kubeflow-admin in the namespace (not owner): he may bind any kubeflow role.
    await bindRole(other, { kind: 'User', name: dave.name }, 'kubeflow-admin');
    await eventually(async () =>
      (await accessReview(dave, {
        verb: 'create',
        group: 'rbac.authorization.k8s.io',
        resource: 'rolebindings',
        namespace: other,
      }))
        ? true
        : undefined,
    );
    await eventually(() =>
      app.profiles.index.grantsOf({ name: dave.name, groups: [] }).get(other) ? true : undefined,
    );
    const added = await post(app, dave, bindingBody(other, subjectOf('User', carol.name), 'view'));
    assert.equal(added.statusCode, 200, added.body);

    // mallory-like caller with only "create rolebindings" (no kubeflow-admin, no bind): refused.
    const kube = await adminKube();
    const roles = resources.roles;
    await kube.create(roles, other, {
      metadata: { name: 'rolebinding-writer', namespace: other },
      rules: [
        {
          apiGroups: ['rbac.authorization.k8s.io'],
          resources: ['rolebindings'],
          verbs: ['create', 'delete'],
        },
      ],
    } as KubeObject);
    await kube.create(resources.roleBindings, other, {
      metadata: { name: 'rolebinding-writer', namespace: other },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'rolebinding-writer' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'writer@example.com' }],
    } as KubeObject);
    const writer = { name: 'writer@example.com', groups: [] };
    await eventually(async () =>
      (await accessReview(writer, {
        verb: 'create',
        group: 'rbac.authorization.k8s.io',
        resource: 'rolebindings',
        namespace: other,
      }))
        ? true
        : undefined,
    );
    const escalation = await post(app, writer, bindingBody(other, subjectOf('User', writer.name), 'admin'));
    assert.equal(escalation.statusCode, 403, escalation.body);
    // Removing needs only what Kubernetes allows (delete rolebindings).
    const removed = await remove(app, writer, bindingBody(other, subjectOf('User', carol.name), 'view'));
    assert.equal(removed.statusCode, 200, removed.body);
  });

  it("counts the caller's groups: members of an owning group manage contributors, others do not", async () => {
    const teamOwned = await profileFor(app, 'kfb-team', subjectOf('Group', 'team-beta'));
    const body = bindingBody(teamOwned, subjectOf('User', dave.name), 'view');
    const byOutsider = await post(app, alice, body);
    assert.equal(byOutsider.statusCode, 403, byOutsider.body);
    const byMember = await post(app, bob, body);
    assert.equal(byMember.statusCode, 200, byMember.body);
    await eventually(async () => ((await accessReview(dave, listNotebooks(teamOwned))) ? true : undefined));
    const seen = json(await list(app, bob, `?namespace=${teamOwned}`)).bindings.map(
      (b: { name: string }) => b.name,
    );
    assert.ok(seen.includes(json(byMember).binding.name), 'the group owner reads the bindings');
    assert.deepEqual(json(await list(app, alice, `?namespace=${teamOwned}`)).bindings, []);
    const removed = await remove(app, bob, body);
    assert.equal(removed.statusCode, 200, removed.body);
    await eventually(async () => ((await accessReview(dave, listNotebooks(teamOwned))) ? undefined : true));
  });

  it('refuses to remove the owner binding the profile controller made', async () => {
    const res = await remove(app, alice, bindingBody(ns, subjectOf('User', alice.name), 'admin'));
    assert.equal(res.statusCode, 409);
    assert.ok((await roleBindingsIn(ns)).some((rb) => rb.metadata?.name === 'namespaceAdmin'));
  });

  it('rejects bad bodies with field details and leaves nothing behind', async () => {
    const before = (await roleBindingsIn(ns)).length;
    const cases: [unknown, string][] = [
      [
        { user: subjectOf('User', dave.name), RoleRef: { kind: 'ClusterRole', name: 'edit' } },
        '/body/referredNamespace',
      ],
      [bindingBody(ns, subjectOf('User', dave.name), 'owner'), '/body/RoleRef/name'],
      [bindingBody(ns, { kind: 'ServiceAccount', name: 'x' } as never, 'edit'), '/body/user/kind'],
      [{ referredNamespace: ns, RoleRef: { kind: 'ClusterRole', name: 'edit' } }, '/body/user'],
      [{ user: subjectOf('User', dave.name), referredNamespace: ns }, '/body/RoleRef'],
      [{ ...bindingBody(ns, subjectOf('User', dave.name), 'edit'), extra: 1 }, '/body/extra'],
      [bindingBody('Not_A_Namespace', subjectOf('User', dave.name), 'edit'), '/body/referredNamespace'],
      [bindingBody(ns, subjectOf('Group', 'a,b'), 'edit'), '/body/user/name'],
      [
        { ...bindingBody(ns, subjectOf('User', dave.name), 'edit'), subject: subjectOf('User', bob.name) },
        '/body/subject',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await post(app, alice, body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.ok(
        json(res).details.some((d: { field: string }) => d.field.startsWith(field)),
        `${field} in ${res.body}`,
      );
    }
    const badGroups = await list(app, alice, `?groups=${encodeURIComponent('["a",')}`);
    assert.equal(badGroups.statusCode, 400);
    assert.equal(json(badGroups).details[0].field, '/query/groups');
    const badRole = await list(app, alice, '?role=owner');
    assert.equal(badRole.statusCode, 400);
    assert.equal((await roleBindingsIn(ns)).length, before);
  });

  it('rejects bad removal bodies with field details, and answers 404 for a binding that is not there', async () => {
    const before = (await roleBindingsIn(ns)).length;
    const cases: [unknown, string][] = [
      [
        { user: subjectOf('User', dave.name), RoleRef: { kind: 'ClusterRole', name: 'edit' } },
        '/body/referredNamespace',
      ],
      [bindingBody(ns, subjectOf('User', alice.name), 'owner'), '/body/RoleRef/name'],
      [{ referredNamespace: ns, RoleRef: { kind: 'ClusterRole', name: 'admin' } }, '/body/user'],
      [{ user: subjectOf('User', alice.name), referredNamespace: ns }, '/body/RoleRef'],
      [{ ...bindingBody(ns, subjectOf('User', alice.name), 'admin'), force: true }, '/body/force'],
    ];
    for (const [body, field] of cases) {
      const res = await remove(app, alice, body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.ok(
        json(res).details.some((d: { field: string }) => d.field.startsWith(field)),
        `${field} in ${res.body}`,
      );
    }
    // DELETE needs its JSON body: without one it is a 400 that says so, never a 500.
    const noBody = await app.inject({
      method: 'DELETE',
      url: '/kfam/v1/bindings',
      headers: browserCall(alice),
    });
    assert.equal(noBody.statusCode, 400, noBody.body);
    assert.equal(json(noBody).success, false);
    const notThere = await remove(
      app,
      alice,
      bindingBody(ns, subjectOf('User', 'nobody@example.com'), 'view'),
    );
    assert.equal(notThere.statusCode, 404);
    assert.equal(
      json(notThere).log,
      `User 'nobody@example.com' has no binding with role 'view' in namespace '${ns}'.`,
    );
    assert.equal((await roleBindingsIn(ns)).length, before);
  });

  it('answers a body that is not JSON with 400', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/kfam/v1/bindings',
      headers: { ...browserCall(alice), 'content-type': 'application/json' },
      payload: '{"user": ',
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(json(res).log, 'The request body is not valid JSON.');
  });

  it('names the missing namespace when the profile controller has not made it yet, creating nothing', async () => {
    const kube = await adminKube();
    const name = `kfb-nons-${Date.now().toString(36)}`;
    await kube.create(resources.profiles, undefined, {
      apiVersion: 'kubeflow.org/v1',
      kind: 'Profile',
      metadata: { name },
      spec: { owner: { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: alice.name } },
    });
    await seenByApp(app, name, 0);
    const res = await post(app, alice, bindingBody(name, subjectOf('User', dave.name), 'edit'));
    assert.equal(res.statusCode, 404, res.body);
    assert.equal(
      json(res).log,
      `Namespace '${name}' does not exist yet: the profile controller creates it from the profile; try again once it is there.`,
    );
    assert.deepEqual(app.profiles.index.bindingsIn(name), []);
  });

  it('takes the RoleBinding back when its AuthorizationPolicy cannot be written: never half a binding', async () => {
    const quoted = await profileFor(app, 'kfb-quota', subjectOf('User', alice.name));
    const kube = await adminKube();
    const quotas = { ...resources.roleBindings, group: '', plural: 'resourcequotas', kind: 'ResourceQuota' };
    const key = 'count/authorizationpolicies.security.istio.io';
    await kube.create(quotas, quoted, {
      metadata: { name: 'no-policies', namespace: quoted },
      spec: { hard: { [key]: '0' } },
    } as KubeObject);
    // Quota admission only counts once the controller manager has synced the quota's status.
    await eventually(
      async () => {
        const quota = await kube.get<KubeObject & { status?: { hard?: Record<string, string> } }>(
          quotas,
          quoted,
          'no-policies',
        );
        return quota.status?.hard?.[key] !== undefined ? true : undefined;
      },
      30_000,
      'the ResourceQuota synced',
    );
    const subject = subjectOf('User', 'half@example.com');
    const calls: string[] = [];
    const stop = app.kube.onCall((call) => calls.push(`${call.operation} ${call.status}`));
    const res = await post(app, alice, bindingBody(quoted, subject, 'edit'));
    stop();
    assert.equal(res.statusCode, 403, res.body);
    // The RoleBinding was really written, the policy refused, and the RoleBinding deleted again.
    assert.deepEqual(
      calls.filter((call) => /^(create|delete|patch) (rolebindings|authorizationpolicies) /.test(call)),
      ['create rolebindings 201', 'create authorizationpolicies 403', 'delete rolebindings 200'],
    );
    assert.match(json(res).log, /authorizationpolicies.*forbidden.*quota/);
    assert.ok(
      !(await roleBindingsIn(quoted)).some((rb) => rb.metadata?.annotations?.user === subject.name),
      'the RoleBinding was taken back',
    );
    assert.ok(!(await policiesIn(quoted)).some((p) => p.metadata?.annotations?.user === subject.name));
    assert.equal(await accessReview({ name: subject.name }, createNotebooks(quoted)), false);
    assert.deepEqual(
      json(await list(app, alice, `?namespace=${quoted}&user=${encodeURIComponent(subject.name)}`)).bindings,
      [],
    );
  });

  it('writes only the RoleBinding where the cluster has no Istio', async () => {
    const noIstio = await buildTestApp();
    noIstio.discovery.has = () => false;
    try {
      await seenByApp(noIstio, ns);
      const res = await post(
        noIstio,
        alice,
        bindingBody(ns, subjectOf('User', 'no-istio@example.com'), 'view'),
      );
      assert.equal(res.statusCode, 200, res.body);
      const name = json(res).binding.name;
      assert.ok((await roleBindingsIn(ns)).some((rb) => rb.metadata?.name === name));
      assert.ok(!(await policiesIn(ns)).some((p) => p.metadata?.name === name));
      const removed = await remove(
        noIstio,
        alice,
        bindingBody(ns, subjectOf('User', 'no-istio@example.com'), 'view'),
      );
      assert.equal(removed.statusCode, 200, removed.body);
    } finally {
      await noIstio.close();
    }
  });

  it('needs an identity', async () => {
    const res = await app.inject({ method: 'GET', url: '/kfam/v1/bindings' });
    assert.equal(res.statusCode, 401);
    assert.equal(json(res).log, 'No user detected.');
  });
});

describe('KFAM cluster admin query: GET /kfam/v1/role/clusteradmin', () => {
  let app: App;
  before(async () => {
    app = await buildTestApp({ CLUSTER_ADMINS: ' dave@example.com , ' });
  });
  after(async () => {
    await app.close();
  });

  const ask = (caller: { name: string; groups?: string[] }, query = '') =>
    app.inject({ method: 'GET', url: `/kfam/v1/role/clusteradmin${query}`, headers: asUser(caller) });

  it('answers a bare true for a cluster admin by RBAC (through a group) and false for others', async () => {
    const yes = await ask(erin, `?user=${encodeURIComponent(erin.name)}`);
    assert.equal(yes.statusCode, 200);
    assert.equal(yes.body, 'true');
    assert.equal((await ask(erin)).body, 'true');
    const no = await ask(alice, `?user=${encodeURIComponent(alice.name)}`);
    assert.equal(no.statusCode, 200);
    assert.equal(no.body, 'false');
  });

  it('also counts the CLUSTER_ADMINS list', async () => {
    assert.equal((await ask(dave)).body, 'true');
    assert.equal((await ask(erin, `?user=${encodeURIComponent(dave.name)}`)).body, 'true');
  });

  it('lets only cluster admins ask about someone else', async () => {
    const refused = await ask(alice, `?user=${encodeURIComponent(erin.name)}`);
    assert.equal(refused.statusCode, 403);
    assert.equal(json(refused).code, 'FORBIDDEN');
    assert.equal((await ask(erin, `?user=${encodeURIComponent(alice.name)}`)).body, 'false');
  });

  it('rejects unknown query parameters and needs an identity', async () => {
    const bad = await ask(alice, '?usr=x');
    assert.equal(bad.statusCode, 400);
    assert.equal(json(bad).details[0].field, '/query/usr');
    const anonymous = await app.inject({ method: 'GET', url: '/kfam/v1/role/clusteradmin' });
    assert.equal(anonymous.statusCode, 401);
  });
});
