/**
 * Create against a mounted spawner config: its options, read-only fields and defaults decide
 * what is accepted and what the Notebook CR holds, and an edit of the file applies without a
 * restart.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type KubeClient, resources } from '@kf-ts/shared';
import { adminKube, browserCall, eventually } from '@kf-ts/shared/testing';
import { alice, buildTestApp, json, teamNamespace, served } from './helpers.ts';

const SCIPY = 'ghcr.io/kubeflow/kubeflow/notebook-servers/jupyter-scipy:v1.11.0-rc.0';

const config = (allowCustomImage: boolean) => `spawnerFormDefaults:
  allowCustomImage: ${allowCustomImage}
  image: {value: ${SCIPY}, options: [${SCIPY}]}
  imagePullPolicy: {value: Always}
  cpu: {value: "1", limitFactor: none}
  memory: {value: 2Gi, limitFactor: "1.5"}
  gpus:
    value: {vendor: "", num: none, vendors: [{limitsKey: nvidia.com/gpu, uiName: NVIDIA}]}
  workspaceVolume: {value: null}
  dataVolumes: {value: []}
  shm: {readOnly: true, value: false}
  tolerationGroup:
    value: ""
    options:
      - groupKey: big
        displayName: Big nodes
        tolerations: [{key: dedicated, operator: Equal, value: big, effect: NoSchedule}]
  affinityConfig:
    value: ""
    options:
      - configKey: solo
        displayName: One notebook per node
        affinity:
          podAntiAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              - labelSelector: {matchExpressions: [{key: notebook-name, operator: Exists}]}
                topologyKey: kubernetes.io/hostname
  configurations: {value: []}
  environment: {value: {}}
`;

describe('POST notebooks with a mounted spawner config', () => {
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let ns: string;
  let admin: KubeClient;
  let dir: string;
  let path: string;
  const create = (payload: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      url: `/api/namespaces/${ns}/notebooks`,
      headers: browserCall(alice),
      payload,
    });
  const names = async (resource: (typeof resources)['notebooks']) =>
    (await admin.list(resource, { namespace: ns })).items.map((item) => item.metadata?.name).sort();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jupyter-create-config-'));
    path = join(dir, 'spawner_ui_config.yaml');
    writeFileSync(path, config(false));
    app = await buildTestApp({ SPAWNER_CONFIG_PATH: path });
    ns = await teamNamespace('jup-create-cfg');
    admin = await adminKube();
  });
  after(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds the CR from the config: defaults, chosen options, no workspace, no shm', async () => {
    const res = await create({
      name: 'scheduled',
      gpus: { num: 2, vendor: 'nvidia.com/gpu' },
      tolerationGroup: 'big',
      affinityConfig: 'solo',
    });
    assert.equal(res.statusCode, 200, res.body);
    const notebook = await admin.get<Record<string, any>>(resources.notebooks, ns, 'scheduled'); // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.deepEqual(json(res).notebook, served(notebook));
    assert.deepEqual(notebook.spec, {
      template: {
        spec: {
          serviceAccountName: 'default-editor',
          containers: [
            {
              name: 'scheduled',
              image: SCIPY,
              imagePullPolicy: 'Always',
              volumeMounts: [],
              env: [],
              resources: {
                requests: { cpu: '1', memory: '2Gi' },
                limits: { memory: '3Gi', 'nvidia.com/gpu': '2' },
              },
            },
          ],
          volumes: [],
          tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'big', effect: 'NoSchedule' }],
          affinity: {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                {
                  labelSelector: { matchExpressions: [{ key: 'notebook-name', operator: 'Exists' }] },
                  topologyKey: 'kubernetes.io/hostname',
                },
              ],
            },
          },
        },
      },
    });
    assert.deepEqual(await names(resources.persistentVolumeClaims), []);
  });

  it('refuses what the config does not offer or makes read-only, creating nothing', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ name: 'custom', image: 'example.com/miner:1' }, '/body/image', /not one of the images offered/],
      [
        { name: 'custom2', customImage: 'example.com/miner:1', customImageCheck: true },
        '/body/customImage',
        /custom images are not allowed/,
      ],
      [{ name: 'shm', shm: true }, '/body/shm', /read-only in the spawner config/],
      [{ name: 'amd', gpus: { num: 1, vendor: 'amd.com/gpu' } }, '/body/gpus/vendor', /nvidia\.com\/gpu/],
      [{ name: 'tol', tolerationGroup: 'small' }, '/body/tolerationGroup', /groupKey/],
    ];
    for (const [payload, field, message] of cases) {
      const res = await create(payload);
      assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
      const details = json(res).details as { field: string; message: string }[];
      const detail = details.find((d) => d.field === field);
      assert.ok(detail, `${field}: ${res.body}`);
      assert.match(detail.message, message);
    }
    assert.deepEqual(await names(resources.notebooks), ['scheduled']);
  });

  it('applies an edited config file without a restart', async () => {
    writeFileSync(path, config(true));
    const res = await eventually(async () => {
      const answer = await create({ name: 'custom', image: 'example.com/mine:1' });
      return answer.statusCode === 200 ? answer : undefined;
    }, 15_000);
    assert.equal(json(res).notebook.spec.template.spec.containers[0].image, 'example.com/mine:1');
  });
});
