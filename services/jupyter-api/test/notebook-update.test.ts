import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planNotebook } from '../src/notebook-form.ts';
import { planNotebookUpdate } from '../src/notebook-update.ts';
import { bundledDefaults, formContext, problemsOf } from './form-fixtures.ts';

const fields = (problems: { field: string }[]) => problems.map((problem) => problem.field);

describe('PATCH changes', () => {
  const base = () =>
    planNotebook({ name: 'nb', gpus: { num: '1', vendor: 'nvidia.com/gpu' } }, formContext()).notebook;

  it('changes image, cpu, memory and gpus like create', () => {
    const { container, changed } = planNotebookUpdate(
      base(),
      {
        image: 'example.com/other:2',
        cpu: '2',
        memory: '4Gi',
        memoryLimit: '6Gi',
        gpus: { num: '2', vendor: 'amd.com/gpu' },
      },
      bundledDefaults(),
      8,
    );
    assert.equal(changed, true);
    assert.equal(container.image, 'example.com/other:2');
    assert.deepEqual(container.resources, {
      requests: { cpu: '2', memory: '4Gi' },
      limits: { cpu: '2400m', memory: '6Gi', 'amd.com/gpu': '2' },
    });
  });
  it('removes GPUs with num "none" and keeps the request when only the limit changes', () => {
    const { container } = planNotebookUpdate(
      base(),
      { gpus: { num: 'none' }, cpuLimit: '3' },
      bundledDefaults(),
      8,
    );
    assert.deepEqual(container.resources, {
      requests: { cpu: '0.5', memory: '1.0Gi' },
      limits: { cpu: '3', memory: '1229Mi' },
    });
  });
  it('reports no change for the same values', () => {
    assert.equal(planNotebookUpdate(base(), { cpu: '0.5' }, bundledDefaults(), 8).changed, false);
  });
  it('refuses what create refuses', () => {
    const defaults = bundledDefaults();
    defaults.allowCustomImage = false;
    defaults.memory = { ...defaults.memory!, readOnly: true };
    assert.deepEqual(
      fields(
        problemsOf(() =>
          planNotebookUpdate(
            base(),
            { image: 'x/y', cpu: '1', cpuLimit: '0.5', memory: '1Gi', gpus: { num: 1, vendor: 'cpu' } },
            defaults,
            8,
          ),
        ),
      ),
      ['/body/image', '/body/cpuLimit', '/body/memory', '/body/gpus/vendor'],
    );
  });
  it('survives a Notebook without containers', () => {
    const { container } = planNotebookUpdate({ metadata: { name: 'x' } }, { cpu: '1' }, bundledDefaults(), 8);
    assert.deepEqual(container.resources?.requests, { cpu: '1' });
  });
});
