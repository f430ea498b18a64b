import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NOTEBOOK_NAME_MAX_LENGTH, formatMemory, planNotebook } from '../src/notebook-form.ts';
import { CODESERVER, RSTUDIO, SCIPY, bundledDefaults, formContext, problemsOf } from './form-fixtures.ts';

const fields = (problems: { field: string }[]) => problems.map((problem) => problem.field);

describe('create form -> Notebook CR', () => {
  it('builds the whole CR from a name alone, using every config default', () => {
    const { notebook, newPvcs } = planNotebook({ name: 'nb1' }, formContext());
    assert.deepEqual(notebook, {
      apiVersion: 'kubeflow.org/v1beta1',
      kind: 'Notebook',
      metadata: {
        name: 'nb1',
        namespace: 'team',
        labels: { app: 'nb1' },
        annotations: {
          'notebooks.kubeflow.org/server-type': 'jupyter',
          'notebooks.kubeflow.org/creator': 'alice@example.com',
        },
      },
      spec: {
        template: {
          spec: {
            serviceAccountName: 'default-editor',
            containers: [
              {
                name: 'nb1',
                image: SCIPY,
                imagePullPolicy: 'IfNotPresent',
                volumeMounts: [
                  { name: 'nb1-workspace', mountPath: '/home/jovyan' },
                  { name: 'dshm', mountPath: '/dev/shm' },
                ],
                env: [],
                resources: {
                  requests: { cpu: '0.5', memory: '1.0Gi' },
                  limits: { cpu: '600m', memory: '1229Mi' },
                },
              },
            ],
            volumes: [
              { name: 'nb1-workspace', persistentVolumeClaim: { claimName: 'nb1-workspace' } },
              { name: 'dshm', emptyDir: { medium: 'Memory' } },
            ],
            tolerations: [],
          },
        },
      },
    });
    assert.deepEqual(newPvcs, [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'nb1-workspace', namespace: 'team' },
        spec: { resources: { requests: { storage: '5Gi' } }, accessModes: ['ReadWriteOnce'] },
      },
    ]);
  });

  describe('name', () => {
    it('must be a DNS-1123 label', () => {
      for (const name of ['nb #x', 'Nb', 'nb.dotted', '-nb', 'nb-', '']) {
        assert.deepEqual(
          fields(problemsOf(() => planNotebook({ name }, formContext()))),
          ['/body/name'],
          name,
        );
      }
    });
    it(`may have at most ${NOTEBOOK_NAME_MAX_LENGTH} characters`, () => {
      assert.doesNotThrow(() => planNotebook({ name: 'a'.repeat(NOTEBOOK_NAME_MAX_LENGTH) }, formContext()));
      assert.deepEqual(fields(problemsOf(() => planNotebook({ name: 'a'.repeat(53) }, formContext()))), [
        '/body/name',
      ]);
    });
  });

  describe('image', () => {
    it('takes an offered image, or any image when custom images are allowed', () => {
      const { notebook } = planNotebook({ name: 'n', image: ` ${SCIPY} ` }, formContext());
      assert.equal(notebook.spec?.template?.spec?.containers?.[0]?.image, SCIPY);
      const custom = planNotebook(
        { name: 'n', image: SCIPY, customImage: 'example.com/mine:1', customImageCheck: true },
        formContext(),
      );
      assert.equal(custom.notebook.spec?.template?.spec?.containers?.[0]?.image, 'example.com/mine:1');
      const unchecked = planNotebook(
        { name: 'n', image: SCIPY, customImage: 'example.com/mine:1', customImageCheck: false },
        formContext(),
      );
      assert.equal(unchecked.notebook.spec?.template?.spec?.containers?.[0]?.image, SCIPY);
    });
    it('refuses images outside the options when custom images are off', () => {
      const defaults = bundledDefaults();
      defaults.allowCustomImage = false;
      const context = formContext({ defaults });
      assert.deepEqual(fields(problemsOf(() => planNotebook({ name: 'n', image: 'evil/miner' }, context))), [
        '/body/image',
      ]);
      assert.deepEqual(
        fields(
          problemsOf(() =>
            planNotebook({ name: 'n', customImage: 'evil/miner', customImageCheck: true }, context),
          ),
        ),
        ['/body/customImage'],
      );
      // a jupyter image is not an option for group-one
      assert.deepEqual(
        fields(problemsOf(() => planNotebook({ name: 'n', image: SCIPY, serverType: 'group-one' }, context))),
        ['/body/image'],
      );
    });
    it('uses the read-only image and refuses a value in the body', () => {
      const defaults = bundledDefaults();
      defaults.image = { ...defaults.image!, readOnly: true };
      const context = formContext({ defaults });
      assert.equal(
        planNotebook({ name: 'n' }, context).notebook.spec?.template?.spec?.containers?.[0]?.image,
        SCIPY,
      );
      assert.deepEqual(fields(problemsOf(() => planNotebook({ name: 'n', image: SCIPY }, context))), [
        '/body/image',
      ]);
    });
  });

  it('checks imagePullPolicy against its enum', () => {
    const { notebook } = planNotebook({ name: 'n', imagePullPolicy: 'Always' }, formContext());
    assert.equal(notebook.spec?.template?.spec?.containers?.[0]?.imagePullPolicy, 'Always');
    assert.deepEqual(
      fields(problemsOf(() => planNotebook({ name: 'n', imagePullPolicy: 'Sometimes' }, formContext()))),
      ['/body/imagePullPolicy'],
    );
  });

  describe('serverType', () => {
    it('"" and absent mean jupyter', () => {
      for (const serverType of ['', undefined]) {
        const { notebook } = planNotebook({ name: 'n', serverType }, formContext());
        assert.equal(notebook.metadata?.annotations?.['notebooks.kubeflow.org/server-type'], 'jupyter');
        assert.equal(notebook.metadata?.annotations?.['notebooks.kubeflow.org/http-rewrite-uri'], undefined);
      }
    });
    it('group-one rewrites the URI; group-two also sets the RStudio header', () => {
      const one = planNotebook({ name: 'n', serverType: 'group-one', image: CODESERVER }, formContext());
      assert.deepEqual(one.notebook.metadata?.annotations, {
        'notebooks.kubeflow.org/server-type': 'group-one',
        'notebooks.kubeflow.org/creator': 'alice@example.com',
        'notebooks.kubeflow.org/http-rewrite-uri': '/',
      });
      const two = planNotebook({ name: 'n', serverType: 'group-two', image: RSTUDIO }, formContext());
      assert.equal(
        two.notebook.metadata?.annotations?.['notebooks.kubeflow.org/http-headers-request-set'],
        '{"X-RStudio-Root-Path":"/notebook/team/n/"}',
      );
    });
    it('takes the default image of the group', () => {
      const one = planNotebook({ name: 'n', serverType: 'group-one' }, formContext());
      assert.equal(one.notebook.spec?.template?.spec?.containers?.[0]?.image, CODESERVER);
    });
    it('refuses other values', () => {
      assert.deepEqual(
        fields(problemsOf(() => planNotebook({ name: 'n', serverType: 'vscode' }, formContext()))),
        ['/body/serverType'],
      );
    });
  });

  describe('cpu and memory', () => {
    const resources = (form: Record<string, unknown>, context = formContext()) =>
      planNotebook({ name: 'n', ...form }, context).notebook.spec?.template?.spec?.containers?.[0]?.resources;

    it('parses Kubernetes quantities and applies limitFactor', () => {
      assert.deepEqual(resources({ cpu: '500m', memory: '1024Mi' }), {
        requests: { cpu: '500m', memory: '1024Mi' },
        limits: { cpu: '600m', memory: '1229Mi' },
      });
      assert.deepEqual(resources({ cpu: '1.5', memory: '2Gi' }), {
        requests: { cpu: '1.5', memory: '2Gi' },
        limits: { cpu: '1800m', memory: '2458Mi' },
      });
      assert.deepEqual(resources({ cpu: 2, memory: '4Gi', cpuLimit: '4', memoryLimit: '8Gi' }), {
        requests: { cpu: '2', memory: '4Gi' },
        limits: { cpu: '4', memory: '8Gi' },
      });
    });
    it('has no limit when limitFactor is "none"', () => {
      const defaults = bundledDefaults();
      defaults.cpu = { ...defaults.cpu!, limitFactor: 'none' };
      defaults.memory = { ...defaults.memory!, limitFactor: 'none' };
      assert.deepEqual(resources({ cpu: '1', memory: '1Gi' }, formContext({ defaults })), {
        requests: { cpu: '1', memory: '1Gi' },
      });
    });
    it('refuses a limit below the request, bad quantities and read-only values', () => {
      assert.deepEqual(fields(problemsOf(() => resources({ cpu: '2', cpuLimit: '1' }))), ['/body/cpuLimit']);
      assert.deepEqual(fields(problemsOf(() => resources({ memory: '2Gi', memoryLimit: '1024Mi' }))), [
        '/body/memoryLimit',
      ]);
      assert.deepEqual(fields(problemsOf(() => resources({ cpu: 'NaN', memory: '-1Gi' }))), [
        '/body/cpu',
        '/body/memory',
      ]);
      assert.deepEqual(fields(problemsOf(() => resources({ cpu: '1', cpuLimit: 'lots' }))), [
        '/body/cpuLimit',
      ]);
      const defaults = bundledDefaults();
      defaults.cpu = { ...defaults.cpu!, readOnly: true };
      assert.deepEqual(fields(problemsOf(() => resources({ cpu: '4' }, formContext({ defaults })))), [
        '/body/cpu',
      ]);
      assert.deepEqual(fields(problemsOf(() => resources({ cpuLimit: '4' }, formContext({ defaults })))), [
        '/body/cpuLimit',
      ]);
    });
    it('formats memory limits readably', () => {
      assert.equal(formatMemory(2 ** 30), '1Gi');
      assert.equal(formatMemory(1.2 * 2 ** 30), '1229Mi');
      assert.equal(formatMemory(1000), '1000');
    });
  });

  describe('gpus', () => {
    const limits = (gpus: unknown) =>
      planNotebook({ name: 'n', gpus }, formContext()).notebook.spec?.template?.spec?.containers?.[0]
        ?.resources?.limits;
    it('sets the vendor limit', () => {
      assert.equal(limits({ num: '2', vendor: 'nvidia.com/gpu' })?.['nvidia.com/gpu'], '2');
      assert.equal(limits({ num: 1, vendor: 'amd.com/gpu' })?.['amd.com/gpu'], '1');
      assert.equal(limits({ num: 'none', vendor: 'nvidia.com/gpu' })?.['nvidia.com/gpu'], undefined);
    });
    it('refuses unconfigured vendors (no overwriting cpu) and bad counts', () => {
      assert.deepEqual(fields(problemsOf(() => limits({ num: '2', vendor: 'cpu' }))), ['/body/gpus/vendor']);
      for (const num of ['0.5', '-1', '9', 'many', 1.5]) {
        assert.deepEqual(
          fields(problemsOf(() => limits({ num, vendor: 'nvidia.com/gpu' }))),
          ['/body/gpus/num'],
          String(num),
        );
      }
    });
  });

  describe('tolerations and affinity', () => {
    const defaults = bundledDefaults();
    defaults.tolerationGroup = {
      value: '',
      options: [
        {
          groupKey: 'big',
          displayName: 'Big',
          tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'big', effect: 'NoSchedule' }],
        },
      ],
    };
    defaults.affinityConfig = {
      value: '',
      options: [{ configKey: 'solo', displayName: 'Solo', affinity: { nodeAffinity: { x: 1 } } }],
    };
    it('adds the chosen group and affinity', () => {
      const spec = planNotebook(
        { name: 'n', tolerationGroup: 'big', affinityConfig: 'solo' },
        formContext({ defaults }),
      ).notebook.spec?.template?.spec;
      assert.deepEqual(spec?.tolerations, [
        { key: 'dedicated', operator: 'Equal', value: 'big', effect: 'NoSchedule' },
      ]);
      assert.deepEqual(spec?.affinity, { nodeAffinity: { x: 1 } });
      const none = planNotebook(
        { name: 'n', tolerationGroup: 'none', affinityConfig: '' },
        formContext({ defaults }),
      ).notebook.spec?.template?.spec;
      assert.deepEqual(none?.tolerations, []);
      assert.equal(none?.affinity, undefined);
    });
    it('refuses keys that are not configured', () => {
      assert.deepEqual(
        fields(
          problemsOf(() =>
            planNotebook(
              { name: 'n', tolerationGroup: 'gold', affinityConfig: 'x' },
              formContext({ defaults }),
            ),
          ),
        ),
        ['/body/tolerationGroup', '/body/affinityConfig'],
      );
    });
  });

  describe('configurations', () => {
    it('sets PodDefault labels to "true"', () => {
      const { notebook } = planNotebook({ name: 'n', configurations: ['access-ml-pipeline'] }, formContext());
      assert.deepEqual(notebook.metadata?.labels, { app: 'n', 'access-ml-pipeline': 'true' });
    });
    it('refuses labels of no PodDefault and our own labels', () => {
      const context = formContext({ podDefaultLabels: new Set(['app', 'ok']) });
      assert.deepEqual(
        fields(problemsOf(() => planNotebook({ name: 'n', configurations: ['nope', 'app', 'ok'] }, context))),
        ['/body/configurations/0', '/body/configurations/1'],
      );
    });
  });

  it('shm false leaves out /dev/shm', () => {
    const { notebook } = planNotebook({ name: 'n', shm: false, workspace: null }, formContext());
    assert.deepEqual(notebook.spec?.template?.spec?.volumes, []);
    assert.deepEqual(notebook.spec?.template?.spec?.containers?.[0]?.volumeMounts, []);
  });

  describe('environment', () => {
    it('accepts an object or its JSON text', () => {
      for (const environment of [{ A: 'x', B: 2 }, '{"A":"x","B":2}']) {
        const { notebook } = planNotebook({ name: 'n', environment }, formContext());
        assert.deepEqual(notebook.spec?.template?.spec?.containers?.[0]?.env, [
          { name: 'A', value: 'x' },
          { name: 'B', value: '2' },
        ]);
      }
    });
    it('refuses bad names and non-objects', () => {
      assert.deepEqual(
        fields(problemsOf(() => planNotebook({ name: 'n', environment: { '1 bad': 'x' } }, formContext()))),
        ['/body/environment/1 bad'],
      );
      assert.deepEqual(
        fields(problemsOf(() => planNotebook({ name: 'n', environment: '[1' }, formContext()))),
        ['/body/environment'],
      );
    });
  });

  describe('volumes', () => {
    it('substitutes {notebook-name} and mounts existing sources', () => {
      const { notebook, newPvcs } = planNotebook(
        {
          name: 'nb',
          shm: false,
          workspace: {
            mount: '/home/jovyan',
            newPvc: {
              metadata: { name: '{notebook-name}-ws' },
              spec: {
                resources: { requests: { storage: '1Gi' } },
                accessModes: ['ReadWriteOnce'],
                storageClassName: 'fast',
              },
            },
          },
          datavols: [
            { mount: '/data', existingSource: { persistentVolumeClaim: { claimName: 'shared-data' } } },
            { mount: '/cfg', existingSource: { configMap: { name: 'settings' } } },
          ],
        },
        formContext(),
      );
      assert.deepEqual(
        newPvcs.map((pvc) => pvc.metadata?.name),
        ['nb-ws'],
      );
      assert.equal(newPvcs[0]?.spec?.storageClassName, 'fast');
      assert.deepEqual(notebook.spec?.template?.spec?.volumes, [
        { name: 'nb-ws', persistentVolumeClaim: { claimName: 'nb-ws' } },
        { name: 'shared-data', persistentVolumeClaim: { claimName: 'shared-data' } },
        { name: 'existing-source-volume-2', configMap: { name: 'settings' } },
      ]);
      assert.deepEqual(notebook.spec?.template?.spec?.containers?.[0]?.volumeMounts, [
        { name: 'nb-ws', mountPath: '/home/jovyan' },
        { name: 'shared-data', mountPath: '/data' },
        { name: 'existing-source-volume-2', mountPath: '/cfg' },
      ]);
    });
    it('refuses hostPath and other sources outside the allow-list', () => {
      assert.deepEqual(
        fields(
          problemsOf(() =>
            planNotebook(
              { name: 'n', datavols: [{ mount: '/h', existingSource: { hostPath: { path: '/' } } }] },
              formContext(),
            ),
          ),
        ),
        ['/body/datavols/0/existingSource/hostPath'],
      );
    });
    it('refuses malformed volumes', () => {
      const bad = (datavols: unknown) =>
        fields(problemsOf(() => planNotebook({ name: 'n', datavols }, formContext())));
      assert.deepEqual(bad([{ mount: 'relative', existingSource: { emptyDir: {} } }]), [
        '/body/datavols/0/mount',
      ]);
      assert.deepEqual(bad([{ mount: '/a' }]), ['/body/datavols/0']);
      assert.deepEqual(
        bad([
          {
            mount: '/a',
            newPvc: {
              metadata: { name: 'Bad_Name' },
              spec: { resources: { requests: { storage: '1Gi' } }, accessModes: ['ReadWriteOnce'] },
            },
          },
        ]),
        ['/body/datavols/0/newPvc/metadata/name'],
      );
      assert.deepEqual(
        bad([
          {
            mount: '/a',
            newPvc: { metadata: { name: 'x' }, spec: { resources: {}, accessModes: ['Sometimes'] } },
          },
        ]),
        [
          '/body/datavols/0/newPvc/spec/resources/requests/storage',
          '/body/datavols/0/newPvc/spec/accessModes',
        ],
      );
      assert.deepEqual(bad([{ mount: '/home/jovyan', existingSource: { emptyDir: {} } }]), [
        '/body/datavols',
      ]);
      assert.deepEqual(bad([{ mount: '/dev/shm', existingSource: { emptyDir: {} } }]), ['/body/datavols']);
      assert.deepEqual(bad('x'), ['/body/datavols']);
    });
    it('uses the read-only workspace and refuses one in the body', () => {
      const defaults = bundledDefaults();
      defaults.workspaceVolume = { ...defaults.workspaceVolume!, readOnly: true };
      assert.deepEqual(
        fields(problemsOf(() => planNotebook({ name: 'n', workspace: null }, formContext({ defaults })))),
        ['/body/workspace'],
      );
      assert.equal(
        planNotebook({ name: 'n' }, formContext({ defaults })).newPvcs[0]?.metadata?.name,
        'n-workspace',
      );
    });
  });

  it('reports every problem at once', () => {
    const problems = problemsOf(() =>
      planNotebook(
        { name: 'Bad', cpu: 'x', gpus: { num: '1', vendor: 'cpu' }, serverType: 'x' },
        formContext(),
      ),
    );
    assert.deepEqual(fields(problems), ['/body/name', '/body/serverType', '/body/cpu', '/body/gpus/vendor']);
  });
});
