# sipform serve in a container: a build stage with the Rust toolchain, and a
# small runtime stage with the one binary (fonts, templates and catalogues
# are embedded), run as a user without privileges.
#
#   docker build -t sipform .
#   docker run --rm -p 8080:8080 -v "$PWD/token:/run/secrets/sipform-token:ro" sipform
#
# Listening beyond loopback needs a bearer token (README, "The HTTP API"):
# mount a file of at least 16 printable characters at
# /run/secrets/sipform-token (deploy/ does it from a Kubernetes Secret).

FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin sipform \
 && strip target/release/sipform

FROM debian:bookworm-slim
# No packages: the binary needs only the C library, which the image has.
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin sipform
COPY --from=build /src/target/release/sipform /usr/local/bin/sipform
USER 10001
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/sipform"]
CMD ["serve", "--addr", "0.0.0.0:8080", "--token-file", "/run/secrets/sipform-token"]
