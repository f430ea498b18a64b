/**
 * Runs each service's tests as the service's own ServiceAccount, bound to the least-privilege
 * ClusterRole from deploy/base/<service>/rbac.yaml: if the role misses a verb the service needs,
 * that service's tests fail. Returns a kubeconfig per service that has an RBAC file.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeClient } from '@kf-ts/shared';
import { REPO_ROOT, kubeconfigFor, kubectl } from './control-plane.ts';

export const SERVICE_NAMES = ['jupyter-api', 'volumes-api', 'tensorboards-api', 'profiles-api'] as const;
const NAMESPACE = 'kubeflow';

interface SecretList {
  items?: { type?: string; metadata?: { annotations?: Record<string, string> }; data?: { token?: string } }[];
}

export async function serviceAccountKubeconfigs(server: string, adminKubeconfig: string, dir: string) {
  const kubeconfigs: Record<string, string> = {};
  const files = SERVICE_NAMES.map((name) => ({
    name,
    file: join(REPO_ROOT, 'deploy', 'base', name, 'rbac.yaml'),
  })).filter(({ file }) => existsSync(file));
  if (files.length === 0) return kubeconfigs;
  const admin = await KubeClient.fromFile(adminKubeconfig);
  try {
    await admin.create(
      { group: '', version: 'v1', plural: 'namespaces', kind: 'Namespace', namespaced: false },
      undefined,
      {
        metadata: { name: NAMESPACE },
      },
    );
  } catch {
    // already there
  }
  for (const { name, file } of files) {
    kubectl(adminKubeconfig, ['apply', '--server-side', '-f', file]);
    // Kubernetes 1.20's token controller creates the ServiceAccount's token Secret.
    const deadline = Date.now() + 30_000;
    let token: string | undefined;
    while (!token && Date.now() < deadline) {
      const secrets = await admin.request<SecretList>('GET', `/api/v1/namespaces/${NAMESPACE}/secrets`);
      const secret = (secrets.items ?? []).find(
        (item) =>
          item.type === 'kubernetes.io/service-account-token' &&
          item.metadata?.annotations?.['kubernetes.io/service-account.name'] === name,
      );
      token = secret?.data?.token ? Buffer.from(secret.data.token, 'base64').toString('utf8') : undefined;
      if (!token) await new Promise((r) => setTimeout(r, 200));
    }
    if (!token) throw new Error(`no token Secret for ServiceAccount ${NAMESPACE}/${name} after 30 s`);
    const path = join(dir, `${name}.kubeconfig`);
    writeFileSync(path, kubeconfigFor(server, `system:serviceaccount:${NAMESPACE}:${name}`, token));
    kubeconfigs[name] = path;
  }
  admin.close();
  return kubeconfigs;
}
