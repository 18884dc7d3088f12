# mockdialer in a container: the mock on port 5000, its DB file on the /data volume.
#   docker build -t mockdialer .
#   docker run --rm -p 5000:5000 -v mockdialer-data:/data mockdialer
# (docs/command-line.md, "Docker"; not built in this project's CI: no image registry is reachable there)
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    MOCKDIALER_DB=/data/mockdialer.json

WORKDIR /src
COPY setup.cfg pyproject.toml README.md LICENSE ./
COPY mockdialer ./mockdialer
# the shipped fixtures are a symlink to the top-level fixtures/ folder: copy the real files in its place
COPY fixtures ./fixtures
RUN rm -f mockdialer/shipped_fixtures && cp -r fixtures mockdialer/shipped_fixtures \
    && pip install . && rm -rf /src \
    && useradd --create-home --uid 10001 mockdialer && mkdir /data && chown mockdialer /data

USER mockdialer
WORKDIR /home/mockdialer
VOLUME ["/data"]
EXPOSE 5000
# 0.0.0.0: reachable through the published port; set MOCKDIALER_ADMIN_TOKEN to protect /__admin/
CMD ["mockdialer", "run", "--host", "0.0.0.0", "--port", "5000"]
