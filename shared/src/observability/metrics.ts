import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SarOutcome } from '../auth/sar-cache.ts';
import { liveStreamCount } from '../http/live-list.ts';
import type { CacheRegistry } from '../kube/cache-registry.ts';
import type { KubeCallObservation } from '../kube/kube-client.ts';

/** The service's Prometheus metrics; one registry per app so tests can build several. */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly sarChecks: Counter<'outcome' | 'decision'>;
  readonly kubeDuration: Histogram<'operation' | 'code'>;
  readonly kubeErrors: Counter<'operation' | 'code'>;

  constructor(service: string, caches?: CacheRegistry) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.sarChecks = new Counter({
      name: 'sar_checks_total',
      help: 'Authorization checks: outcome hit (cache), miss (SubjectAccessReview made), coalesced (shared an in-flight review), error',
      labelNames: ['outcome', 'decision'],
      registers: [this.registry],
    });
    this.kubeDuration = new Histogram({
      name: 'kube_request_duration_seconds',
      help: 'Kubernetes API request latency',
      labelNames: ['operation', 'code'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [this.registry],
    });
    this.kubeErrors = new Counter({
      name: 'kube_request_errors_total',
      help: 'Kubernetes API requests that failed (code 0: unreachable)',
      labelNames: ['operation', 'code'],
      registers: [this.registry],
    });
    new Gauge({
      name: 'live_list_streams',
      help: 'Server-Sent Events list streams open (?watch=true)',
      registers: [this.registry],
      collect() {
        this.set(liveStreamCount());
      },
    });
    if (caches) {
      new Gauge({
        name: 'watch_cache_synced',
        help: '1 when the watch cache has listed at least once',
        labelNames: ['resource'],
        registers: [this.registry],
        collect() {
          for (const cache of caches.all())
            this.set({ resource: cache.resource.plural }, cache.synced ? 1 : 0);
        },
      });
      new Gauge({
        name: 'watch_cache_live',
        help: '1 while the watch is connected',
        labelNames: ['resource'],
        registers: [this.registry],
        collect() {
          for (const cache of caches.all()) this.set({ resource: cache.resource.plural }, cache.live ? 1 : 0);
        },
      });
      new Gauge({
        name: 'watch_cache_objects',
        help: 'Objects held by the watch cache',
        labelNames: ['resource'],
        registers: [this.registry],
        collect() {
          for (const cache of caches.all()) this.set({ resource: cache.resource.plural }, cache.size);
        },
      });
      new Gauge({
        name: 'watch_cache_restarts',
        help: 'Times the watch cache had to reconnect after an error',
        labelNames: ['resource'],
        registers: [this.registry],
        collect() {
          for (const cache of caches.all()) this.set({ resource: cache.resource.plural }, cache.restarts);
        },
      });
    }
  }

  observeSar = (outcome: SarOutcome, allowed: boolean | undefined) => {
    this.sarChecks.inc({ outcome, decision: allowed === undefined ? 'none' : allowed ? 'allow' : 'deny' });
  };

  observeKube = (observation: KubeCallObservation) => {
    const code = String(observation.status);
    this.kubeDuration.observe({ operation: observation.operation, code }, observation.seconds);
    if (observation.status === 0 || observation.status >= 400) {
      this.kubeErrors.inc({ operation: observation.operation, code });
    }
  };
}
