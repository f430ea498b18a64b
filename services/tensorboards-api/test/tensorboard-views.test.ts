import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type KubeClient, WatchCache, resources } from '@kf-ts/shared';
import { type EventObject, type TensorboardObject, YOUNG_MS } from '../src/tensorboard-status.ts';
import { TensorboardViews } from '../src/tensorboard-views.ts';

// Caches that are never started: filled through applyWrite, as read-your-writes does.
const unusedClient = {} as KubeClient;
const now = Date.parse('2026-11-22T12:00:00Z');
let resourceVersion = 1;

function setup() {
  const tensorboards = new WatchCache<TensorboardObject>(unusedClient, resources.tensorboards);
  const events = new WatchCache<EventObject>(unusedClient, resources.events);
  return { tensorboards, events, views: new TensorboardViews(tensorboards, events) };
}

const tensorboard = (
  name: string,
  extra: Partial<TensorboardObject> = {},
  ageMs = 60_000,
): TensorboardObject => ({
  metadata: {
    name,
    namespace: 'ns',
    uid: `uid-${name}`,
    resourceVersion: String(resourceVersion++),
    creationTimestamp: new Date(now - ageMs).toISOString(),
  },
  spec: { logspath: `s3://bucket/${name}` },
  status: { readyReplicas: 0 },
  ...extra,
});

describe('TensorboardViews', () => {
  it('summarizes with the upstream fields, sorted by name, odd objects included', () => {
    const { tensorboards, views } = setup();
    tensorboards.applyWrite(tensorboard('b'));
    tensorboards.applyWrite(tensorboard('a', { status: { readyReplicas: 1 } }));
    tensorboards.applyWrite({
      metadata: { name: 'odd', namespace: 'ns', resourceVersion: '99' },
      spec: { logspath: 7 },
    });
    assert.deepEqual(views.summaries('ns', now), [
      {
        name: 'a',
        namespace: 'ns',
        logspath: 's3://bucket/a',
        age: new Date(now - 60_000).toISOString(),
        status: { phase: 'ready', message: 'Running', state: '' },
      },
      {
        name: 'b',
        namespace: 'ns',
        logspath: 's3://bucket/b',
        age: new Date(now - 60_000).toISOString(),
        status: {
          phase: 'waiting',
          message: 'Waiting for the TensorBoard server to become ready.',
          state: '',
        },
      },
      {
        name: 'odd',
        namespace: 'ns',
        logspath: '',
        age: '',
        status: {
          phase: 'warning',
          message: 'The TensorBoard controller has not reported any status for this server.',
          state: '',
        },
      },
    ]);
  });

  it('reuses the list answer until a TensorBoard or an event of the namespace changes', () => {
    const { tensorboards, events, views } = setup();
    tensorboards.applyWrite(tensorboard('a'));
    const first = views.summaries('ns', now);
    const version = views.version('ns', now);
    assert.equal(views.summaries('ns', now + 1000), first, 'same array while nothing changed');
    assert.equal(views.version('ns', now + 1000), version);

    // a change in another namespace does not invalidate this one
    const elsewhere = tensorboard('x');
    elsewhere.metadata!.namespace = 'elsewhere';
    tensorboards.applyWrite(elsewhere);
    assert.equal(views.summaries('ns', now), first);

    tensorboards.applyWrite(tensorboard('other'));
    const second = views.summaries('ns', now);
    assert.deepEqual(
      second.map((summary) => summary.name),
      ['a', 'other'],
    );
    assert.notEqual(second, first);
    assert.equal(views.summaries('ns', now), second);
    // Only the new TensorBoard was summarized: 'a' is the very same object (its JSON is reused).
    assert.equal(second[0], first[0]);

    events.applyWrite({
      metadata: { name: 'a.1', namespace: 'ns', resourceVersion: String(resourceVersion++) },
      type: 'Warning',
      reason: 'FailedCreate',
      message: 'exceeded quota',
      lastTimestamp: new Date(now - 1000).toISOString(),
      involvedObject: { kind: 'Tensorboard', name: 'a', uid: 'uid-a' },
    });
    const third = views.summaries('ns', now);
    assert.notEqual(third, second);
    assert.notEqual(views.version('ns', now), version);
    assert.notEqual(third[0], second[0], "'a' has a new event, so a new summary");
    assert.equal(third[1], second[1], "'other' is untouched");
    assert.deepEqual(third.find((summary) => summary.name === 'a')?.status, {
      phase: 'warning',
      message: 'FailedCreate: exceeded quota',
      state: 'FailedCreate',
    });
  });

  it('recomputes once a young TensorBoard without status stops being young', () => {
    const { tensorboards, views } = setup();
    tensorboards.applyWrite(tensorboard('young', { status: undefined }, 1000));
    tensorboards.applyWrite(tensorboard('settled'));
    const first = views.summaries('ns', now);
    assert.equal(first[1]?.status.phase, 'waiting');
    const later = now + YOUNG_MS;
    const second = views.summaries('ns', later);
    assert.equal(second[1]?.status.phase, 'warning');
    assert.equal(second[0], first[0], 'a summary without a deadline is kept');
  });

  it("indexes a namespace's Tensorboard events by name, newest first", () => {
    const { events, views } = setup();
    const event = (name: string, target: string, agoMs: number, kind = 'Tensorboard'): EventObject => ({
      metadata: { name, namespace: 'ns', resourceVersion: String(resourceVersion++) },
      type: 'Normal',
      lastTimestamp: new Date(now - agoMs).toISOString(),
      involvedObject: { kind, name: target },
    });
    events.applyWrite(event('old', 'a', 5000));
    events.applyWrite(event('new', 'a', 1000));
    events.applyWrite(event('b', 'b', 1000));
    events.applyWrite(event('pod', 'a', 0, 'Pod'));
    events.applyWrite({ metadata: { name: 'no-target', namespace: 'ns', resourceVersion: '1' } });
    assert.deepEqual(
      views.eventsOf('ns', 'a').map((e) => e.metadata?.name),
      ['new', 'old'],
    );
    assert.deepEqual(views.eventsOf('ns', 'missing'), []);
  });

  it('lists the namespaces holding TensorBoards', () => {
    const { tensorboards, views } = setup();
    const inNamespace = (namespace: string) => {
      const object = tensorboard(`tb-${namespace}`);
      object.metadata!.namespace = namespace;
      return object;
    };
    tensorboards.applyWrite(inNamespace('zeta'));
    tensorboards.applyWrite(inNamespace('alpha'));
    assert.deepEqual(views.namespaces(), ['alpha', 'zeta']);
  });
});
