import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type EventObject,
  type NotebookObject,
  notebookStatus,
  statusValidUntil,
} from '../src/notebook-status.ts';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const created = (secondsAgo: number) =>
  new Date(NOW - secondsAgo * 1000).toISOString().replace(/\.\d+Z/, 'Z');

const notebook = (
  extra: Partial<NotebookObject> & { annotations?: Record<string, string> } = {},
): NotebookObject => ({
  metadata: {
    name: 'nb',
    namespace: 'ns',
    uid: 'uid-1',
    creationTimestamp: created(3600),
    ...(extra.annotations ? { annotations: extra.annotations } : {}),
    ...(extra.metadata ?? {}),
  },
  ...(extra.status ? { status: extra.status } : {}),
});

const warning = (message: string, at: string, uid?: string): EventObject => ({
  type: 'Warning',
  message,
  lastTimestamp: at,
  metadata: { name: `e-${message}`, creationTimestamp: at },
  involvedObject: { kind: 'Notebook', name: 'nb', ...(uid ? { uid } : {}) },
});

describe('notebook status rules (first match wins)', () => {
  it('1. no status and at most 10 s old: waiting', () => {
    const young = notebook({ metadata: { creationTimestamp: created(5) } });
    assert.deepEqual(notebookStatus(young, [], NOW), {
      phase: 'waiting',
      message: 'Waiting for StatefulSet to create the underlying Pod.',
      state: '',
    });
    assert.equal(statusValidUntil(young, NOW), NOW + 5000 + 1);
    const older = notebook({ metadata: { creationTimestamp: created(11) } });
    assert.equal(notebookStatus(older, [], NOW).phase, 'warning');
    assert.equal(statusValidUntil(older, NOW), undefined);
  });

  it('2. stop annotation: stopped with no ready replicas, else waiting (stopping)', () => {
    const annotations = { 'kubeflow-resource-stopped': '2024-05-01T11:00:00Z' };
    assert.deepEqual(notebookStatus(notebook({ annotations, status: { readyReplicas: 0 } }), [], NOW), {
      phase: 'stopped',
      message: 'No Pods are currently running for this Notebook Server.',
      state: '',
    });
    assert.deepEqual(notebookStatus(notebook({ annotations, status: { readyReplicas: 1 } }), [], NOW), {
      phase: 'waiting',
      message: 'Notebook Server is stopping.',
      state: '',
    });
    // a young stopped notebook without status still reads waiting (rule 1 comes first)
    const young = notebook({ annotations, metadata: { creationTimestamp: created(1) } });
    assert.equal(notebookStatus(young, [], NOW).phase, 'waiting');
  });

  it('3. deletionTimestamp: terminating', () => {
    const deleting = notebook({ metadata: { deletionTimestamp: created(1) }, status: { readyReplicas: 1 } });
    assert.deepEqual(notebookStatus(deleting, [], NOW), {
      phase: 'terminating',
      message: 'Deleting this Notebook Server.',
      state: '',
    });
  });

  it('4. one ready replica: ready', () => {
    assert.deepEqual(notebookStatus(notebook({ status: { readyReplicas: 1 } }), [], NOW), {
      phase: 'ready',
      message: 'Running',
      state: '',
    });
  });

  it('5. a waiting container: warning "reason: message", PodInitializing reads as waiting', () => {
    const pulling = notebook({
      status: {
        readyReplicas: 0,
        containerState: { waiting: { reason: 'ErrImagePull', message: 'no such image' } },
      },
    });
    assert.deepEqual(notebookStatus(pulling, [], NOW), {
      phase: 'warning',
      message: 'ErrImagePull: no such image',
      state: '',
    });
    const init = notebook({ status: { containerState: { waiting: { reason: 'PodInitializing' } } } });
    assert.deepEqual(notebookStatus(init, [], NOW), {
      phase: 'waiting',
      message: 'PodInitializing',
      state: '',
    });
    const bare = notebook({ status: { containerState: { waiting: {} } } });
    assert.equal(
      notebookStatus(bare, [], NOW).message,
      'Undefined: No available message for container state.',
    );
  });

  it('6. the first condition with a reason: warning', () => {
    const conditions = notebook({
      status: {
        conditions: [
          { type: 'Ready', status: 'False' },
          { type: 'Scheduled', reason: 'Unschedulable', message: '0/3 nodes' },
          { type: 'Other', reason: 'Later', message: 'x' },
        ],
      },
    });
    assert.deepEqual(notebookStatus(conditions, [], NOW), {
      phase: 'warning',
      message: 'Unschedulable: 0/3 nodes',
      state: '',
    });
  });

  it('7. the newest Warning event of this notebook since its creation: warning', () => {
    const nb = notebook({ status: { conditions: [{ type: 'Ready' }] } });
    const events: EventObject[] = [
      warning('older', created(100)),
      warning('newest', created(10)),
      { ...warning('normal', created(1)), type: 'Normal' },
      warning('previous incarnation', created(7200)),
    ];
    assert.deepEqual(notebookStatus(nb, events, NOW), { phase: 'warning', message: 'newest', state: '' });
    // events of a previous notebook with the same name (another uid) are ignored
    assert.equal(
      notebookStatus(nb, [warning('other uid', created(5), 'uid-0')], NOW).message.startsWith("Couldn't"),
      true,
    );
    assert.equal(notebookStatus(nb, [warning('same uid', created(5), 'uid-1')], NOW).message, 'same uid');
    assert.equal(notebookStatus(nb, [warning('previous', created(7200))], NOW).phase, 'warning');
    assert.equal(
      notebookStatus(nb, [warning('previous', created(7200))], NOW).message.startsWith("Couldn't"),
      true,
    );
  });

  it('8. otherwise a generic warning', () => {
    assert.deepEqual(notebookStatus(notebook(), [], NOW), {
      phase: 'warning',
      message: "Couldn't find any information for the status of this notebook.",
      state: '',
    });
  });

  it('never throws on odd objects', () => {
    for (const odd of [
      {},
      { metadata: {} },
      { status: { conditions: 'x' } },
      { status: { containerState: null } },
    ] as NotebookObject[]) {
      assert.equal(typeof notebookStatus(odd, [{} as EventObject], NOW).phase, 'string');
    }
  });
});
