/** The file that tells test files which control plane to use (KF_TEST_CLUSTER). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ControlPlane } from '../control-plane/control-plane.ts';
import { serviceAccountKubeconfigs } from '../control-plane/service-accounts.ts';

/**
 * Makes the services' ServiceAccounts (deploy/base/<service>/rbac.yaml) and writes the cluster
 * file test-support reads; returns its path.
 */
export async function writeClusterFile(plane: ControlPlane, name = 'test-cluster.json'): Promise<string> {
  const serviceKubeconfigs = await serviceAccountKubeconfigs(plane.server, plane.adminKubeconfig, plane.dir);
  const file = join(plane.dir, name);
  writeFileSync(
    file,
    JSON.stringify({
      server: plane.server,
      adminKubeconfig: plane.adminKubeconfig,
      adminToken: plane.adminToken,
      users: plane.users,
      dir: plane.dir,
      serviceKubeconfigs,
    }),
  );
  return file;
}
