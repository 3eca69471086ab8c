# The count server on the official Node 24 image (README, "Running the server stand-alone"):
#   docker build -t mailtray-server .
#   docker run -d --name mailtray -p 7300:7300 -v /etc/mailtray:/etc/mailtray:ro \
#     --env-file /etc/mailtray/env mailtray-server
# Inside the container the server listens on 0.0.0.0:7300 whatever the config's "listen"
# says (CMD below); choose the port on the host with -p HOST-PORT:7300.
#   docker kill -s HUP mailtray      # re-reads the config without dropping held polls
FROM node:24-bookworm-slim

ENV NODE_ENV=production
WORKDIR /opt/mailtray

# Only the server's dependencies: Electron and the build tools are devDependencies.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# Node 24 runs the TypeScript sources directly (type stripping); no build step.
COPY bin/ bin/
COPY common/ common/
COPY server/ server/

# The image's unprivileged user; the config is mounted read-only.
USER node
# The port is the image's, not the config's: EXPOSE, HEALTHCHECK and CMD's --port say the same.
EXPOSE 7300
HEALTHCHECK --interval=30s --timeout=3s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:7300/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is PID 1 and handles SIGTERM itself: held polls get 503, the process exits within 2 s.
ENTRYPOINT ["node", "--max-semi-space-size=2", "bin/mailtray-server.js"]
CMD ["--config", "/etc/mailtray/server.json", "--host", "0.0.0.0", "--port", "7300"]
