import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ApiError } from '@kf-ts/shared';
import { planPvc, planResize } from '../src/pvc-form.ts';
import { type EventObject, type PvcObject, pvcStatus, viewerStatus, viewerUrl } from '../src/pvc-status.ts';
import {
  buildViewer,
  bundledViewerSpecPath,
  parseViewerTemplate,
  substituteVariables,
  unknownVariables,
} from '../src/viewer-spec.ts';
import { inUseMessage, owningViewer, usersOf } from '../src/volume-usage.ts';

const pvc = (extra: Partial<PvcObject> = {}): PvcObject => ({
  metadata: { name: 'data', namespace: 'ns', uid: 'u1', creationTimestamp: '2024-01-01T00:00:00Z' },
  spec: {
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage: '1Gi' } },
    storageClassName: 'fast',
  },
  status: { phase: 'Pending' },
  ...extra,
});
const event = (reason: string, type: string, at: string, extra: Partial<EventObject> = {}): EventObject => ({
  metadata: { name: `e-${reason}-${at}` },
  involvedObject: { kind: 'PersistentVolumeClaim', name: 'data', uid: 'u1' },
  reason,
  type,
  message: `${reason} happened`,
  lastTimestamp: at,
  ...extra,
});

const expectApiError = (fn: () => unknown, status: number, field?: string) => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ApiError, String(err));
    assert.equal(err.status, status, err.message);
    if (field)
      assert.ok(
        err.details?.some((d) => d.field === field),
        JSON.stringify(err.details),
      );
    return err;
  }
  assert.fail('expected an error');
};

describe('pvcStatus', () => {
  it('terminating, bound, and the resize conditions', () => {
    assert.deepEqual(pvcStatus(pvc({ metadata: { name: 'data', deletionTimestamp: 'x' } }), []), {
      phase: 'terminating',
      message: 'Deleting Volume...',
      state: '',
    });
    assert.deepEqual(pvcStatus(pvc({ status: { phase: 'Bound' } }), []), {
      phase: 'ready',
      message: 'Bound',
      state: '',
    });
    const resizing = pvcStatus(
      pvc({ status: { phase: 'Bound', conditions: [{ type: 'Resizing', status: 'True' }] } }),
      [],
    );
    assert.equal(resizing.phase, 'waiting');
    assert.equal(resizing.state, 'Resizing');
    const fsPending = pvcStatus(
      pvc({
        status: {
          phase: 'Bound',
          conditions: [
            {
              type: 'FileSystemResizePending',
              status: 'True',
              message: 'Waiting for user to (re-)start a pod',
            },
          ],
        },
      }),
      [],
    );
    assert.deepEqual(fsPending, {
      phase: 'waiting',
      message: 'Resizing: Waiting for user to (re-)start a pod',
      state: 'FileSystemResizePending',
    });
  });

  it('an expansion asked for, under way through allocatedResourceStatuses, or failed', () => {
    const growing = (status: Record<string, unknown> = {}) =>
      pvc({
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } },
        status: { phase: 'Bound', capacity: { storage: '1Gi' }, ...status },
      });
    assert.deepEqual(pvcStatus(growing(), []), {
      phase: 'waiting',
      message: 'Resizing: expansion from 1Gi to 2Gi requested',
      state: 'ResizeRequested',
    });
    assert.equal(
      pvcStatus(growing({ allocatedResourceStatuses: { storage: 'NodeResizePending' } }), []).state,
      'NodeResizePending',
    );
    assert.deepEqual(
      pvcStatus(growing({ allocatedResourceStatuses: { storage: 'ControllerResizeInfeasible' } }), []),
      {
        phase: 'warning',
        message: 'Resize failed: ControllerResizeInfeasible',
        state: 'ControllerResizeInfeasible',
      },
    );
    const failedEvent = event('VolumeResizeFailed', 'Warning', '2024-01-01T00:00:09Z', {
      message: 'resize volume failed: quota exceeded',
    });
    assert.deepEqual(
      pvcStatus(growing(), [event('Provisioning', 'Normal', '2024-01-01T00:00:01Z'), failedEvent]),
      {
        phase: 'warning',
        message: 'Resize failed: resize volume failed: quota exceeded',
        state: 'VolumeResizeFailed',
      },
    );
    // An older provisioning warning is not about the expansion.
    assert.equal(
      pvcStatus(growing(), [event('ProvisioningFailed', 'Warning', '2024-01-01T00:00:01Z')]).phase,
      'waiting',
    );
    assert.deepEqual(
      pvcStatus(
        growing({ conditions: [{ type: 'ControllerResizeError', status: 'True', message: 'no space' }] }),
        [],
      ),
      { phase: 'warning', message: 'Resize failed: no space', state: 'ControllerResizeError' },
    );
    // Done (capacity caught up), a larger capacity than asked, or odd values: plain ready.
    for (const status of [
      { capacity: { storage: '2Gi' } },
      { capacity: { storage: '5Gi' } },
      { capacity: { storage: 'lots' } },
      { capacity: 'nonsense', conditions: 'nonsense' },
      { capacity: { storage: '2Gi' }, conditions: [null, 7, { type: 'Resizing', status: 'False' }] },
    ]) {
      assert.deepEqual(pvcStatus(growing(status), []), { phase: 'ready', message: 'Bound', state: '' });
    }
  });

  it('uses the newest event, not the first one listed', () => {
    const events = [
      event('Provisioning', 'Normal', '2024-01-01T00:00:01Z'),
      event('ProvisioningFailed', 'Warning', '2024-01-01T00:00:09Z'),
      event('ExternalProvisioning', 'Normal', '2024-01-01T00:00:05Z'),
    ];
    assert.deepEqual(pvcStatus(pvc(), events), {
      phase: 'warning',
      message: 'Pending: ProvisioningFailed happened',
      state: 'ProvisioningFailed',
    });
    assert.equal(pvcStatus(pvc(), events.slice(0, 1)).phase, 'waiting');
    assert.equal(
      pvcStatus(pvc(), [event('FailedBinding', 'Normal', '2024-01-01T00:00:01Z')]).phase,
      'warning',
    );
    assert.equal(pvcStatus(pvc(), [event('Bound', 'Normal', '2024-01-01T00:00:01Z')]).phase, 'ready');
    const wait = pvcStatus(pvc(), [event('WaitForFirstConsumer', 'Normal', '2024-01-01T00:00:01Z')]);
    assert.equal(wait.phase, 'unavailable');
    assert.equal(wait.state, 'WaitForFirstConsumer');
    assert.match(wait.message, /^Pending: This volume will be bound when its first consumer is created/);
  });

  it('ignores events of another PVC of the same name, and odd events', () => {
    const old = event('ProvisioningFailed', 'Warning', '2024-01-01T00:00:09Z', {
      involvedObject: { kind: 'PersistentVolumeClaim', name: 'data', uid: 'old' },
    });
    assert.deepEqual(pvcStatus(pvc(), [old]), {
      phase: 'waiting',
      message: 'Provisioning Volume...',
      state: '',
    });
    const odd = { metadata: {}, involvedObject: { name: 'data' } } as EventObject;
    assert.equal(pvcStatus(pvc(), [odd]).phase, 'waiting');
    assert.equal(pvcStatus({} as PvcObject, []).phase, 'waiting');
  });

  it('viewer status and url', () => {
    assert.equal(viewerStatus(undefined), 'uninitialized');
    assert.equal(
      viewerStatus({ metadata: { deletionTimestamp: 'x' }, status: { ready: true } }),
      'terminating',
    );
    assert.equal(viewerStatus({ metadata: {}, status: { ready: true } }), 'ready');
    assert.equal(viewerStatus({ metadata: {}, status: { ready: false } }), 'waiting');
    assert.equal(viewerStatus({ metadata: {} }), 'waiting');
    assert.equal(viewerUrl({ status: { url: '/pvcviewers/ns/data/' } }), '/pvcviewers/ns/data/');
    assert.equal(viewerUrl({ status: { url: 42 } }), null);
  });
});

describe('volume users', () => {
  const viewer = { metadata: { name: 'data', uid: 'v1' }, spec: { pvc: 'data' } };
  const viewerLabels = {
    'app.kubernetes.io/name': 'data',
    'app.kubernetes.io/instance': 'pvcviewer-data',
    'app.kubernetes.io/part-of': 'pvc-viewer',
    'pod-template-hash': 'abc12',
  };
  const pod = (name: string, metadata: Record<string, unknown> = {}, phase = 'Running') => ({
    metadata: { name, ...metadata },
    spec: { volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'data' } }] },
    status: { phase },
  });
  const rsOwner = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    name: 'pvcviewer-data-abc12',
    uid: 'r',
    controller: true,
  };

  it('recognises viewer pods by owner references and the controller labels, never a generic label', () => {
    const real = pod('viewer-pod', { labels: viewerLabels, ownerReferences: [rsOwner] });
    const direct = pod('direct', {
      ownerReferences: [{ apiVersion: 'kubeflow.org/v1alpha1', kind: 'PVCViewer', name: 'data', uid: 'v1' }],
    });
    const genericLabel = pod('imposter', { labels: { 'app.kubernetes.io/name': 'data' } });
    const labelsNoOwner = pod('labels-only', { labels: viewerLabels });
    assert.equal(owningViewer(real, [viewer]), viewer);
    assert.equal(owningViewer(direct, [viewer]), viewer);
    assert.equal(owningViewer(genericLabel, [viewer]), undefined);
    assert.equal(owningViewer(labelsNoOwner, [viewer]), undefined);
    assert.equal(owningViewer(real, []), undefined, 'no PVCViewer object: not a viewer');
  });

  it('counts pods, stopped and running notebooks; not the own viewer or finished pods', () => {
    const users = usersOf(
      'data',
      [
        pod('viewer-pod', { labels: viewerLabels, ownerReferences: [rsOwner] }),
        pod('worker'),
        pod('done', {}, 'Succeeded'),
        { metadata: { name: 'odd' } },
      ],
      [
        {
          metadata: { name: 'nb-stopped', annotations: { 'kubeflow-resource-stopped': 'x' } },
          spec: { template: { spec: { volumes: [{ persistentVolumeClaim: { claimName: 'data' } }] } } },
        },
        { metadata: { name: 'nb-other' }, spec: { template: { spec: { volumes: 'nonsense' } } } },
        { metadata: { name: 'nb-none' } },
      ],
      [viewer, { metadata: { name: 'other' }, spec: { pvc: 'other' } }],
    );
    assert.deepEqual(users, {
      pods: ['worker'],
      notebooks: [{ name: 'nb-stopped', stopped: true }],
      viewers: ['data'],
    });
    assert.equal(
      inUseMessage('data', users),
      "Cannot delete PVC 'data' because it is being used by pods: ['worker'] and notebooks: ['nb-stopped'] (stopped ones too)",
    );
    assert.equal(inUseMessage('data', { pods: [], notebooks: [], viewers: ['data'] }), undefined);
  });

  it("a pod of another PVC's viewer that mounts this PVC blocks deletion", () => {
    const otherViewer = { metadata: { name: 'other' }, spec: { pvc: 'other' } };
    const foreign = pod('other-viewer-pod', {
      labels: {
        ...viewerLabels,
        'app.kubernetes.io/name': 'other',
        'app.kubernetes.io/instance': 'pvcviewer-other',
      },
      ownerReferences: [{ ...rsOwner, name: 'pvcviewer-other-abc12' }],
    });
    assert.deepEqual(usersOf('data', [foreign], [], [otherViewer]).pods, ['other-viewer-pod']);
  });
});

describe('create form', () => {
  const context = { namespace: 'ns', storageClasses: ['fast', 'slow'], snapshotsAvailable: false };
  const form = { name: 'data', mode: 'ReadWriteOnce', class: 'fast', size: '10Gi', type: 'empty' };

  it('maps the classes: a class, {none} and {empty}', () => {
    assert.deepEqual(planPvc(form, context), {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'ns' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '10Gi' } },
        storageClassName: 'fast',
      },
    });
    assert.equal(
      (planPvc({ ...form, class: '{none}' }, context).spec as Record<string, unknown>).storageClassName,
      '',
    );
    assert.equal(
      'storageClassName' in (planPvc({ ...form, class: '{empty}' }, context).spec as object),
      false,
    );
  });

  it('reports every bad field at once', () => {
    const err = expectApiError(
      () =>
        planPvc(
          {
            name: 'Bad_Name',
            mode: 'WriteSometimes',
            class: 'nope',
            size: '-1Gi',
            labels: { 'bad key!': 'x' },
          },
          context,
        ),
      400,
    );
    const fields = err.details?.map((d) => d.field).sort();
    assert.deepEqual(fields, [
      '/body/class',
      '/body/labels/bad key!',
      '/body/mode',
      '/body/name',
      '/body/size',
    ]);
    expectApiError(() => planPvc({ ...form, size: '0' }, context), 400, '/body/size');
    expectApiError(() => planPvc({ ...form, size: 'lots' }, context), 400, '/body/size');
    expectApiError(() => planPvc({ ...form, labels: { ok: 'bad value!' } }, context), 400, '/body/labels/ok');
    expectApiError(() => planPvc({ ...form, namespace: 'elsewhere' }, context), 400, '/body/namespace');
    expectApiError(() => planPvc({ ...form, type: 'clone' }, context), 400, '/body/type');
  });

  it('restores snapshots only where the snapshot API exists', () => {
    expectApiError(
      () => planPvc({ ...form, type: 'snapshot', snapshot: 'snap' }, context),
      400,
      '/body/snapshot',
    );
    const pvc = planPvc(
      { ...form, type: 'snapshot', snapshot: 'snap' },
      { ...context, snapshotsAvailable: true },
    );
    assert.deepEqual((pvc.spec as Record<string, unknown>).dataSource, {
      apiGroup: 'snapshot.storage.k8s.io',
      kind: 'VolumeSnapshot',
      name: 'snap',
    });
    expectApiError(
      () => planPvc({ ...form, type: 'snapshot' }, { ...context, snapshotsAvailable: true }),
      400,
      '/body/snapshot',
    );
  });

  it('keeps labels and legacy annotations', () => {
    const pvc = planPvc(
      { ...form, labels: { 'example.com/team': 'alpha' }, annotations: [{ key: 'note', value: 'x y' }] },
      context,
    );
    assert.deepEqual(pvc.metadata?.labels, { 'example.com/team': 'alpha' });
    assert.deepEqual(pvc.metadata?.annotations, { note: 'x y' });
  });
});

describe('resize', () => {
  const bound = pvc({ status: { phase: 'Bound' } });
  const expandable = { metadata: { name: 'fast' }, allowVolumeExpansion: true };
  it('expands, refuses shrinking, classes without expansion, unbound PVCs', () => {
    assert.deepEqual(planResize(bound, '2Gi', expandable), { storage: '2Gi' });
    assert.equal(planResize(bound, '1024Mi', expandable), undefined);
    expectApiError(() => planResize(bound, '500Mi', expandable), 400, '/body/size');
    expectApiError(() => planResize(bound, '2Gi', { metadata: { name: 'fast' } }), 400, '/body/size');
    expectApiError(() => planResize(bound, '2Gi', undefined), 400, '/body/size');
    expectApiError(() => planResize(pvc({ spec: {}, status: { phase: 'Bound' } }), '2Gi', expandable), 400);
    expectApiError(() => planResize(bound, 'big', expandable), 400, '/body/size');
    expectApiError(() => planResize(pvc(), '2Gi', expandable), 409);
  });
});

describe('viewer spec template', () => {
  it('substitutes only the documented variables, never the environment', () => {
    process.env.SECRET_TOKEN = 'leaked';
    const values = {
      PVC_NAME: 'data',
      NAME: 'data',
      NAMESPACE: 'ns',
      VIEWER_IMAGE: 'img',
      VOLUME_VIEWER_IMAGE: 'img',
      BASE_PREFIX: '/pvcviewers',
      BASE_URL: '/pvcviewers/ns/data/',
    };
    assert.equal(
      substituteVariables('$PVC_NAME ${NAMESPACE} $SECRET_TOKEN ${HOME} $$5', values),
      'data ns $SECRET_TOKEN ${HOME} $5',
    );
    assert.deepEqual(unknownVariables({ a: ['$SECRET_TOKEN', '${PVC_NAME}'], b: '${HOME}' }), [
      'HOME',
      'SECRET_TOKEN',
    ]);
    delete process.env.SECRET_TOKEN;
  });

  it('the bundled template makes a filebrowser viewer', () => {
    const template = parseViewerTemplate(readFileSync(bundledViewerSpecPath(), 'utf8'), 'bundled');
    assert.deepEqual(unknownVariables(template), []);
    const viewer = buildViewer(template, {
      pvcName: 'data',
      namespace: 'ns',
      image: 'fb:1',
      basePrefix: '/pvcviewers/',
    });
    assert.equal(viewer.metadata.name, 'data');
    const spec = viewer.spec as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.equal(spec.pvc, 'data');
    assert.equal(spec.podSpec.containers[0].image, 'fb:1');
    assert.deepEqual(
      spec.podSpec.containers[0].env.find((e: { name: string }) => e.name === 'FB_BASEURL'),
      {
        name: 'FB_BASEURL',
        value: '/pvcviewers/ns/data/',
      },
    );
    assert.equal(spec.podSpec.volumes[0].persistentVolumeClaim.claimName, 'data');
    assert.equal(spec.networking.basePrefix, '/pvcviewers');
    assert.equal(spec.rwoScheduling, true);
  });

  it('refuses templates that are not a mapping', () => {
    assert.throws(() => parseViewerTemplate('- a\n- b\n', 'x'), /must be a mapping/);
    assert.throws(() => parseViewerTemplate('podSpec: [1]\n', 'x'), /podSpec must be a mapping/);
    assert.throws(() => parseViewerTemplate('a: [\n', 'x'), /not valid YAML/);
    const noPvc = buildViewer(parseViewerTemplate('podSpec: {}\n', 'x'), {
      pvcName: 'd',
      namespace: 'n',
      image: 'i',
      basePrefix: '/p',
    });
    assert.equal((noPvc.spec as Record<string, unknown>).pvc, 'd');
  });
});
