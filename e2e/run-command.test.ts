/**
 * The README's run command, as a newcomer runs it: `npm start` brings up its own control plane,
 * the demo, the four services and the development gateway; Ctrl-C stops all of it.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { REPO_ROOT, freePort } from '../tools/control-plane/control-plane.ts';

const STARTED = 'Ctrl-C stops everything';

interface Summary {
  name: string;
  status: { phase: string; state?: string };
  notebooks?: string[];
}

describe('npm start: the whole system with demo data, through the gateway', { timeout: 240_000 }, () => {
  let stack: ChildProcess;
  let gateway: string;
  let output = '';
  let exit: Promise<number | null>;

  before(async () => {
    const port = await freePort();
    gateway = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env, GATEWAY_PORT: String(port) };
    delete env.KUBECONFIG; // its own control plane, as on a fresh machine
    stack = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', 'tools/stack/start.ts'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exit = new Promise((resolve) => stack.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not started in 180 s:\n${output}`)), 180_000);
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(STARTED)) {
          clearTimeout(timer);
          resolve();
        }
      };
      stack.stdout!.on('data', collect);
      stack.stderr!.on('data', collect);
      stack.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited with ${code}:\n${output}`));
      });
    });
  });
  after(() => {
    if (stack.exitCode === null) stack.kill('SIGKILL');
  });

  it('prints where to go and warns that the gateway is for development only', () => {
    assert.match(output, new RegExp(`open ${gateway.replace(/[.]/g, '\\.')}/`));
    assert.match(output, /DEVELOPMENT ONLY/);
  });

  it('serves notebooks in every demo state to the owner', async () => {
    const res = await request(gateway).get('/jupyter/api/namespaces/kubeflow-user/notebooks').expect(200);
    assert.equal(res.body.user, 'user@example.com');
    const phases = Object.fromEntries(
      (res.body.notebooks as Summary[]).map((notebook) => [notebook.name, notebook.status.phase]),
    );
    assert.deepEqual(phases, {
      analysis: 'ready',
      'broken-image': 'warning',
      paused: 'stopped',
      training: 'waiting',
    });
  });

  it('serves bound volumes with the notebooks using them, and one waiting for its first consumer', async () => {
    const res = await request(gateway).get('/volumes/api/namespaces/kubeflow-user/pvcs').expect(200);
    const byName = Object.fromEntries((res.body.pvcs as Summary[]).map((pvc) => [pvc.name, pvc]));
    for (const bound of ['datasets', 'workspace-analysis', 'workspace-paused', 'workspace-training']) {
      assert.equal(byName[bound]?.status.phase, 'ready', `${bound}: ${JSON.stringify(byName[bound])}`);
    }
    assert.deepEqual(byName['workspace-analysis']?.notebooks, ['analysis']);
    assert.equal(byName.scratch?.status.state, 'WaitForFirstConsumer');
  });

  it('serves TensorBoards, contributors and every API document', async () => {
    const boards = await request(gateway)
      .get('/tensorboards/api/namespaces/kubeflow-user/tensorboards')
      .expect(200);
    assert.deepEqual(
      (boards.body.tensorboards as Summary[]).map((board) => board.name),
      ['bucket-logs', 'training-logs'],
    );
    const bindings = await request(gateway).get('/kfam/v1/bindings?namespace=kubeflow-user').expect(200);
    assert.ok(
      bindings.body.bindings.some(
        (binding: { user: { name: string } }) => binding.user.name === 'contributor@example.com',
      ),
    );
    for (const app of ['jupyter', 'volumes', 'tensorboards']) {
      const doc = await request(gateway).get(`/${app}/api/openapi.json`).expect(200);
      assert.equal(doc.body.openapi, '3.0.3');
    }
  });

  it('switches to the stranger, who is refused', async () => {
    const switched = await request(gateway).get('/dev/user?name=stranger%40example.com');
    const cookie = String(switched.headers['set-cookie'] ?? '');
    assert.match(cookie, /kf-dev-user=stranger%40example.com/);
    const res = await request(gateway)
      .get('/jupyter/api/namespaces/kubeflow-user/notebooks')
      .set('cookie', cookie.split(';')[0]!)
      .expect(403);
    assert.equal(res.body.user, 'stranger@example.com');
  });

  it('stops everything on Ctrl-C', async () => {
    stack.kill('SIGINT');
    assert.equal(await exit, 0);
    assert.match(output, /\[stack\] stopping/);
    await assert.rejects(fetch(`${gateway}/`), 'the gateway is gone');
  });
});
