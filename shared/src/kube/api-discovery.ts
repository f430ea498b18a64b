import type { FastifyBaseLogger as Logger } from 'fastify';
import type { KubeClient } from './kube-client.ts';
import { KubeRequestError } from './kube-errors.ts';
import type { ResourceRef } from './resources.ts';

interface ApiResourceList {
  resources?: { name: string }[];
}

/**
 * Knows which optional APIs (PVCViewer, VolumeSnapshot, Istio) the cluster serves. Checked at
 * start and on a timer, so installing a CRD later turns the feature on without a restart.
 */
export class ApiDiscovery {
  private readonly known = new Map<string, boolean>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly kube: KubeClient,
    private readonly optional: ResourceRef[],
    private readonly logger?: Logger,
    private readonly intervalMs = 60_000,
  ) {}

  has(resource: ResourceRef): boolean {
    return this.known.get(key(resource)) ?? false;
  }

  async refresh(): Promise<void> {
    await Promise.all(
      this.optional.map(async (resource) => {
        const before = this.known.get(key(resource));
        let present: boolean;
        try {
          const list = await this.kube.request<ApiResourceList>(
            'GET',
            resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`,
            { operation: 'discovery' },
          );
          present = (list.resources ?? []).some((r) => r.name === resource.plural);
        } catch (err) {
          if (!(err instanceof KubeRequestError) || err.status !== 404) return; // unknown: keep what we knew
          present = false;
        }
        this.known.set(key(resource), present);
        if (before !== present) {
          this.logger?.[present ? 'info' : 'warn'](
            { k8s: key(resource) },
            present
              ? `optional API ${key(resource)} found: feature enabled`
              : `optional API ${key(resource)} is not served by this cluster: its feature is off`,
          );
        }
      }),
    );
  }

  start() {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.intervalMs);
    this.timer.unref();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
  }
}

const key = (resource: ResourceRef) => `${resource.plural}.${resource.group || 'core'}/${resource.version}`;
