# The gapwatch image used by docker-compose.yml. Sources run through tsx, as on a developer machine.
FROM node:20-bookworm-slim
WORKDIR /opt/gapwatch
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY bin ./bin
COPY processors ./processors
COPY detections ./detections
COPY mappings ./mappings
COPY infra ./infra
USER node
EXPOSE 9464
ENTRYPOINT ["node", "bin/gapwatch.js"]
