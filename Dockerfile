# One image for every Atrium service; docker-compose.yml picks the service with
# `npm run serve -- <name>`. The build stage compiles the TypeScript (`npm run build`,
# which needs the devDependencies); the final stage holds the compiled JavaScript, the
# files it reads at run time and the production dependencies only. With NODE_ENV=production,
# `npm start`, `npm run serve` and `npm run db:migrate` run dist/ (scripts/launch.js).
# test/production-build.happy.test.ts lays out the final stage's COPY --from=build lines
# and runs the whole stack from them.
FROM node:24-bookworm-slim AS build
WORKDIR /app
# npm ci runs the root's postinstall (scripts/postinstall.js), which must be there; with no
# console sources beside it yet, it says so and builds nothing.
COPY package.json package-lock.json ./
COPY scripts/postinstall.js ./scripts/postinstall.js
RUN npm ci --no-audit --no-fund
COPY . .
# The console (console/dist/) too: Vite is a devDependency, so the final stage cannot build it.
RUN npm run build && npm run build:console

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0
COPY package.json package-lock.json ./
COPY scripts/postinstall.js ./scripts/postinstall.js
RUN npm ci --omit=dev --no-audit --no-fund
# The code stays root's: the services (user node) read it and never write beside it.
COPY --from=build /app/dist ./dist
COPY --from=build /app/scripts/launch.js ./scripts/launch.js
COPY --from=build /app/schema/supergraph.graphql ./schema/supergraph.graphql
COPY --from=build /app/gateway/playground-client.js ./gateway/playground-client.js
COPY --from=build /app/gateway/account-pages-client.js ./gateway/account-pages-client.js
COPY --from=build /app/lib/mail/templates ./lib/mail/templates
COPY --from=build /app/console/dist ./console/dist
USER node
EXPOSE 4000 4001 4002 4003
CMD ["npm", "run", "serve", "--", "gateway"]
