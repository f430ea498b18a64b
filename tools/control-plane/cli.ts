/** `npm run cluster`: a local control plane for manual work; prints the kubeconfig; Ctrl-C stops it. */
import { startControlPlane } from './control-plane.ts';

const plane = await startControlPlane({ dir: process.env.KF_CLUSTER_DIR });
console.log(`export KUBECONFIG=${plane.adminKubeconfig}`);
for (const user of Object.values(plane.users))
  console.log(`user ${user.name} groups=[${user.groups}] token=${user.token}`);
const stop = async () => {
  await plane.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
