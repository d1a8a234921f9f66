# bulletinfeed: one static binary (the embedded SQLite driver is pure Go,
# so no cgo), on a Debian slim base with poppler, run as a non-root user.
#
#   docker build -t bulletinfeed .
#   docker run -p 8080:8080 -v bulletinfeed-data:/data bulletinfeed
#   docker run -v bulletinfeed-data:/data -v "$PWD/examples:/in:ro" bulletinfeed ingest /in
#
# scripts/check-image.sh checks what this image holds without a Docker
# engine: it builds the binary with the same command, checks it is static,
# and runs ingest, serve and healthcheck as uid 65532 in a root directory
# holding only the files below. Keep the two in step.
#
# PDF input runs pdftohtml from poppler-utils, with poppler-data for the
# character maps of Chinese fonts. Those are C programs with shared
# libraries, so the final stage is debian-slim with the two packages and a
# nonroot user of the same uid (65532) as distroless; the bulletinfeed
# binary itself stays static.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/bulletinfeed ./cmd/bulletinfeed \
 && mkdir -p /out/data

# The base gets CA certificates, zoneinfo (the binary embeds time/tzdata
# too), poppler and the nonroot user (65532); no curl, hence the
# healthcheck subcommand.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tzdata poppler-utils poppler-data \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 65532 nonroot \
 && useradd --uid 65532 --gid 65532 --no-create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
COPY --from=build /out/bulletinfeed /usr/local/bin/bulletinfeed
COPY --from=build --chown=nonroot:nonroot /out/data /data
# The store lives on the volume; BULLETINFEED_DB=postgres://… shares one
# database between replicas instead.
ENV BULLETINFEED_DB=/data/bulletinfeed.db \
    BULLETINFEED_ADDR=:8080
VOLUME /data
EXPOSE 8080
USER nonroot:nonroot
# GETs http://127.0.0.1:8080/healthz (the port of BULLETINFEED_ADDR) and
# gives up after 5s by itself, inside Docker's timeout. Failures in the
# start period (opening the store, the first render) do not count.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["/usr/local/bin/bulletinfeed","healthcheck"]
ENTRYPOINT ["/usr/local/bin/bulletinfeed"]
CMD ["serve"]
