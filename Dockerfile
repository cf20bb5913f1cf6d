# syntax=docker/dockerfile:1
# RadTox server image (deploy/README.md). Built from the repository root:
#   docker build -t radtox:$(git describe --always) .
# Configuration comes only from RADTOX_* environment variables and, optionally, a properties file mounted at
# /etc/radtox/radtox.properties (docs/CONFIGURATION.md); no secret is baked in.

# ---- build: the Maven reactor, tests skipped (CI runs them before an image is built)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# POMs first: the dependency layer is reused until a pom changes.
COPY pom.xml ./
COPY student/pom.xml student/
COPY fhir-mapping/pom.xml fhir-mapping/
COPY cds-services/pom.xml cds-services/
COPY llm-student/pom.xml llm-student/
COPY refinement/pom.xml refinement/
COPY server/pom.xml server/
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -ntp dependency:go-offline -DexcludeReactor=true || true
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -ntp -DskipTests package \
 && mkdir -p /out \
 && cp server/target/radtox-server.jar /out/ \
 && cp -r server/target/lib /out/lib

# ---- run: a slim JRE, a non-root user, nothing but the jar, its libraries and the gold set's schema files
FROM eclipse-temurin:17-jre-jammy
RUN groupadd --system --gid 10001 radtox \
 && useradd --system --uid 10001 --gid radtox --home-dir /var/lib/radtox --shell /usr/sbin/nologin radtox \
 && mkdir -p /opt/radtox /var/lib/radtox /etc/radtox \
 && chown radtox:radtox /var/lib/radtox \
 && apt-get update && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/ /opt/radtox/
WORKDIR /var/lib/radtox
USER 10001:10001
# Everything the server needs to know, from the environment (docs/CONFIGURATION.md); these are the image's
# defaults for a container: listen on all interfaces, state in the volume. Listening beyond loopback requires
# RADTOX_AUTH_JWKS: the server refuses to start open on a network.
ENV RADTOX_HOST=0.0.0.0 \
    RADTOX_PORT=8080 \
    RADTOX_DATA_DIR=/var/lib/radtox \
    RADTOX_STUDENTS_DIR=/var/lib/radtox/students \
    JAVA_OPTS="-Xms256m -Xmx1g -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError"
VOLUME ["/var/lib/radtox"]
EXPOSE 8080
# Ready about 30 s after start on 2 cores (deploy/README.md, measured); readiness names what is wrong.
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health/ready >/dev/null || exit 1
# exec form through sh so JAVA_OPTS splits into options; exec makes java PID 1's child-free successor and
# lets it receive SIGTERM for a clean shutdown.
ENTRYPOINT ["sh", "-c", "if [ -f /etc/radtox/radtox.properties ]; then set -- --config /etc/radtox/radtox.properties \"$@\"; fi; exec java $JAVA_OPTS -jar /opt/radtox/radtox-server.jar serve \"$@\"", "radtox"]
