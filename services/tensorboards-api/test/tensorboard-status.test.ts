import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type EventObject,
  type TensorboardObject,
  YOUNG_MS,
  statusValidUntil,
  tensorboardStatus,
} from '../src/tensorboard-status.ts';

const now = Date.parse('2026-11-22T12:00:00Z');
const tb = (extra: Partial<TensorboardObject> = {}, ageMs = 60_000): TensorboardObject => ({
  ...extra,
  metadata: {
    name: 't',
    namespace: 'n',
    uid: 'u1',
    creationTimestamp: new Date(now - ageMs).toISOString(),
    ...(extra.metadata ?? {}),
  },
});
const warning = (reason: string, message: string, agoMs: number, uid = 'u1'): EventObject => ({
  type: 'Warning',
  reason,
  message,
  lastTimestamp: new Date(now - agoMs).toISOString(),
  involvedObject: { kind: 'Tensorboard', name: 't', uid },
});
/** The Kubeflow tensorboard-controller's condition history, newest last. */
const history = (...states: string[]) =>
  states.map((deploymentState) => ({ deploymentState, lastProbeTime: '2026-11-22T11:59:00Z' }));

describe('TensorBoard status rules (first match wins)', () => {
  it('terminating while being deleted, even when ready', () => {
    assert.deepEqual(
      tensorboardStatus(
        tb({ metadata: { deletionTimestamp: '2026-11-22T11:59:59Z' }, status: { readyReplicas: 1 } }),
        [],
        now,
      ),
      { phase: 'terminating', message: 'Deleting this TensorBoard server.', state: '' },
    );
  });

  it('ready with a ready replica, whatever the history or events say', () => {
    assert.deepEqual(
      tensorboardStatus(
        tb({ status: { readyReplicas: 1, conditions: history('ReplicaFailure', 'Available') } }),
        [warning('BackOff', 'old trouble', 1000)],
        now,
      ),
      { phase: 'ready', message: 'Running', state: '' },
    );
    assert.notEqual(tensorboardStatus(tb({ status: { readyReplicas: '1' } }), [], now).phase, 'ready');
  });

  it('waiting while young without status, even with a warning event already', () => {
    const young = tb({}, 2000);
    const expected = {
      phase: 'waiting',
      message: 'Waiting for the TensorBoard server to be created.',
      state: '',
    };
    assert.deepEqual(tensorboardStatus(young, [warning('FailedCreate', 'quota', 500)], now), expected);
    assert.deepEqual(tensorboardStatus(tb({ status: {} }, YOUNG_MS), [], now), expected);
  });

  it('error when the controller history ends in ReplicaFailure, explained by the newest warning', () => {
    const failed = tb({ status: { readyReplicas: 0, conditions: history('Progressing', 'ReplicaFailure') } });
    assert.deepEqual(
      tensorboardStatus(
        failed,
        [warning('FailedCreate', 'exceeded quota', 1000), warning('FailedCreate', 'older', 5000)],
        now,
      ),
      { phase: 'error', message: 'FailedCreate: exceeded quota', state: 'FailedCreate' },
    );
    assert.deepEqual(tensorboardStatus(failed, [], now), {
      phase: 'error',
      message: 'The TensorBoard server could not be created (ReplicaFailure).',
      state: 'ReplicaFailure',
    });
    // a failure in the past is no error once the history moved on
    const recovered = tb({
      status: { readyReplicas: 0, conditions: history('ReplicaFailure', 'Progressing') },
    });
    assert.equal(tensorboardStatus(recovered, [], now).phase, 'waiting');
  });

  it('error on a Deployment-style ReplicaFailure condition', () => {
    const status = tensorboardStatus(
      tb({
        status: {
          readyReplicas: 0,
          conditions: [
            { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'quota exceeded' },
          ],
        },
      }),
      [],
      now,
    );
    assert.deepEqual(status, { phase: 'error', message: 'quota exceeded', state: 'FailedCreate' });
  });

  it('warning when the rollout stalls; Available False alone is just starting', () => {
    assert.deepEqual(
      tensorboardStatus(
        tb({
          status: {
            conditions: [
              {
                type: 'Progressing',
                status: 'False',
                reason: 'ProgressDeadlineExceeded',
                message: 'too slow',
              },
            ],
          },
        }),
        [],
        now,
      ),
      { phase: 'warning', message: 'ProgressDeadlineExceeded: too slow', state: 'ProgressDeadlineExceeded' },
    );
    const starting = tb({
      status: {
        readyReplicas: 0,
        conditions: [{ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' }],
      },
    });
    assert.equal(tensorboardStatus(starting, [], now).phase, 'waiting');
  });

  it('warning from the newest Warning event of this incarnation only', () => {
    const events: EventObject[] = [
      warning('Old', 'older', 5000),
      warning('New', 'newer', 1000),
      warning('Other', 'previous incarnation', 0, 'u0'),
      {
        type: 'Normal',
        reason: 'Fine',
        lastTimestamp: new Date(now).toISOString(),
        involvedObject: { uid: 'u1' },
      },
    ];
    const started = tb({ status: { readyReplicas: 0, conditions: history('Progressing') } });
    assert.deepEqual(tensorboardStatus(started, events, now), {
      phase: 'warning',
      message: 'New: newer',
      state: 'New',
    });
    // without uids, events from before this TensorBoard was created do not count
    const noUid = (event: EventObject): EventObject => ({
      ...event,
      involvedObject: { kind: 'Tensorboard' },
    });
    assert.equal(
      tensorboardStatus(started, [noUid(warning('Stale', 'before creation', 120_000))], now).phase,
      'waiting',
    );
    assert.equal(tensorboardStatus(started, [noUid(warning('Fresh', 'now', 1000))], now).state, 'Fresh');
  });

  it('warning when the controller never reported; waiting while the server starts', () => {
    assert.deepEqual(tensorboardStatus(tb({}, YOUNG_MS + 1), [], now), {
      phase: 'warning',
      message: 'The TensorBoard controller has not reported any status for this server.',
      state: '',
    });
    assert.deepEqual(tensorboardStatus(tb({ status: { readyReplicas: 0 } }), [], now), {
      phase: 'waiting',
      message: 'Waiting for the TensorBoard server to become ready.',
      state: '',
    });
  });

  it('tolerates odd objects and odd events', () => {
    for (const odd of [
      {},
      { metadata: {} },
      { metadata: { creationTimestamp: 'yesterday' } },
      { status: 'broken' },
      { status: { readyReplicas: '1', conditions: 'x' } },
      { status: { conditions: [null, 5, 'x', { deploymentState: 7 }] } },
    ] as unknown as TensorboardObject[]) {
      const status = tensorboardStatus(odd, [{ type: 'Warning' }, null as unknown as EventObject], now);
      assert.equal(typeof status.phase, 'string');
      assert.equal(typeof status.message, 'string');
    }
  });

  it('says how long a young status stays right without any change', () => {
    const created = now - 2000;
    assert.equal(statusValidUntil(tb({}, 2000), now), created + YOUNG_MS + 1);
    assert.equal(statusValidUntil(tb({ status: { readyReplicas: 0 } }, 2000), now), undefined);
    assert.equal(statusValidUntil(tb({}, YOUNG_MS + 5), now), undefined);
  });
});
