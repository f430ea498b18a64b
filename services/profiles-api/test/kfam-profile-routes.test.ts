import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resources } from '@kf-ts/shared';
import { adminKube, asUser, browserCall, createNamespace, eventually } from '@kf-ts/shared/testing';
import {
  alice,
  bob,
  buildTestApp,
  carol,
  dave,
  erin,
  json,
  mallory,
  profileFor,
  profileObject,
  uniqueName,
} from './helpers.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>;
type Caller = { name: string; groups?: string[] };

const createBody = (name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'kubeflow.org/v1',
  kind: 'Profile',
  metadata: { name },
  spec,
});

describe('KFAM profiles: POST /kfam/v1/profiles', () => {
  let app: App;
  const create = (caller: Caller, body: unknown) =>
    app.inject({
      method: 'POST',
      url: '/kfam/v1/profiles',
      headers: browserCall(caller),
      payload: body as object,
    });
  before(async () => {
    app = await buildTestApp();
  });
  after(async () => {
    await app.close();
  });

  it('creates a profile owned by the caller, keeping resourceQuotaSpec, and creates no namespace itself', async () => {
    const name = uniqueName('kfp-self');
    const quota = { hard: { cpu: '8', 'requests.memory': '16Gi', 'requests.nvidia.com/gpu': '1' } };
    const res = await create(dave, createBody(name, { resourceQuotaSpec: quota }));
    assert.equal(res.statusCode, 200, res.body);
    const body = json(res);
    assert.equal(body.success, true);
    assert.equal(body.user, dave.name);
    assert.equal(body.profile.metadata.name, name);
    const stored = await profileObject(name);
    assert.deepEqual(stored?.spec, {
      owner: { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: dave.name },
      resourceQuotaSpec: quota,
    });
    // The profile controller makes the namespace; this service does not pretend to be it.
    const kube = await adminKube();
    await assert.rejects(kube.get(resources.namespaces, undefined, name));
    // Read-your-writes: the owner lists it at once.
    const listed = await app.inject({ method: 'GET', url: '/kfam/v1/profiles', headers: asUser(dave) });
    assert.ok(json(listed).profiles.some((p: { name: string }) => p.name === name));
  });

  it('refuses a body naming another user as owner for a non-admin, and allows it for a cluster admin', async () => {
    const name = uniqueName('kfp-other');
    const refused = await create(alice, createBody(name, { owner: { kind: 'User', name: bob.name } }));
    assert.equal(refused.statusCode, 403);
    assert.equal(
      json(refused).log,
      `User '${alice.name}' is not allowed to create profile '${name}' owned by User '${bob.name}': only cluster admins create profiles for others.`,
    );
    const groupOwner = await create(
      alice,
      createBody(name, { owner: { kind: 'Group', name: 'team-alpha' } }),
    );
    assert.equal(groupOwner.statusCode, 403);
    assert.equal(await profileObject(name), undefined, 'nothing created');

    const byAdmin = await create(erin, createBody(name, { owner: { kind: 'User', name: bob.name } }));
    assert.equal(byAdmin.statusCode, 200, byAdmin.body);
    assert.deepEqual((await profileObject(name))?.spec?.owner, {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'User',
      name: bob.name,
    });
  });

  it('refuses spec.plugins to a non-admin (they grant cloud identities); a cluster admin may set them', async () => {
    const name = uniqueName('kfp-plugins');
    const plugins = [
      { kind: 'WorkloadIdentity', spec: { gcpServiceAccount: 'owner@project.iam.gserviceaccount.com' } },
    ];
    const refused = await create(dave, createBody(name, { plugins }));
    assert.equal(refused.statusCode, 403);
    assert.equal(
      json(refused).log,
      `User '${dave.name}' is not allowed to create profile '${name}' with spec.plugins: plugins grant cloud identities to the namespace, so only cluster admins set them; leave them out.`,
    );
    assert.equal(await profileObject(name), undefined, 'nothing created');
    const byAdmin = await create(
      erin,
      createBody(name, { owner: { kind: 'User', name: dave.name }, plugins }),
    );
    assert.equal(byAdmin.statusCode, 200, byAdmin.body);
    assert.deepEqual((await profileObject(name))?.spec?.plugins, plugins);
  });

  it('refuses self-registration when it is switched off (admins still create)', async () => {
    const closed = await buildTestApp({ SELF_REGISTRATION: 'false' });
    try {
      const name = uniqueName('kfp-closed');
      const res = await closed.inject({
        method: 'POST',
        url: '/kfam/v1/profiles',
        headers: browserCall(dave),
        payload: createBody(name),
      });
      assert.equal(res.statusCode, 403);
      assert.match(json(res).log, /self-registration is switched off/);
      assert.equal(await profileObject(name), undefined);
      const byAdmin = await closed.inject({
        method: 'POST',
        url: '/kfam/v1/profiles',
        headers: browserCall(erin),
        payload: createBody(name, { owner: { kind: 'User', name: dave.name } }),
      });
      assert.equal(byAdmin.statusCode, 200, byAdmin.body);
    } finally {
      await closed.close();
    }
  });

  it('refuses to take over an existing namespace or profile', async () => {
    const existing = await createNamespace('kfp-taken');
    const res = await create(dave, createBody(existing));
    assert.equal(res.statusCode, 409);
    assert.match(json(res).log, /already exists: a new profile cannot take over/);
    assert.equal(await profileObject(existing), undefined);
    const owned = await profileFor(app, 'kfp-dup', { kind: 'User', name: carol.name });
    const dup = await create(carol, createBody(owned));
    assert.equal(dup.statusCode, 409);
  });

  it('rejects bad bodies with field details and creates nothing', async () => {
    const name = uniqueName('kfp-bad');
    const cases: [unknown, string][] = [
      [{ spec: {} }, '/body/metadata'],
      [createBody('Bad_Name'), '/body/metadata/name'],
      [
        createBody(name, { resourceQuotaSpec: { hard: { cpu: 'lots' } } }),
        '/body/spec/resourceQuotaSpec/hard/cpu',
      ],
      [
        createBody(name, { resourceQuotaSpec: { hard: { memory: '' } } }),
        '/body/spec/resourceQuotaSpec/hard/memory',
      ],
      [
        createBody(name, { resourceQuotaSpec: { hard: { 'my cpu': '4' } } }),
        '/body/spec/resourceQuotaSpec/hard/my cpu',
      ],
      [
        createBody(name, { resourceQuotaSpec: { hard: { cpu: '-2' } } }),
        '/body/spec/resourceQuotaSpec/hard/cpu',
      ],
      [
        createBody(name, { resourceQuotaSpec: { scopes: ['Cheap'] } }),
        '/body/spec/resourceQuotaSpec/scopes/0',
      ],
      [createBody(name, { owner: { kind: 'ServiceAccount', name: 'x' } }), '/body/spec/owner/kind'],
      [createBody(name, { surprise: true }), '/body/spec/surprise'],
    ];
    for (const [body, field] of cases) {
      const res = await create(dave, body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.ok(
        json(res).details.some((d: { field: string }) => d.field.startsWith(field)),
        `${field} in ${res.body}`,
      );
    }
    assert.equal(await profileObject(name), undefined);
  });
});

describe('KFAM profiles: GET /kfam/v1/profiles, PATCH and DELETE /kfam/v1/profiles/{profile}', () => {
  let app: App;
  let owned: string; // owner alice, contributor carol (edit), quota cpu 4
  let groupOwned: string; // owner group team-beta (bob)
  before(async () => {
    app = await buildTestApp();
    owned = await profileFor(
      app,
      'kfp-list',
      { kind: 'User', name: alice.name },
      { resourceQuotaSpec: { hard: { cpu: '4' } } },
    );
    groupOwned = await profileFor(app, 'kfp-group', { kind: 'Group', name: 'team-beta' });
    const added = await app.inject({
      method: 'POST',
      url: '/kfam/v1/bindings',
      headers: browserCall(alice),
      payload: {
        user: { kind: 'User', name: carol.name },
        referredNamespace: owned,
        RoleRef: { kind: 'ClusterRole', name: 'edit' },
      },
    });
    assert.equal(added.statusCode, 200, added.body);
  });
  after(async () => {
    await app.close();
  });

  const listProfiles = (caller: Caller) =>
    app.inject({ method: 'GET', url: '/kfam/v1/profiles', headers: asUser(caller) });
  const patch = (caller: Caller, name: string, body: unknown) =>
    app.inject({
      method: 'PATCH',
      url: `/kfam/v1/profiles/${name}`,
      headers: browserCall(caller),
      payload: body as object,
    });
  const del = (caller: Caller, name: string) =>
    app.inject({ method: 'DELETE', url: `/kfam/v1/profiles/${name}`, headers: browserCall(caller) });

  it('lists profiles with owner, contributors and quota to owners and contributors only', async () => {
    const mine = json(await listProfiles(alice)).profiles.find((p: { name: string }) => p.name === owned);
    assert.ok(mine);
    assert.deepEqual(mine.owner, { kind: 'User', name: alice.name });
    assert.deepEqual(
      mine.contributors.map((c: { kind: string; name: string; role: string }) => [c.kind, c.name, c.role]),
      [['User', carol.name, 'edit']],
    );
    assert.deepEqual(mine.resourceQuotaSpec, { hard: { cpu: '4' } });
    assert.ok(mine.resourceVersion);
    const carolSees = json(await listProfiles(carol)).profiles.map((p: { name: string }) => p.name);
    assert.ok(carolSees.includes(owned), 'a contributor sees the profile');
    const bobSees = json(await listProfiles(bob)).profiles.map((p: { name: string }) => p.name);
    assert.ok(
      bobSees.includes(groupOwned) && !bobSees.includes(owned),
      'a group owner sees their profile only',
    );
    const strangers = await listProfiles(mallory);
    assert.deepEqual(json(strangers), { success: true, status: 200, user: mallory.name, profiles: [] });
    const unknownQuery = await app.inject({
      method: 'GET',
      url: '/kfam/v1/profiles?owner=x',
      headers: asUser(alice),
    });
    assert.equal(unknownQuery.statusCode, 400);
    assert.equal(json(unknownQuery).details[0].field, '/query/owner');
    const adminSees = json(await listProfiles(erin)).profiles.map((p: { name: string }) => p.name);
    assert.ok(adminSees.includes(owned) && adminSees.includes(groupOwned));
  });

  it("updates the quota for the owner (also through the owner's group) and cluster admins only", async () => {
    const res = await patch(alice, owned, { resourceQuotaSpec: { hard: { cpu: '16', memory: '64Gi' } } });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(json(res).profile.resourceQuotaSpec, { hard: { cpu: '16', memory: '64Gi' } });
    assert.deepEqual((await profileObject(owned))?.spec?.resourceQuotaSpec, {
      hard: { cpu: '16', memory: '64Gi' },
    });

    const byGroup = await patch(bob, groupOwned, { resourceQuotaSpec: { hard: { cpu: '2' } } });
    assert.equal(byGroup.statusCode, 200, byGroup.body);

    const byContributor = await patch(carol, owned, { resourceQuotaSpec: {} });
    assert.equal(byContributor.statusCode, 403);
    const byStranger = await patch(mallory, owned, { resourceQuotaSpec: {} });
    assert.equal(byStranger.statusCode, 403);
    assert.deepEqual((await profileObject(owned))?.spec?.resourceQuotaSpec, {
      hard: { cpu: '16', memory: '64Gi' },
    });

    const stale = await patch(erin, owned, { resourceQuotaSpec: {}, resourceVersion: '1' });
    assert.equal(stale.statusCode, 409);
    const cleared = await patch(erin, owned, { resourceQuotaSpec: {} });
    assert.equal(cleared.statusCode, 200, cleared.body);
    assert.deepEqual((await profileObject(owned))?.spec?.resourceQuotaSpec, {});
  });

  it('rejects bad quota bodies', async () => {
    for (const [body, field] of [
      [{ resourceQuotaSpec: { hard: { cpu: 'x' } } }, '/body/resourceQuotaSpec/hard/cpu'],
      [{ resourceQuotaSpec: { hard: { 'limits.cpu!': '2' } } }, '/body/resourceQuotaSpec/hard/limits.cpu!'],
      [{ resourceQuotaSpec: { scopes: ['Terminating', 'Sometimes'] } }, '/body/resourceQuotaSpec/scopes/1'],
      [{}, '/body/resourceQuotaSpec'],
      [{ resourceQuotaSpec: {}, other: 1 }, '/body/other'],
    ] as const) {
      const res = await patch(alice, owned, body);
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(
        json(res).details.some((d: { field: string }) => d.field === field),
        res.body,
      );
    }
    const badName = await patch(alice, 'Bad_Name', { resourceQuotaSpec: {} });
    assert.equal(badName.statusCode, 400);
    const missing = await patch(erin, 'no-such-profile-q', { resourceQuotaSpec: {} });
    assert.equal(missing.statusCode, 404);
  });

  it('deletes a profile for its owner or a cluster admin; others get 403', async () => {
    const doomed = await profileFor(app, 'kfp-del', { kind: 'User', name: dave.name });
    const byStranger = await del(mallory, doomed);
    assert.equal(byStranger.statusCode, 403);
    assert.equal(
      json(byStranger).log,
      `User '${mallory.name}' is not allowed to delete profile '${doomed}': only its owner and cluster admins may.`,
    );
    const byContributorOfOther = await del(carol, doomed);
    assert.equal(byContributorOfOther.statusCode, 403);
    assert.ok(await profileObject(doomed));
    const byOwner = await del(dave, doomed);
    assert.equal(byOwner.statusCode, 200, byOwner.body);
    assert.deepEqual(json(byOwner), {
      success: true,
      status: 200,
      user: dave.name,
      message: `Profile '${doomed}' deleted.`,
    });
    await eventually(async () => ((await profileObject(doomed)) ? undefined : true));

    const byAdmin = await del(erin, groupOwned);
    assert.equal(byAdmin.statusCode, 200, byAdmin.body);
    assert.equal((await del(erin, 'no-such-profile-d')).statusCode, 404);
    assert.equal((await del(mallory, 'no-such-profile-d')).statusCode, 403, 'names are not revealed');
    assert.equal((await del(alice, 'Bad_Name')).statusCode, 400);
  });
});
