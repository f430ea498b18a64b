import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type TensorboardObject, tensorboardStatus } from '../src/tensorboard-status.ts';

const now = Date.parse('2026-11-22T12:00:00Z');
const tb = (extra: Partial<TensorboardObject> = {}, ageMs = 60_000): TensorboardObject => ({
  metadata: {
    name: 't',
    namespace: 'n',
    uid: 'u1',
    creationTimestamp: new Date(now - ageMs).toISOString(),
    ...(extra.metadata ?? {}),
  },
  ...extra,
});

describe('TensorBoard status rules (first match wins)', () => {
  it('terminating while being deleted, even when ready', () => {
    const status = tensorboardStatus(
      tb({ metadata: { deletionTimestamp: 'x' }, status: { readyReplicas: 1 } }),
      [],
      now,
    );
    assert.equal(status.phase, 'terminating');
  });
  it('ready with a ready replica', () => {
    assert.deepEqual(tensorboardStatus(tb({ status: { readyReplicas: 1 } }), [], now), {
      phase: 'ready',
      message: 'Running',
      state: '',
    });
  });
  it('error on a replica failure condition', () => {
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
  it('warning when the rollout stalls', () => {
    const status = tensorboardStatus(
      tb({
        status: {
          conditions: [
            { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'too slow' },
          ],
        },
      }),
      [],
      now,
    );
    assert.equal(status.phase, 'warning');
    assert.equal(status.state, 'ProgressDeadlineExceeded');
  });
  it('warning from the newest Warning event of this incarnation', () => {
    const events = [
      {
        type: 'Warning',
        reason: 'Old',
        message: 'older',
        lastTimestamp: new Date(now - 5000).toISOString(),
        involvedObject: { uid: 'u1' },
      },
      {
        type: 'Warning',
        reason: 'New',
        message: 'newer',
        lastTimestamp: new Date(now - 1000).toISOString(),
        involvedObject: { uid: 'u1' },
      },
      {
        type: 'Warning',
        reason: 'Other',
        message: 'previous incarnation',
        lastTimestamp: new Date(now).toISOString(),
        involvedObject: { uid: 'u0' },
      },
      {
        type: 'Normal',
        reason: 'Fine',
        lastTimestamp: new Date(now).toISOString(),
        involvedObject: { uid: 'u1' },
      },
    ];
    assert.deepEqual(tensorboardStatus(tb(), events, now), {
      phase: 'warning',
      message: 'newer',
      state: 'New',
    });
  });
  it('waiting when young without status, and while not yet ready', () => {
    assert.match(tensorboardStatus(tb({}, 2000), [], now).message, /to be created/);
    assert.equal(tensorboardStatus(tb({}, 2000), [], now).phase, 'waiting');
    assert.match(tensorboardStatus(tb({ status: { readyReplicas: 0 } }), [], now).message, /become ready/);
  });
  it('tolerates odd objects', () => {
    for (const odd of [
      {},
      { metadata: {} },
      { status: { readyReplicas: '1', conditions: 'x' } },
      { status: { conditions: [null, 5] } },
    ] as TensorboardObject[]) {
      assert.equal(typeof tensorboardStatus(odd, [{ type: 'Warning' }], now).phase, 'string');
    }
  });
});
