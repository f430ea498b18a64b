/**
 * Local development gateway, playing Istio's part: routes /jupyter/, /volumes/, /tensorboards/,
 * /kfam/ and /api/workgroup/ to the services, rewrites the app prefixes to /, sets the identity
 * headers for the chosen dev user (switchable), and serves one page linking every API's docs.
 * FOR DEVELOPMENT ONLY: it trusts whoever reaches it. Nothing in production depends on it.
 */
import proxy from '@fastify/http-proxy';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';

export interface DevUser {
  name: string;
  groups: string[];
  role: string;
}

export interface GatewayOptions {
  upstreams: { jupyter: string; volumes: string; tensorboards: string; profiles: string };
  users: DevUser[];
  logger?: boolean;
}

const USER_COOKIE = 'kf-dev-user';

function cookieValue(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export async function buildGateway(options: GatewayOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false });
  const fallbackUser = options.users[0];
  const currentUser = (request: FastifyRequest): DevUser | undefined => {
    const chosen = cookieValue(request, USER_COOKIE);
    if (chosen === '') return undefined;
    if (chosen === undefined) return fallbackUser;
    return options.users.find((user) => user.name === chosen) ?? fallbackUser;
  };

  // Like Istio: identity headers from the client are never trusted; the gateway sets them.
  app.addHook('onRequest', async (request) => {
    delete request.headers['kubeflow-userid'];
    delete request.headers['kubeflow-groups'];
    delete request.headers['x-forwarded-client-cert'];
    const user = currentUser(request);
    if (user) {
      request.headers['kubeflow-userid'] = user.name;
      if (user.groups.length) request.headers['kubeflow-groups'] = user.groups.join(',');
    }
  });

  const routes: { prefix: string; upstream: string; rewrite: string }[] = [
    { prefix: '/jupyter', upstream: options.upstreams.jupyter, rewrite: '' },
    { prefix: '/volumes', upstream: options.upstreams.volumes, rewrite: '' },
    { prefix: '/tensorboards', upstream: options.upstreams.tensorboards, rewrite: '' },
    { prefix: '/kfam', upstream: options.upstreams.profiles, rewrite: '/kfam' },
    { prefix: '/api/workgroup', upstream: options.upstreams.profiles, rewrite: '/api/workgroup' },
    { prefix: '/profiles', upstream: options.upstreams.profiles, rewrite: '' },
  ];
  for (const route of routes) {
    await app.register(proxy, {
      upstream: route.upstream,
      prefix: route.prefix,
      rewritePrefix: route.rewrite,
      replyOptions: {
        rewriteRequestHeaders: (_request, headers) => ({
          ...headers,
          'x-forwarded-prefix': route.rewrite ? '/' : route.prefix,
        }),
      },
    });
  }

  app.get('/dev/user', async (request, reply) => {
    const { name } = request.query as { name?: string };
    const known = name === '' || options.users.some((user) => user.name === name);
    if (name === undefined || !known)
      return reply.code(400).send({ error: 'unknown user', users: options.users.map((u) => u.name) });
    reply.header('set-cookie', `${USER_COOKIE}=${encodeURIComponent(name)}; Path=/; SameSite=Lax`);
    return reply.redirect('/');
  });

  app.get('/', async (request, reply) => {
    const user = currentUser(request);
    const apps = [
      ['Jupyter', '/jupyter/'],
      ['Volumes', '/volumes/'],
      ['TensorBoards', '/tensorboards/'],
    ];
    const docs = [
      ['jupyter-api', '/jupyter/api/docs/'],
      ['volumes-api', '/volumes/api/docs/'],
      ['tensorboards-api', '/tensorboards/api/docs/'],
      ['profiles-api', '/profiles/api/docs/'],
    ];
    const userLinks = [
      ...options.users.map((u) => [
        u.name,
        `${u.role}${u.groups.length ? `, groups ${u.groups.join(', ')}` : ''}`,
      ]),
      ['', 'nobody (no identity headers)'],
    ]
      .map(
        ([name, what]) =>
          `<li><a href="/dev/user?name=${encodeURIComponent(name!)}">${escapeHtml(name || '(anonymous)')}</a> — ${escapeHtml(what!)}${name === (user?.name ?? '') ? ' <b>(current)</b>' : ''}</li>`,
      )
      .join('');
    return reply.type('text/html; charset=utf-8')
      .send(`<!doctype html><html><head><meta charset="utf-8"><title>Kubeflow backends (dev gateway)</title>
<style>body{font-family:sans-serif;max-width:52rem;margin:2rem auto}.warn{background:#fee;border:1px solid #c00;padding:.5rem 1rem}</style></head><body>
<p class="warn"><b>Development gateway.</b> It sets identity headers for whoever you pick below and trusts every caller. Never expose it; production uses Istio.</p>
<h1>Kubeflow notebook backends</h1>
<p>Acting as: <b>${escapeHtml(user?.name ?? 'nobody')}</b></p>
<h2>API documentation (Swagger UI)</h2><ul>${docs.map(([name, href]) => `<li><a href="${href}">${name}</a> — <a href="${href!.replace('docs/', 'openapi.json')}">openapi.json</a></li>`).join('')}</ul>
<h2>Apps (SPA when SPA_DIR is set, else a pointer to the docs)</h2><ul>${apps.map(([name, href]) => `<li><a href="${href}">${name}</a></li>`).join('')}</ul>
<h2>Switch user</h2><ul>${userLinks}</ul>
</body></html>`);
  });
  return app;
}
