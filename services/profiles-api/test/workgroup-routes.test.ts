import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  asUser,
  browserCall,
  createNamespace,
  eventually,
  waitForAggregatedRole,
} from '@kf-ts/shared/testing';
import {
  accessReview,
  alice,
  bob,
  buildTestApp,
  carol,
  dave,
  erin,
  json,
  mallory,
  policiesIn,
  profileFor,
  profileObject,
  roleBindingsIn,
  uniqueName,
} from './helpers.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>;
type Caller = { name: string; groups?: string[] };

describe('workgroup API: /api/workgroup/...', () => {
  let app: App;
  let ns: string; // owned by alice
  const get = (caller: Caller | undefined, url: string) =>
    app.inject({ method: 'GET', url, headers: caller ? asUser(caller) : {} });
  const add = (caller: Caller, namespace: string, body: unknown) =>
    app.inject({
      method: 'POST',
      url: `/api/workgroup/add-contributor/${namespace}`,
      headers: browserCall(caller),
      payload: body as object,
    });
  const removeContributor = (caller: Caller, namespace: string, body: unknown) =>
    app.inject({
      method: 'DELETE',
      url: `/api/workgroup/remove-contributor/${namespace}`,
      headers: browserCall(caller),
      payload: body as object,
    });

  before(async () => {
    app = await buildTestApp({ KUBEFLOW_VERSION: '1.10.0' });
    await waitForAggregatedRole('kubeflow-edit');
    ns = await profileFor(app, 'wg', { kind: 'User', name: alice.name });
  });
  after(async () => {
    await app.close();
  });

  it('exists: tells the owner they have a workgroup, a stranger not', async () => {
    const owner = await get(alice, '/api/workgroup/exists');
    assert.equal(owner.statusCode, 200);
    assert.deepEqual(json(owner), {
      user: 'alice',
      hasAuth: true,
      hasWorkgroup: true,
      registrationFlowAllowed: true,
    });
    const stranger = await get(mallory, '/api/workgroup/exists');
    assert.deepEqual(json(stranger), {
      user: 'mallory',
      hasAuth: true,
      hasWorkgroup: false,
      registrationFlowAllowed: true,
    });
    const anonymous = await get(undefined, '/api/workgroup/exists');
    assert.equal(anonymous.statusCode, 401);
    assert.equal(json(anonymous).error, 'No user detected.');
  });

  it('owner adds and removes a user contributor; the dashboard shapes and the cluster follow', async () => {
    assert.equal(
      await accessReview(dave, {
        verb: 'create',
        group: 'kubeflow.org',
        resource: 'notebooks',
        namespace: ns,
      }),
      false,
    );
    const added = await add(alice, ns, { contributor: dave.name });
    assert.equal(added.statusCode, 200, added.body);
    assert.deepEqual(json(added), [{ name: dave.name, kind: 'User' }]);
    const binding = (await roleBindingsIn(ns)).find((rb) => rb.subjects?.[0]?.name === dave.name);
    assert.equal(binding?.roleRef?.name, 'kubeflow-edit');
    assert.deepEqual(binding?.metadata?.annotations, { user: dave.name, role: 'edit' });
    assert.ok((await policiesIn(ns)).some((p) => p.metadata?.name === binding?.metadata?.name));
    await eventually(async () =>
      (await accessReview(dave, {
        verb: 'create',
        group: 'kubeflow.org',
        resource: 'notebooks',
        namespace: ns,
      }))
        ? true
        : undefined,
    );

    const contributors = await get(dave, `/api/workgroup/get-contributors/${ns}`);
    assert.equal(contributors.statusCode, 200);
    assert.deepEqual(json(contributors), [{ name: dave.name, kind: 'User' }]);

    // The contributor's environment lists the namespace with role contributor.
    const env = await get(dave, '/api/workgroup/env-info');
    assert.equal(env.statusCode, 200);
    const envBody = json(env);
    assert.equal(envBody.user, dave.name);
    assert.equal(envBody.isClusterAdmin, false);
    assert.deepEqual(envBody.platform, {
      provider: 'other://',
      providerName: 'other',
      kubeflowVersion: '1.10.0',
      logoutUrl: '/logout',
    });
    assert.deepEqual(
      envBody.namespaces.filter((n: { namespace: string }) => n.namespace === ns),
      [{ namespace: ns, role: 'contributor', subject: dave.name, kind: 'user' }],
    );

    // A contributor cannot add contributors.
    const refused = await add(dave, ns, { contributor: bob.name });
    assert.equal(refused.statusCode, 403);
    assert.deepEqual(Object.keys(json(refused)).sort(), ['code', 'error', 'requestId']);
    assert.equal(
      json(refused).error,
      `User '${dave.name}' is not allowed to add contributors to namespace '${ns}'.`,
    );

    const removed = await removeContributor(alice, ns, { contributor: dave.name, cType: 'user' });
    assert.equal(removed.statusCode, 200, removed.body);
    assert.deepEqual(json(removed), []);
    assert.ok(!(await roleBindingsIn(ns)).some((rb) => rb.subjects?.[0]?.name === dave.name));
    await eventually(async () =>
      (await accessReview(dave, {
        verb: 'create',
        group: 'kubeflow.org',
        resource: 'notebooks',
        namespace: ns,
      }))
        ? undefined
        : true,
    );
  });

  it('owner adds and removes a group contributor; members see the namespace through the group', async () => {
    const added = await add(alice, ns, { contributor: 'team-beta', cType: 'group' });
    assert.equal(added.statusCode, 200, added.body);
    assert.deepEqual(json(added), [{ name: 'team-beta', kind: 'Group' }]);
    const env = json(await get(bob, '/api/workgroup/env-info'));
    assert.deepEqual(
      env.namespaces.filter((n: { namespace: string }) => n.namespace === ns),
      [{ namespace: ns, role: 'contributor', subject: 'team-beta', kind: 'group' }],
    );
    assert.deepEqual(json(await get(bob, `/api/workgroup/get-contributors/${ns}`)), [
      { name: 'team-beta', kind: 'Group' },
    ]);
    const removed = await removeContributor(alice, ns, { contributor: 'team-beta', cType: 'group' });
    assert.equal(removed.statusCode, 200, removed.body);
    assert.deepEqual(json(removed), []);
    assert.ok(!(await roleBindingsIn(ns)).some((rb) => rb.subjects?.[0]?.name === 'team-beta'));
  });

  it('env-info and get-all-namespaces: owners see their own, strangers nothing, cluster admins everything', async () => {
    const env = json(await get(alice, '/api/workgroup/env-info'));
    assert.deepEqual(
      env.namespaces.filter((n: { namespace: string }) => n.namespace === ns),
      [{ namespace: ns, role: 'owner', subject: alice.name, kind: 'user' }],
    );
    const strangerEnv = json(await get(mallory, '/api/workgroup/env-info'));
    assert.deepEqual(strangerEnv.namespaces, []);
    assert.equal(strangerEnv.isClusterAdmin, false);
    assert.deepEqual(json(await get(mallory, '/api/workgroup/get-all-namespaces')), []);
    assert.equal(json(await get(erin, '/api/workgroup/env-info')).isClusterAdmin, true);

    const withContributor = await add(alice, ns, { contributor: carol.name });
    assert.equal(withContributor.statusCode, 200, withContributor.body);
    const mine = json(await get(alice, '/api/workgroup/get-all-namespaces'));
    assert.deepEqual(
      mine.filter((row: string[]) => row[0] === ns),
      [[ns, alice.name, carol.name]],
    );
    const all = json(await get(erin, '/api/workgroup/get-all-namespaces'));
    assert.ok(all.some((row: string[]) => row[0] === ns));
    assert.equal((await removeContributor(alice, ns, { contributor: carol.name })).statusCode, 200);
  });

  it('get-contributors: 403 for a stranger, 404 for an admin asking about no profile', async () => {
    const stranger = await get(mallory, `/api/workgroup/get-contributors/${ns}`);
    assert.equal(stranger.statusCode, 403);
    assert.match(json(stranger).error, /not allowed to list the contributors/);
    const missing = await get(erin, '/api/workgroup/get-contributors/no-such-profile-w');
    assert.equal(missing.statusCode, 404);
    assert.equal(json(missing).error, "Profile 'no-such-profile-w' not found.");
    const badName = await get(alice, '/api/workgroup/get-contributors/Bad_Name');
    assert.equal(badName.statusCode, 400);
    assert.equal(json(badName).details[0].field, '/params/namespace');
  });

  it('a cluster admin adds and removes contributors anywhere; a stranger cannot', async () => {
    const added = await add(erin, ns, { contributor: 'someone.else@example.com' });
    assert.equal(added.statusCode, 200, added.body);
    const byStranger = await removeContributor(mallory, ns, { contributor: 'someone.else@example.com' });
    assert.equal(byStranger.statusCode, 403);
    const removed = await removeContributor(erin, ns, { contributor: 'someone.else@example.com' });
    assert.equal(removed.statusCode, 200, removed.body);
    const notThere = await removeContributor(erin, ns, { contributor: 'someone.else@example.com' });
    assert.equal(notThere.statusCode, 404);
  });

  it('remove-contributor: bad bodies in the dashboard error shape, and a contributor cannot remove anyone', async () => {
    const added = await add(alice, ns, { contributor: carol.name });
    assert.equal(added.statusCode, 200, added.body);
    await eventually(() =>
      app.profiles.index.grantsOf({ name: carol.name, groups: [] }).get(ns) ? true : undefined,
    );
    try {
      const before = (await roleBindingsIn(ns)).length;
      const cases: [unknown, string, string][] = [
        [{}, '/body/contributor', 'Invalid request'],
        [
          { contributor: 'carol' },
          '/body/contributor',
          "Contributor doesn't look like a valid email address",
        ],
        [
          { contributor: ' team', cType: 'group' },
          '/body/contributor',
          "Contributor doesn't look like a valid group name",
        ],
        [{ contributor: carol.name, cType: 'everyone' }, '/body/cType', 'Invalid request'],
        [{ contributor: carol.name, role: 'edit' }, '/body/role', 'Invalid request'],
      ];
      for (const [body, field, message] of cases) {
        const res = await removeContributor(alice, ns, body);
        assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
        const answer = json(res);
        assert.ok(answer.error.startsWith(message), res.body);
        assert.ok(
          answer.details.some((d: { field: string }) => d.field === field),
          res.body,
        );
      }
      const noBody = await app.inject({
        method: 'DELETE',
        url: `/api/workgroup/remove-contributor/${ns}`,
        headers: browserCall(alice),
      });
      assert.equal(noBody.statusCode, 400, noBody.body);
      assert.equal(typeof json(noBody).error, 'string');
      const badNamespace = await removeContributor(alice, 'Bad_Name', { contributor: carol.name });
      assert.equal(badNamespace.statusCode, 400);
      assert.equal(json(badNamespace).details[0].field, '/params/namespace');

      // A contributor cannot remove contributors, themselves included.
      const byContributor = await removeContributor(carol, ns, { contributor: carol.name });
      assert.equal(byContributor.statusCode, 403);
      assert.equal(
        json(byContributor).error,
        `User '${carol.name}' is not allowed to remove contributors from namespace '${ns}'.`,
      );
      assert.equal((await roleBindingsIn(ns)).length, before);
    } finally {
      assert.equal((await removeContributor(alice, ns, { contributor: carol.name })).statusCode, 200);
    }
  });

  it('answers every route without an identity with 401 in the dashboard shape', async () => {
    const calls: { method: 'GET' | 'POST' | 'DELETE'; url: string; payload?: object }[] = [
      { method: 'GET', url: '/api/workgroup/exists' },
      { method: 'GET', url: '/api/workgroup/env-info' },
      { method: 'GET', url: '/api/workgroup/get-all-namespaces' },
      { method: 'GET', url: `/api/workgroup/get-contributors/${ns}` },
      { method: 'POST', url: '/api/workgroup/create', payload: { namespace: uniqueName('wg-anon') } },
      { method: 'POST', url: `/api/workgroup/add-contributor/${ns}`, payload: { contributor: dave.name } },
      {
        method: 'DELETE',
        url: `/api/workgroup/remove-contributor/${ns}`,
        payload: { contributor: dave.name },
      },
    ];
    for (const call of calls) {
      const res = await app.inject(call);
      assert.equal(res.statusCode, 401, `${call.method} ${call.url}: ${res.body}`);
      assert.equal(json(res).error, 'No user detected.', `${call.method} ${call.url}`);
      assert.equal(json(res).code, 'UNAUTHENTICATED');
    }
  });

  it('rejects bad contributor bodies in the dashboard error shape, leaving nothing behind', async () => {
    const before = (await roleBindingsIn(ns)).length;
    const cases: [unknown, string, string][] = [
      [{}, '/body/contributor', 'Invalid request'],
      [
        { contributor: 'not-an-email' },
        '/body/contributor',
        "Contributor doesn't look like a valid email address",
      ],
      [
        { contributor: 'a,b', cType: 'group' },
        '/body/contributor',
        "Contributor doesn't look like a valid group name",
      ],
      [{ contributor: dave.name, cType: 'robot' }, '/body/cType', 'Invalid request'],
      [{ contributor: dave.name, extra: true }, '/body/extra', 'Invalid request'],
    ];
    for (const [body, field, message] of cases) {
      const res = await add(alice, ns, body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      const answer = json(res);
      assert.ok(answer.error.startsWith(message), res.body);
      assert.ok(
        answer.details.some((d: { field: string }) => d.field === field),
        res.body,
      );
      assert.equal(answer.success, undefined, 'plain error shape, not the Kubeflow envelope');
    }
    assert.equal((await roleBindingsIn(ns)).length, before);
  });
});

describe('workgroup API: POST /api/workgroup/create', () => {
  let app: App;
  const create = (caller: Caller, body: unknown) =>
    app.inject({
      method: 'POST',
      url: '/api/workgroup/create',
      headers: browserCall(caller),
      payload: body as object,
    });
  before(async () => {
    app = await buildTestApp();
  });
  after(async () => {
    await app.close();
  });

  it('creates a profile owned by the caller (registration flow)', async () => {
    const namespace = uniqueName('wg-new');
    const res = await create(dave, { namespace });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(json(res), { message: `Created namespace ${namespace}` });
    assert.deepEqual((await profileObject(namespace))?.spec?.owner, {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'User',
      name: dave.name,
    });
    const exists = json(
      await app.inject({ method: 'GET', url: '/api/workgroup/exists', headers: asUser(dave) }),
    );
    assert.equal(exists.hasWorkgroup, true);
  });

  it('refuses a body naming another user for a non-admin; a cluster admin may', async () => {
    const namespace = uniqueName('wg-other');
    const refused = await create(mallory, { namespace, user: alice.name });
    assert.equal(refused.statusCode, 403);
    assert.match(json(refused).error, /only cluster admins create profiles for others/);
    assert.equal(await profileObject(namespace), undefined);
    const byAdmin = await create(erin, { namespace, user: alice.name });
    assert.equal(byAdmin.statusCode, 200, byAdmin.body);
    assert.equal(
      ((await profileObject(namespace))?.spec?.owner as { name?: string } | undefined)?.name,
      alice.name,
    );
  });

  it('defaults the namespace to the user name and refuses existing namespaces', async () => {
    const taken = await createNamespace('wg-taken');
    const res = await create(carol, { namespace: taken });
    assert.equal(res.statusCode, 409);
    assert.match(json(res).error, /cannot take over an existing namespace/);
    const defaulted = await create(carol, {});
    assert.equal(defaulted.statusCode, 200, defaulted.body);
    assert.deepEqual(json(defaulted), { message: 'Created namespace carol' });
    assert.equal(
      ((await profileObject('carol'))?.spec?.owner as { name?: string } | undefined)?.name,
      carol.name,
    );
  });

  it('rejects bad bodies and refuses when self-registration is off', async () => {
    const bad = await create(dave, { namespace: 'Bad_Name' });
    assert.equal(bad.statusCode, 400);
    assert.equal(json(bad).details[0].field, '/body/namespace');
    const badOwner = await create(erin, { namespace: uniqueName('wg-bad'), user: 'a,b@example.com' });
    assert.equal(badOwner.statusCode, 400, badOwner.body);
    assert.equal(json(badOwner).details[0].field, '/body/user');
    const unknownField = await create(dave, { namespace: uniqueName('wg-bad'), owner: dave.name });
    assert.equal(unknownField.statusCode, 400);
    assert.equal(json(unknownField).details[0].field, '/body/owner');
    const closed = await buildTestApp({ SELF_REGISTRATION: 'false' });
    try {
      const namespace = uniqueName('wg-closed');
      const res = await closed.inject({
        method: 'POST',
        url: '/api/workgroup/create',
        headers: browserCall(dave),
        payload: { namespace },
      });
      assert.equal(res.statusCode, 403);
      assert.match(json(res).error, /self-registration is switched off/);
      const exists = json(
        await closed.inject({ method: 'GET', url: '/api/workgroup/exists', headers: asUser(dave) }),
      );
      assert.equal(exists.registrationFlowAllowed, false);
      assert.equal(await profileObject(namespace), undefined);
    } finally {
      await closed.close();
    }
  });
});
