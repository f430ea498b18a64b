import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '@kf-ts/shared';
import type { NotebookObject, NotebookStatus } from '../src/notebook-status.ts';
import { type NotebookSummary, applyListQuery, summarizeNotebook } from '../src/notebook-summary.ts';

const vendors = [
  { limitsKey: 'nvidia.com/gpu', uiName: 'NVIDIA' },
  { limitsKey: 'amd.com/gpu', uiName: 'AMD' },
];
const ready: NotebookStatus = { phase: 'ready', message: 'Running', state: '' };

describe('notebook summary', () => {
  it('has upstream fields', () => {
    const notebook: NotebookObject = {
      metadata: {
        name: 'nb',
        namespace: 'ns',
        creationTimestamp: '2024-01-01T00:00:00Z',
        annotations: {
          'notebooks.kubeflow.org/server-type': 'jupyter',
          'notebooks.kubeflow.org/last-activity': '2024-01-02T00:00:00Z',
        },
      },
      spec: {
        template: {
          spec: {
            containers: [
              {
                image: 'ghcr.io/kubeflow/jupyter-scipy:v1',
                resources: {
                  requests: { cpu: '500m', memory: '1Gi' },
                  limits: { 'nvidia.com/gpu': '2', 'amd.com/gpu': 1 },
                },
                volumeMounts: [{ name: 'ws', mountPath: '/home/jovyan' }, { name: 'dshm' }],
              },
            ],
          },
        },
      },
    };
    assert.deepEqual(summarizeNotebook(notebook, { vendors, status: ready }), {
      name: 'nb',
      namespace: 'ns',
      age: '2024-01-01T00:00:00Z',
      image: 'ghcr.io/kubeflow/jupyter-scipy:v1',
      shortImage: 'jupyter-scipy:v1',
      cpu: '500m',
      memory: '1Gi',
      gpus: { count: 3, message: '2 NVIDIA, 1 AMD' },
      volumes: ['ws', 'dshm'],
      serverType: 'jupyter',
      last_activity: '2024-01-02T00:00:00Z',
      metadata: notebook.metadata,
      status: ready,
    });
  });

  it('shows what is known of an odd Notebook, and the pod requests when it has none', () => {
    const summary = summarizeNotebook(
      {
        metadata: { name: 'odd', namespace: 'ns' },
        spec: { template: { spec: { containers: [{ name: 'odd' }] } } },
      },
      { vendors, status: ready, podContainer: { resources: { requests: { cpu: '1' } } } },
    );
    assert.deepEqual(
      { ...summary, metadata: undefined },
      {
        name: 'odd',
        namespace: 'ns',
        age: '',
        image: '',
        shortImage: '',
        cpu: '1',
        memory: null,
        gpus: { count: 0, message: '' },
        volumes: [],
        serverType: null,
        last_activity: '',
        metadata: undefined,
        status: ready,
      },
    );
    assert.equal(summarizeNotebook({}, { vendors, status: ready }).name, '');
  });
});

describe('list filtering, sorting and paging', () => {
  const item = (
    name: string,
    phase: NotebookStatus['phase'],
    age: string,
    image = 'img',
  ): NotebookSummary => ({
    name,
    namespace: 'ns',
    age,
    image,
    shortImage: image,
    cpu: null,
    memory: null,
    gpus: { count: 0, message: '' },
    volumes: [],
    serverType: 'jupyter',
    last_activity: '',
    metadata: {},
    status: { phase, message: '', state: '' },
  });
  const items = [
    item('a', 'ready', '2024-01-03'),
    item('b', 'stopped', '2024-01-01', 'special'),
    item('c', 'warning', '2024-01-02'),
  ];
  const names = (result: { items: NotebookSummary[] }) => result.items.map((i) => i.name);

  it('returns the whole list without parameters', () => {
    assert.deepEqual(applyListQuery(items, {}), { items, total: 3 });
  });
  it('filters by phase and text', () => {
    assert.deepEqual(names(applyListQuery(items, { phase: 'ready,stopped' })), ['a', 'b']);
    assert.deepEqual(names(applyListQuery(items, { q: 'SPEC' })), ['b']);
    assert.throws(
      () => applyListQuery(items, { phase: 'sleeping' }),
      (err: unknown) => err instanceof ApiError && err.status === 400,
    );
  });
  it('sorts both ways and pages', () => {
    assert.deepEqual(names(applyListQuery(items, { sort: 'age' })), ['b', 'c', 'a']);
    assert.deepEqual(names(applyListQuery(items, { sort: '-name' })), ['c', 'b', 'a']);
    assert.deepEqual(applyListQuery(items, { sort: 'name', offset: 1, limit: 1 }).total, 3);
    assert.deepEqual(names(applyListQuery(items, { sort: 'name', offset: 1, limit: 1 })), ['b']);
    assert.deepEqual(names(applyListQuery(items, { offset: 5 })), []);
  });
});
