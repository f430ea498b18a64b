import http from 'node:http';
import https from 'node:https';
import { KubeConfig, Watch } from '@kubernetes/client-node';
import { KubeRequestError, type KubeStatus } from './kube-errors.ts';
import { type KubeList, type KubeObject, type ResourceRef, collectionPath, objectPath } from './resources.ts';

export type PatchType = 'merge' | 'strategic' | 'json' | 'apply';
const patchContentTypes: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface KubeCallObservation {
  /** Low-cardinality label such as "list notebooks" or "create subjectaccessreviews". */
  operation: string;
  status: number;
  seconds: number;
}

export interface KubeRequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  timeoutMs?: number;
  /** Answer as text (pod logs) instead of JSON. */
  text?: boolean;
  operation?: string;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  limit?: number;
  continue?: string;
}

export interface KubeClientOptions {
  kubeConfig?: KubeConfig;
  requestTimeoutMs?: number;
}

/**
 * The one boundary to the Kubernetes API. Created once per process (one keep-alive agent per
 * cluster); every call states its content type; failures become KubeRequestError.
 */
export class KubeClient {
  readonly kubeConfig: KubeConfig;
  readonly server: URL;
  private readonly agent: http.Agent;
  private readonly tls: Pick<https.AgentOptions, 'ca' | 'cert' | 'key' | 'rejectUnauthorized'>;
  private headersCache: { headers: Record<string, string>; expires: number } | undefined;
  private readonly requestTimeoutMs: number;
  private readonly observers = new Set<(observation: KubeCallObservation) => void>();

  private constructor(kubeConfig: KubeConfig, tls: https.RequestOptions, requestTimeoutMs: number) {
    this.kubeConfig = kubeConfig;
    const cluster = kubeConfig.getCurrentCluster();
    if (!cluster) throw new Error('The kubeconfig has no current cluster.');
    this.server = new URL(cluster.server);
    this.requestTimeoutMs = requestTimeoutMs;
    this.tls = { ca: tls.ca, cert: tls.cert, key: tls.key, rejectUnauthorized: tls.rejectUnauthorized };
    if (cluster.skipTLSVerify) this.tls.rejectUnauthorized = false;
    const agentOptions: https.AgentOptions = {
      keepAlive: true,
      maxSockets: 64,
      maxFreeSockets: 16,
      ...this.tls,
    };
    this.agent =
      this.server.protocol === 'http:' ? new http.Agent(agentOptions) : new https.Agent(agentOptions);
  }

  /** In-cluster config when running in a pod, else KUBECONFIG or ~/.kube/config. */
  static async create(options: KubeClientOptions = {}): Promise<KubeClient> {
    const kubeConfig = options.kubeConfig ?? new KubeConfig();
    if (!options.kubeConfig) kubeConfig.loadFromDefault();
    const tls: https.RequestOptions = {};
    await kubeConfig.applyToHTTPSOptions(tls);
    return new KubeClient(kubeConfig, tls, options.requestTimeoutMs ?? 10_000);
  }

  static async fromFile(path: string, options: Omit<KubeClientOptions, 'kubeConfig'> = {}) {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(path);
    return KubeClient.create({ ...options, kubeConfig });
  }

  onCall(observer: (observation: KubeCallObservation) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  close() {
    this.agent.destroy();
  }

  /** Auth headers (a rotated token file is re-read at most every 30 s). */
  private async authHeaders(): Promise<Record<string, string>> {
    const now = Date.now();
    if (this.headersCache && this.headersCache.expires > now) return this.headersCache.headers;
    const options: https.RequestOptions = {};
    await this.kubeConfig.applyToHTTPSOptions(options);
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(options.headers ?? {})) headers[key] = String(value);
    const user = this.kubeConfig.getCurrentUser();
    if (user?.username && user.password) {
      headers.Authorization = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
    }
    this.headersCache = { headers, expires: now + 30_000 };
    return headers;
  }

  async request<T = unknown>(method: string, path: string, options: KubeRequestOptions = {}): Promise<T> {
    const url = new URL(path, this.server);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = {
      ...(await this.authHeaders()),
      Accept: options.text ? 'text/plain, */*' : 'application/json',
    };
    let payload: Buffer | undefined;
    if (options.body !== undefined) {
      payload = Buffer.from(typeof options.body === 'string' ? options.body : JSON.stringify(options.body));
      headers['Content-Type'] = options.contentType ?? 'application/json';
      headers['Content-Length'] = String(payload.length);
    }
    const operation = options.operation ?? `${method.toLowerCase()} ${path.split('?')[0]}`;
    const started = process.hrtime.bigint();
    const observe = (status: number) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      for (const observer of this.observers) observer({ operation, status, seconds });
    };
    const transport = url.protocol === 'http:' ? http : https;
    return new Promise<T>((resolve, reject) => {
      const req = transport.request(
        url,
        {
          method,
          headers,
          agent: this.agent,
          signal: AbortSignal.timeout(options.timeoutMs ?? this.requestTimeoutMs),
          ...this.tls,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (err) => {
            observe(0);
            reject(new KubeRequestError(0, { message: err.message }, operation));
          });
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            observe(status);
            const text = Buffer.concat(chunks).toString('utf8');
            if (status >= 200 && status < 300) {
              if (options.text) return resolve(text as T);
              try {
                resolve((text ? JSON.parse(text) : {}) as T);
              } catch {
                reject(
                  new KubeRequestError(502, { message: 'The API server sent invalid JSON.' }, operation),
                );
              }
              return;
            }
            let body: KubeStatus;
            try {
              body = JSON.parse(text) as KubeStatus;
            } catch {
              body = { message: text || `HTTP ${status}` };
            }
            reject(new KubeRequestError(status, body, operation));
          });
        },
      );
      req.on('error', (err) => {
        observe(0);
        reject(new KubeRequestError(0, { message: err.message }, operation));
      });
      if (payload) req.write(payload);
      req.end();
    });
  }

  list<T extends KubeObject>(resource: ResourceRef, options: ListOptions = {}): Promise<KubeList<T>> {
    const { namespace, ...query } = options;
    return this.request<KubeList<T>>('GET', collectionPath(resource, namespace), {
      query,
      operation: `list ${resource.plural}`,
    });
  }

  get<T extends KubeObject>(resource: ResourceRef, namespace: string | undefined, name: string): Promise<T> {
    return this.request<T>('GET', objectPath(resource, namespace, name), {
      operation: `get ${resource.plural}`,
    });
  }

  create<T extends KubeObject>(
    resource: ResourceRef,
    namespace: string | undefined,
    body: KubeObject,
    options: { dryRun?: boolean } = {},
  ): Promise<T> {
    return this.request<T>('POST', collectionPath(resource, namespace), {
      body,
      query: { dryRun: options.dryRun ? 'All' : undefined },
      operation: `create ${resource.plural}`,
    });
  }

  replace<T extends KubeObject>(
    resource: ResourceRef,
    namespace: string | undefined,
    body: KubeObject,
  ): Promise<T> {
    return this.request<T>('PUT', objectPath(resource, namespace, body.metadata?.name ?? ''), {
      body,
      operation: `update ${resource.plural}`,
    });
  }

  /** Custom resources only support merge and JSON patches; callers must say which they send. */
  patch<T extends KubeObject>(
    resource: ResourceRef,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    type: PatchType,
    options: { fieldManager?: string; force?: boolean; dryRun?: boolean } = {},
  ): Promise<T> {
    return this.request<T>('PATCH', objectPath(resource, namespace, name), {
      body: patch,
      contentType: patchContentTypes[type],
      query: {
        fieldManager: options.fieldManager,
        force: options.force,
        dryRun: options.dryRun ? 'All' : undefined,
      },
      operation: `patch ${resource.plural}`,
    });
  }

  delete(
    resource: ResourceRef,
    namespace: string | undefined,
    name: string,
    options: { propagationPolicy?: 'Foreground' | 'Background' | 'Orphan'; uid?: string } = {},
  ): Promise<KubeObject> {
    return this.request('DELETE', objectPath(resource, namespace, name), {
      body: {
        kind: 'DeleteOptions',
        apiVersion: 'v1',
        propagationPolicy: options.propagationPolicy,
        preconditions: options.uid ? { uid: options.uid } : undefined,
      },
      operation: `delete ${resource.plural}`,
    });
  }

  /** A streaming watch; `done` is called once when it ends for any reason. */
  watch(
    path: string,
    query: Record<string, string | number | boolean | undefined>,
    onEvent: (type: string, object: KubeObject) => void,
    done: (err: unknown) => void,
  ): Promise<AbortController> {
    return new Watch(this.kubeConfig).watch(path, query, onEvent, done);
  }
}
