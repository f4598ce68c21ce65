# Odoo 18 with the Python requirements of the Simantap addons; the addons themselves
# are mounted by docker-compose.yml.  nodejs runs the phone app's JavaScript unit
# tests; the image (Ubuntu) has no packaged Chromium, so its browser tests are
# skipped here and run where `make test` runs on Debian.
FROM odoo:18.0
USER root
COPY requirements.txt requirements-dev.txt /tmp/simantap/
RUN pip3 install --no-cache-dir --break-system-packages \
        -r /tmp/simantap/requirements.txt -r /tmp/simantap/requirements-dev.txt \
    && apt-get update && apt-get install -y --no-install-recommends make nodejs \
    && rm -rf /var/lib/apt/lists/*
USER odoo
