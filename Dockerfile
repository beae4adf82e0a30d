# One image for every ScenarioOps service; docker-compose picks the service with the command,
# e.g. `service solver`. Build context: the repository root.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY test-support/pom.xml test-support/
COPY model/pom.xml model/
COPY core/pom.xml core/
COPY events/pom.xml events/
COPY kafka-runtime/pom.xml kafka-runtime/
COPY storage/pom.xml storage/
COPY runstore/pom.xml runstore/
COPY embedded-stack/pom.xml embedded-stack/
COPY producer/pom.xml producer/
COPY solver-service/pom.xml solver-service/
COPY publisher-service/pom.xml publisher-service/
COPY qc-service/pom.xml qc-service/
COPY launcher/pom.xml launcher/
COPY local-pipeline/pom.xml local-pipeline/
RUN mvn -B -q dependency:go-offline -DexcludeGroupIds=io.scenarioops || true
COPY . .
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 scenarioops && mkdir -p /data && chown scenarioops /data
WORKDIR /app
COPY --from=build /src/launcher/target/lib/ /app/lib/
COPY --from=build /src/launcher/target/scenarioops-launcher-*.jar /app/scenarioops.jar
USER scenarioops
ENV SCENARIOOPS_DATA_DIR=/data
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/app/scenarioops.jar:/app/lib/*", "io.scenarioops.launcher.Launcher"]
CMD ["--help"]
