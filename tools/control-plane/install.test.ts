import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BIN_DIR, REPO_ROOT, kubectlBinary } from './control-plane.ts';

const SCRIPT = join(REPO_ROOT, 'tools', 'control-plane', 'install.sh');

/** What install.sh would install and build, without changing anything (KF_INSTALL_PLAN=1). */
function plan(env: Record<string, string>) {
  const out = execFileSync('bash', [SCRIPT], {
    encoding: 'utf8',
    env: { ...process.env, KF_INSTALL_PLAN: '1', ...env },
  });
  const line = (name: string) =>
    (out.match(new RegExp(`^${name}: ?(.*)$`, 'm'))?.[1] ?? '').split(' ').filter(Boolean);
  return { apt: line('apt'), build: line('build') };
}

describe('tools/control-plane/install.sh', () => {
  it("never installs Debian's kubernetes-client (it conflicts with the image's kubectl)", () => {
    const text = readFileSync(SCRIPT, 'utf8');
    assert.doesNotMatch(text, /apt-get install[^\n]*kubernetes-client/);
    const cache = mkdtempSync(join(tmpdir(), 'kf-install-'));
    try {
      const fresh = plan({ KF_CACHE_DIR: cache });
      assert.ok(!fresh.apt.includes('kubernetes-client'), fresh.apt.join(' '));
      assert.deepEqual(fresh.build.slice(0, 2), ['kube-apiserver', 'kube-controller-manager']);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('builds nothing when the binaries are cached and the machine has a kubectl', () => {
    const cached = plan({});
    assert.deepEqual(cached.build, [], `cached in ${BIN_DIR}`);
  });

  it('finds the kubectl the tools run, even when PATH does not name its folder', () => {
    const found = kubectlBinary('/nonexistent');
    const version = execFileSync(found, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
    assert.ok((JSON.parse(version) as { clientVersion?: unknown }).clientVersion);
  });
});
