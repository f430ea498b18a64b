# syntax=docker/dockerfile:1.7
# One image per service:  docker build --build-arg SERVICE=jupyter-api -t kf-ts/jupyter-api .
# With the official SPA:   docker build --build-arg SERVICE=jupyter-api \
#                            --build-arg SPA_IMAGE=docker.io/kubeflownotebookswg/jupyter-web-app:v1.9.0 \
#                            --target with-spa -t kf-ts/jupyter-api .
# The web-app manifests set SPA_DIR=/app/spa and so expect the with-spa image.
ARG NODE_IMAGE=node:22-bookworm-slim
ARG SPA_IMAGE=scratch

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY shared/package.json shared/
COPY services/jupyter-api/package.json services/jupyter-api/
COPY services/volumes-api/package.json services/volumes-api/
COPY services/tensorboards-api/package.json services/tensorboards-api/
COPY services/profiles-api/package.json services/profiles-api/
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY shared/ shared/
COPY services/ services/
COPY tools/build/ tools/build/
ARG SERVICE
RUN test -n "$SERVICE" || (echo "--build-arg SERVICE=<jupyter-api|volumes-api|tensorboards-api|profiles-api> is required" && exit 1)
# One ES module with everything the service imports (tools/build/bundle.ts): a pod starts faster.
RUN node --import tsx tools/build/bundle.ts ${SERVICE}
# Production dependencies only, for what the bundle leaves out (@fastify/swagger-ui's static files).
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts --workspace shared --workspace services/${SERVICE}

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ENV NODE_ENV=production SERVICE=${SERVICE}
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/shared/package.json shared/
COPY --from=build /app/services/${SERVICE}/package.json services/${SERVICE}/
COPY --from=build /app/services/${SERVICE}/dist/server.mjs /app/services/${SERVICE}/dist/server.mjs.map services/${SERVICE}/dist/
# Bundled defaults (spawner config, viewer spec) live beside package.json when a service has them.
COPY --from=build /app/services/${SERVICE}/confi[g] services/${SERVICE}/config
USER 10001:10001
EXPOSE 5000
CMD ["sh", "-c", "exec node services/${SERVICE}/dist/server.mjs"]

# The official Kubeflow SPA build, copied out of the published upstream web-app image (nothing
# from upstream is committed here). Upstream images keep the built frontend in
# /src/apps/default/static (the crud-web-apps Dockerfiles build with --output-path=./dist/default
# and copy it there); SPA_DIR=/app/spa in deploy/ points the service at it.
FROM ${SPA_IMAGE} AS upstream-spa
FROM runtime AS with-spa
COPY --from=upstream-spa /src/apps/default/static /app/spa

# Default target: the service without an SPA (profiles-api, or API-only deployments).
FROM runtime AS service
