import type { FastifyBaseLogger as Logger } from 'fastify';
import type { KubeClient } from './kube-client.ts';
import { KubeRequestError } from './kube-errors.ts';
import type { ResourceRef } from './resources.ts';

interface ApiResourceList {
  resources?: { name: string }[];
}

export interface DiscoveryIntervals {
  /** Re-check of APIs the cluster serves (to notice one going away). */
  presentMs: number;
  /** Re-check while any optional API is missing (to notice a CRD installed later). */
  missingMs: number;
}

/**
 * Knows which optional APIs (PVCViewer, VolumeSnapshot, Istio) the cluster serves. Checked at
 * start and on a timer (more often while one is missing), so installing a CRD later turns the
 * feature on without a restart; `onChange` listeners hear of every change.
 */
export class ApiDiscovery {
  private readonly known = new Map<string, boolean>();
  private readonly listeners: ((resource: ResourceRef, present: boolean) => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly kube: KubeClient,
    private readonly optional: ResourceRef[],
    private readonly logger?: Logger,
    private readonly intervals: DiscoveryIntervals = { presentMs: 60_000, missingMs: 10_000 },
  ) {}

  /** Called after each change of what is known (found, or gone), once per resource. */
  onChange(listener: (resource: ResourceRef, present: boolean) => void) {
    this.listeners.push(listener);
  }

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
          for (const listener of this.listeners) {
            try {
              listener(resource, present);
            } catch (err) {
              this.logger?.error({ err, k8s: key(resource) }, 'optional API change listener failed');
            }
          }
        }
      }),
    );
  }

  start() {
    if (this.running || this.optional.length === 0) return;
    this.running = true;
    const next = () => {
      if (!this.running) return;
      const missing = this.optional.some((resource) => !this.has(resource));
      this.timer = setTimeout(
        () => void this.refresh().finally(next),
        missing ? this.intervals.missingMs : this.intervals.presentMs,
      );
      this.timer.unref();
    };
    void this.refresh().finally(next);
  }

  stop() {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
  }
}

const key = (resource: ResourceRef) => `${resource.plural}.${resource.group || 'core'}/${resource.version}`;
