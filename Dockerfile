# The service image: build with dev dependencies, run with production ones only.
# Node 24, an LTS line (package.json "engines" and README "Requirements" say the same).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY migrations ./migrations
COPY bench ./bench
COPY scripts ./scripts
RUN npm run build

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Read at run time: the Standards Board Policy file (POLICY_FILE may point elsewhere).
COPY policy ./policy
# Without DATABASE_URL the embedded database writes under ./var/pglite: the node user must own it.
RUN mkdir -p var && chown node:node var
USER node
EXPOSE 3000
CMD ["node", "dist/src/main.js"]
