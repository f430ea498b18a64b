/**
 * `value` and `readOnly` of every spawner form field: a field left out takes the config's value,
 * a field given in the body wins, and a read-only field keeps the config's value and refuses one
 * in the body (upstream's rule: the SPA leaves disabled fields out).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type NotebookPlan, planNotebook } from '../src/notebook-form.ts';
import type { SpawnerFormDefaults } from '../src/spawner-config.ts';
import { SCIPY, bundledDefaults, formContext, problemsOf } from './form-fixtures.ts';

const OTHER_IMAGE = 'ghcr.io/kubeflow/kubeflow/notebook-servers/jupyter-pytorch-full:v1.11.0-rc.0';
const podSpec = (plan: NotebookPlan) => plan.notebook.spec?.template?.spec;
const container = (plan: NotebookPlan) => podSpec(plan)?.containers?.[0];
const BIG = [{ key: 'dedicated', operator: 'Equal', value: 'big', effect: 'NoSchedule' }];
const SMALL = [{ key: 'dedicated', operator: 'Equal', value: 'small', effect: 'NoSchedule' }];

/** Bundled defaults plus toleration groups and affinities to choose from. */
function defaultsWithOptions(): SpawnerFormDefaults {
  const defaults = bundledDefaults();
  defaults.tolerationGroup = {
    value: '',
    options: [
      { groupKey: 'big', displayName: 'Big', tolerations: BIG },
      { groupKey: 'small', displayName: 'Small', tolerations: SMALL },
    ],
  };
  defaults.affinityConfig = {
    value: '',
    options: [
      { configKey: 'solo', displayName: 'Solo', affinity: { podAntiAffinity: { solo: true } } },
      { configKey: 'gpu', displayName: 'GPU', affinity: { nodeAffinity: { gpu: true } } },
    ],
  };
  return defaults;
}

interface FieldCase {
  /** The body field. */
  body: string;
  /** Its section in spawnerFormDefaults. */
  section: keyof SpawnerFormDefaults;
  /** The section's config, made the default here. */
  config: Record<string, unknown>;
  /** A different value a user might send. */
  given: unknown;
  /** What of the plan the field decides. */
  pick: (plan: NotebookPlan) => unknown;
  /** `pick` with the config's value, and with `given`. */
  fromConfig: unknown;
  fromBody: unknown;
}

const cases: FieldCase[] = [
  {
    body: 'image',
    section: 'image',
    config: { value: OTHER_IMAGE, options: [SCIPY, OTHER_IMAGE] },
    given: SCIPY,
    pick: (plan) => container(plan)?.image,
    fromConfig: OTHER_IMAGE,
    fromBody: SCIPY,
  },
  {
    body: 'imagePullPolicy',
    section: 'imagePullPolicy',
    config: { value: 'Never' },
    given: 'Always',
    pick: (plan) => container(plan)?.imagePullPolicy,
    fromConfig: 'Never',
    fromBody: 'Always',
  },
  {
    body: 'cpu',
    section: 'cpu',
    config: { value: '2', limitFactor: 'none' },
    given: '250m',
    pick: (plan) => container(plan)?.resources?.requests?.cpu,
    fromConfig: '2',
    fromBody: '250m',
  },
  {
    body: 'memory',
    section: 'memory',
    config: { value: '3Gi', limitFactor: 'none' },
    given: '512Mi',
    pick: (plan) => container(plan)?.resources?.requests?.memory,
    fromConfig: '3Gi',
    fromBody: '512Mi',
  },
  {
    body: 'gpus',
    section: 'gpus',
    config: {
      value: {
        num: '1',
        vendor: 'nvidia.com/gpu',
        vendors: [{ limitsKey: 'nvidia.com/gpu', uiName: 'NVIDIA' }],
      },
    },
    given: { num: '2', vendor: 'nvidia.com/gpu' },
    pick: (plan) => container(plan)?.resources?.limits?.['nvidia.com/gpu'],
    fromConfig: '1',
    fromBody: '2',
  },
  {
    body: 'tolerationGroup',
    section: 'tolerationGroup',
    config: { value: 'big' },
    given: 'small',
    pick: (plan) => podSpec(plan)?.tolerations,
    fromConfig: BIG,
    fromBody: SMALL,
  },
  {
    body: 'affinityConfig',
    section: 'affinityConfig',
    config: { value: 'solo' },
    given: 'gpu',
    pick: (plan) => podSpec(plan)?.affinity,
    fromConfig: { podAntiAffinity: { solo: true } },
    fromBody: { nodeAffinity: { gpu: true } },
  },
  {
    body: 'configurations',
    section: 'configurations',
    config: { value: ['access-ml-pipeline'] },
    given: ['add-gcp-secret'],
    pick: (plan) => plan.notebook.metadata?.labels,
    fromConfig: { app: 'n', 'access-ml-pipeline': 'true' },
    fromBody: { app: 'n', 'add-gcp-secret': 'true' },
  },
  {
    body: 'shm',
    section: 'shm',
    config: { value: false },
    given: true,
    pick: (plan) => container(plan)?.volumeMounts?.some((mount) => mount.mountPath === '/dev/shm'),
    fromConfig: false,
    fromBody: true,
  },
  {
    body: 'environment',
    section: 'environment',
    config: { value: { FROM: 'config' } },
    given: { FROM: 'body' },
    pick: (plan) => container(plan)?.env,
    fromConfig: [{ name: 'FROM', value: 'config' }],
    fromBody: [{ name: 'FROM', value: 'body' }],
  },
  {
    body: 'workspace',
    section: 'workspaceVolume',
    config: {
      value: { mount: '/home/jovyan', existingSource: { persistentVolumeClaim: { claimName: 'team-ws' } } },
    },
    given: { mount: '/home/jovyan', existingSource: { persistentVolumeClaim: { claimName: 'my-ws' } } },
    pick: (plan) => podSpec(plan)?.volumes?.[0]?.persistentVolumeClaim?.claimName,
    fromConfig: 'team-ws',
    fromBody: 'my-ws',
  },
  {
    body: 'datavols',
    section: 'dataVolumes',
    config: {
      value: [{ mount: '/data', existingSource: { persistentVolumeClaim: { claimName: 'team-data' } } }],
    },
    given: [],
    pick: (plan) => container(plan)?.volumeMounts?.map((mount) => mount.mountPath),
    fromConfig: ['/home/jovyan', '/data', '/dev/shm'],
    fromBody: ['/home/jovyan', '/dev/shm'],
  },
];

describe('spawner config value and readOnly, for every form field', () => {
  for (const field of cases) {
    const contextWith = (readOnly: boolean) => {
      const defaults = defaultsWithOptions();
      const section = defaults[field.section] as object | undefined;
      Object.assign(defaults, { [field.section]: { ...section, ...field.config, readOnly } });
      return formContext({ defaults });
    };

    it(`${field.body}: the config's value when left out, the body's when given`, () => {
      assert.deepEqual(field.pick(planNotebook({ name: 'n' }, contextWith(false))), field.fromConfig);
      assert.deepEqual(
        field.pick(planNotebook({ name: 'n', [field.body]: field.given }, contextWith(false))),
        field.fromBody,
      );
    });

    it(`${field.body}: read-only keeps the config's value and refuses a body value`, () => {
      assert.deepEqual(field.pick(planNotebook({ name: 'n' }, contextWith(true))), field.fromConfig);
      const problems = problemsOf(() =>
        planNotebook({ name: 'n', [field.body]: field.given }, contextWith(true)),
      );
      assert.deepEqual(
        problems.map((problem) => problem.field),
        [`/body/${field.body}`],
      );
      assert.match(problems[0]!.message, /read-only/);
    });
  }

  it('cpuLimit and memoryLimit are read-only with their request', () => {
    const defaults = defaultsWithOptions();
    defaults.cpu = { value: '1', limitFactor: '2', readOnly: true };
    defaults.memory = { value: '1Gi', limitFactor: '2', readOnly: true };
    const plan = planNotebook({ name: 'n' }, formContext({ defaults }));
    assert.deepEqual(container(plan)?.resources, {
      requests: { cpu: '1', memory: '1Gi' },
      limits: { cpu: '2', memory: '2Gi' },
    });
    const problems = problemsOf(() =>
      planNotebook({ name: 'n', cpuLimit: '4', memoryLimit: '4Gi' }, formContext({ defaults })),
    );
    assert.deepEqual(
      problems.map((problem) => problem.field),
      ['/body/cpuLimit', '/body/memoryLimit'],
    );
  });

  it('a checked custom image must be given', () => {
    const problems = problemsOf(() => planNotebook({ name: 'n', customImageCheck: true }, formContext()));
    assert.deepEqual(problems, [
      { field: '/body/customImage', message: 'is required when customImageCheck is true' },
    ]);
  });

  it('an image the config has no default for must be given', () => {
    const defaults = bundledDefaults();
    delete defaults.imageGroupTwo;
    const problems = problemsOf(() =>
      planNotebook({ name: 'n', serverType: 'group-two' }, formContext({ defaults })),
    );
    assert.deepEqual(problems, [
      {
        field: '/body/image',
        message: 'is required (the spawner config has no default image for this server type)',
      },
    ]);
  });
});
