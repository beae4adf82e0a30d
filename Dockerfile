# syntax=docker/dockerfile:1
# One image for every ScenarioOps service; docker-compose picks the service with the command,
# e.g. `service solver`. Build context: the repository root (see .dockerignore).
FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# Maven's repository lives in a build cache, not in a layer: later builds download only what
# changed, and a failed download fails the build. Only the launcher and the modules it needs are
# packaged; the embedded servers (local-pipeline) are not part of the image.
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package -pl launcher -am

FROM eclipse-temurin:17.0.20_8-jre-noble
# The compose health checks run curl in this image: fail the build, not the first health check,
# should a base image ever come without it.
RUN command -v curl >/dev/null \
    && useradd --system --uid 10001 scenarioops && mkdir -p /data && chown scenarioops /data
WORKDIR /app
COPY --from=build /src/launcher/target/lib/ /app/lib/
COPY --from=build /src/launcher/target/scenarioops-launcher-*.jar /app/scenarioops.jar
USER scenarioops
ENV SCENARIOOPS_DATA_DIR=/data
# METRICS_PORT (compose: 9404) and the console's 8080
EXPOSE 9404 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/app/scenarioops.jar:/app/lib/*", "io.scenarioops.launcher.Launcher"]
CMD ["--help"]
