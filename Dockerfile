# bulletinfeed: one static binary (the embedded SQLite driver is pure Go,
# so no cgo), on a distroless base that runs as a non-root user.
#
#   docker build -t bulletinfeed .
#   docker run -p 8080:8080 -v bulletinfeed-data:/data bulletinfeed
#   docker run -v bulletinfeed-data:/data -v "$PWD/examples:/in:ro" bulletinfeed ingest /in
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/bulletinfeed ./cmd/bulletinfeed \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/bulletinfeed /usr/local/bin/bulletinfeed
COPY --from=build --chown=nonroot:nonroot /out/data /data
# The store lives on the volume; BULLETINFEED_DB=postgres://… shares one
# database between replicas instead.
ENV BULLETINFEED_DB=/data/bulletinfeed.db \
    BULLETINFEED_ADDR=:8080
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/bulletinfeed"]
CMD ["serve"]
