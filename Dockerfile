# syntax=docker/dockerfile:1
# One image for every fazt service; FAZT_TARGETS picks which the container runs (see docker-compose.yml).

# --- build: the whole reactor, tests left to CI ---
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml ./
COPY shared-proto shared-proto
COPY platform platform
COPY gateway gateway
COPY auth-svc auth-svc
COPY deploy-svc deploy-svc
COPY storage-svc storage-svc
COPY runtime-svc runtime-svc
COPY scheduler-svc scheduler-svc
COPY mail-svc mail-svc
COPY server server
COPY cli cli
COPY e2e e2e
RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests -pl server,cli -am

# --- run: a JRE, the server's jars, the launcher with its lean JVM flags ---
FROM eclipse-temurin:25-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /var/lib/fazt --create-home fazt \
    && mkdir -p /var/lib/fazt/keys /var/lib/fazt/backups /var/lib/fazt/auth /var/lib/fazt/db-passwords /var/lib/fazt/cds && chmod 700 /var/lib/fazt/auth /var/lib/fazt/db-passwords \
    && chown -R fazt /var/lib/fazt
WORKDIR /opt/fazt
COPY --from=build /src/server/target/fazt-server/lib server/target/fazt-server/lib
COPY --from=build /src/server/target/fazt-server/fazt-server.jar server/target/fazt-server/fazt-server.jar
# the Graal compiler for GraalJS's optimizing JIT (bin/fazt-server puts it on --upgrade-module-path); without it the
# runtime interprets JavaScript
COPY --from=build /src/server/target/fazt-server/jit server/target/fazt-server/jit
COPY --from=build /src/cli/target/fazt-cli cli/target/fazt-cli
COPY bin bin
COPY scripts/lib scripts/lib
ENV JAVA_HOME=/opt/java/openjdk \
    FAZT_HOME=/var/lib/fazt \
    FAZT_CDS_DIR=/var/lib/fazt/cds \
    FAZT_MANAGEMENT_HOST=0.0.0.0
USER fazt
ENTRYPOINT ["/opt/fazt/bin/fazt-server"]
CMD ["run"]
