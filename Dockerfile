# dnsctl in a small image: a static binary, CA certificates for the AWS
# endpoints, and nothing else. Mount the directory holding dnsconfig.js and
# creds.json at /work:
#
#   docker build -t dnsctl .
#   docker run --rm -v "$PWD":/work dnsctl preview
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY cmd ./cmd
COPY internal ./internal
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X github.com/dnsctl/dnsctl/internal/cli.Version=${VERSION}" \
      -o /out/dnsctl ./cmd/dnsctl

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/dnsctl /usr/local/bin/dnsctl
WORKDIR /work
ENTRYPOINT ["dnsctl"]
