# syntax=docker/dockerfile:1
# The hub's production image: compiled JavaScript and production dependencies only, run as a
# numeric non-root user (k8s/hub-deployment.yaml: runAsUser 10001, read-only root filesystem).
ARG NODE_IMAGE=node:22-bookworm-slim

# Compile TypeScript with the full dependency set.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The postinstall script (patch-embedded-engine.js) runs during npm ci.
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Production dependencies only. The embedded development engine is a dependency too but is never
# started with MONGODB_URI set; its postinstall patch only logs when it has nothing to do, and a
# failed patch does not fail the install.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY scripts ./scripts
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
# A container is reached through its published port: every interface (outside a container, development binds 127.0.0.1).
ENV HOST=0.0.0.0
WORKDIR /app
# Owned by root and read-only to the hub's user: the running process cannot change its own code.
COPY --from=deps /app/package.json ./package.json
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# tsc copies no static files: the operator dashboard's (src/admin/ui/routes.ts looks beside itself first).
COPY --from=build /app/src/admin/ui/static ./dist/admin/ui/static
USER 10001:10001
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node as PID 1 is fine here: the hub handles SIGTERM itself (src/main.ts) and starts no child
# process in production.
CMD ["node", "dist/main.js"]
