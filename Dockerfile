# One image for every Atrium service; docker-compose.yml picks the service with
# `npm run serve -- <name>`. TypeScript runs through tsx, so there is no build step.
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --chown=node:node . .
USER node
EXPOSE 4000 4001 4002 4003
CMD ["npm", "run", "serve", "--", "gateway"]
