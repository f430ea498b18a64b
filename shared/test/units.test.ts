import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kubeSubject, buildAbility, ruleFromDecision } from '../src/auth/ability.ts';
import { cookiePath } from '../src/auth/csrf-plugin.ts';
import { forwardingPeer, parseGroups, stripUserPrefix } from '../src/auth/identity-plugin.ts';
import { SarCache, describeAccess, forbiddenMessage } from '../src/auth/sar-cache.ts';
import { ConfigError, baseConfigProperties, loadConfig } from '../src/config.ts';
import { kubeErrorToApiError, KubeRequestError } from '../src/kube/kube-errors.ts';
import { formatBytes, formatCpu, parseQuantity } from '../src/quantity.ts';
import { presentPodDefault } from '../src/webapp/poddefaults.ts';
import type { FastifyRequest } from 'fastify';

describe('quantities', () => {
  it('parses every Kubernetes suffix and plain numbers', () => {
    assert.equal(parseQuantity('500m'), 0.5);
    assert.equal(parseQuantity('1.5'), 1.5);
    assert.equal(parseQuantity('1024Mi'), 1024 * 2 ** 20);
    assert.equal(parseQuantity('2Gi'), 2 * 2 ** 30);
    assert.equal(parseQuantity('1.5Gi'), 1.5 * 2 ** 30);
    assert.equal(parseQuantity('1e3'), 1000);
    assert.equal(parseQuantity('1k'), 1000);
    assert.equal(parseQuantity('.5'), 0.5);
    assert.equal(parseQuantity(2), 2);
  });
  it('rejects what is not a quantity', () => {
    for (const bad of ['', 'abc', '1.2.3', '5 Gi', '1gi', 'Gi', '--1', undefined, null, 'NaN', '1e400']) {
      assert.equal(parseQuantity(bad as string), undefined, String(bad));
    }
  });
  it('formats cpu and bytes', () => {
    assert.equal(formatCpu(0.5), '500m');
    assert.equal(formatCpu(2), '2');
    assert.equal(formatBytes(1.5 * 2 ** 30), '1536Mi');
    assert.equal(formatBytes(2 * 2 ** 30), '2Gi');
    assert.equal(formatBytes(1000), '1000');
  });
});

describe('identity helpers', () => {
  it('strips the user prefix from the front only', () => {
    assert.equal(stripUserPrefix('accounts.google.com:a@b.c', 'accounts.google.com:'), 'a@b.c');
    assert.equal(
      stripUserPrefix('x:accounts.google.com:a', 'accounts.google.com:'),
      'x:accounts.google.com:a',
    );
    assert.equal(stripUserPrefix('a@b.c', ''), 'a@b.c');
  });
  it('parses comma-separated groups, ignoring blanks', () => {
    assert.deepEqual(parseGroups(' a, b ,,c '), ['a', 'b', 'c']);
    assert.deepEqual(parseGroups(['a', 'b,c']), ['a', 'b', 'c']);
    assert.deepEqual(parseGroups(undefined), []);
  });
  it('reads the immediate peer from x-forwarded-client-cert', () => {
    const gateway = 'spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account';
    assert.equal(
      forwardingPeer(`By=spiffe://cluster.local/ns/kubeflow/sa/jupyter;Hash=abc;Subject="";URI=${gateway}`),
      gateway,
    );
    // a client-written element before ours does not count
    assert.equal(
      forwardingPeer(
        `URI=${gateway},By=spiffe://x;Hash=1;Subject="CN=a,O=b";URI=spiffe://cluster.local/ns/x/sa/attacker`,
      ),
      'spiffe://cluster.local/ns/x/sa/attacker',
    );
    assert.equal(forwardingPeer(undefined), undefined);
  });
  it('derives the cookie path from x-forwarded-prefix or APP_PREFIX', () => {
    const request = (headers: Record<string, string>) => ({ headers }) as unknown as FastifyRequest;
    assert.equal(cookiePath(request({}), '/jupyter'), '/jupyter');
    assert.equal(cookiePath(request({ 'x-forwarded-prefix': '/volumes/' }), '/jupyter'), '/volumes');
    assert.equal(cookiePath(request({}), '/'), '/');
    assert.equal(cookiePath(request({ 'x-forwarded-prefix': '/a;b' }), '/'), '/');
  });
});

describe('authorization helpers', () => {
  it('words denials as upstream does', () => {
    assert.equal(
      describeAccess({ verb: 'list', group: '', version: 'v1', resource: 'persistentvolumeclaims' }),
      'list v1/persistentvolumeclaims',
    );
    assert.equal(
      describeAccess({ verb: 'get', group: '', version: 'v1', resource: 'pods', subresource: 'log' }),
      'get v1/pods/log',
    );
    assert.equal(
      forbiddenMessage('u', {
        verb: 'get',
        group: 'kubeflow.org',
        version: 'v1beta1',
        resource: 'notebooks',
        namespace: 'ns',
      }),
      "User 'u' is not authorized to get kubeflow.org/v1beta1/notebooks in namespace 'ns'",
    );
    assert.equal(
      forbiddenMessage('u', { verb: 'list', group: '', version: 'v1', resource: 'namespaces' }),
      "User 'u' is not authorized to list v1/namespaces",
    );
  });
  it('keys SAR decisions by user, sorted groups and attributes', () => {
    const attrs = { verb: 'get', group: '', resource: 'pods', namespace: 'a' };
    assert.equal(
      SarCache.keyOf({ name: 'u', groups: ['b', 'a'] }, attrs),
      SarCache.keyOf({ name: 'u', groups: ['a', 'b'] }, attrs),
    );
    assert.notEqual(
      SarCache.keyOf({ name: 'u', groups: [] }, attrs),
      SarCache.keyOf({ name: 'u', groups: [] }, { ...attrs, namespace: 'b' }),
    );
  });
  it('turns decisions into CASL rules scoped to the namespace', () => {
    const ability = buildAbility([
      ruleFromDecision({ verb: 'list', group: 'kubeflow.org', resource: 'notebooks', namespace: 'a' }, true),
      ruleFromDecision({ verb: 'list', group: 'kubeflow.org', resource: 'notebooks', namespace: 'b' }, false),
    ]);
    assert.equal(ability.can('list', kubeSubject('kubeflow.org', 'notebooks', { namespace: 'a' })), true);
    assert.equal(ability.can('list', kubeSubject('kubeflow.org', 'notebooks', { namespace: 'b' })), false);
    assert.equal(ability.can('delete', kubeSubject('kubeflow.org', 'notebooks', { namespace: 'a' })), false);
  });
});

describe('configuration', () => {
  it('fills defaults and converts numbers and booleans', () => {
    const config = loadConfig(baseConfigProperties, { PORT: '8080', METRICS: 'false' });
    assert.equal(config.PORT, 8080);
    assert.equal(config.METRICS, 'false');
    assert.equal(config.USERID_HEADER, 'kubeflow-userid');
    assert.equal(config.GROUPS_HEADER, 'kubeflow-groups');
    assert.equal(config.SAR_CACHE_ALLOW_TTL_SECONDS, 10);
  });
  it('fails fast naming the variable', () => {
    assert.throws(
      () => loadConfig(baseConfigProperties, { PORT: 'eighty' }),
      (err: Error) => err instanceof ConfigError && /PORT="eighty"/.test(err.message),
    );
    assert.throws(() => loadConfig(baseConfigProperties, { CSRF_SAMESITE: 'sometimes' }), /CSRF_SAMESITE/);
    assert.throws(() => loadConfig(baseConfigProperties, { METRICS: 'maybe' }), /METRICS/);
  });
});

describe('Kubernetes error adapter', () => {
  it('maps statuses and keeps messages', () => {
    const notFound = kubeErrorToApiError(new KubeRequestError(404, { message: 'x not found' }, 'get'));
    assert.equal(notFound?.status, 404);
    assert.equal(notFound?.message, 'The requested resource could not be found in the API Server');
    const conflict = kubeErrorToApiError(
      new KubeRequestError(409, { message: 'already exists', reason: 'AlreadyExists' }, 'create'),
    );
    assert.equal(conflict?.status, 409);
    assert.equal(conflict?.message, 'already exists');
    const invalid = kubeErrorToApiError(
      new KubeRequestError(
        422,
        { message: 'bad', details: { causes: [{ field: 'metadata.name', message: 'Invalid value' }] } },
        'create',
      ),
    );
    assert.deepEqual(invalid?.details, [{ field: 'metadata.name', message: 'Invalid value' }]);
    assert.equal(
      kubeErrorToApiError(new KubeRequestError(0, { message: 'ECONNREFUSED' }, 'list'))?.status,
      503,
    );
    assert.equal(kubeErrorToApiError(new Error('x')), undefined);
  });
});

describe('PodDefault presentation', () => {
  it('adds label and desc, tolerating missing selectors', () => {
    assert.deepEqual(
      presentPodDefault({
        metadata: { name: 'gcp' },
        spec: { desc: 'GCP creds', selector: { matchLabels: { 'add-gcp': 'true' } } },
      }),
      {
        metadata: { name: 'gcp' },
        spec: { desc: 'GCP creds', selector: { matchLabels: { 'add-gcp': 'true' } } },
        label: 'add-gcp',
        desc: 'GCP creds',
      },
    );
    const odd = presentPodDefault({ metadata: { name: 'expr-only' }, spec: { selector: {} } });
    assert.equal(odd.label, '');
    assert.equal(odd.desc, 'expr-only');
    assert.equal(presentPodDefault({}).desc, '');
  });
});
