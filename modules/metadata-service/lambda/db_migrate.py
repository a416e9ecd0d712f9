"""Upgrade the Metaflow metadata database schema.

Invoked by hand or by a deploy pipeline after the metadata service changes:
reads the schema status from the service's migration endpoint, asks for an
upgrade, reads the status again and returns all three answers. The service
itself holds the database credentials; this function never sees them.
"""

import json
import os
import urllib.error
import urllib.request

# Each call gets its own timeout; an upgrade of a large database can take
# minutes, the function timeout (set in Terraform) bounds the total.
REQUEST_TIMEOUT_SECONDS = 240


def _call(base_url, method, path):
    request = urllib.request.Request(base_url.rstrip("/") + path, method=method)
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_SECONDS) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as err:
        # An HTTP error is an answer worth returning, not a crash.
        status, raw = err.code, err.read()
    text = raw.decode("utf-8", errors="replace")
    try:
        body = json.loads(text)
    except ValueError:
        body = text
    return {"status": status, "body": body}


def handler(event, context):
    base_url = os.environ["MD_LB_ADDRESS"]
    before = _call(base_url, "GET", "/db_schema_status")
    upgrade = _call(base_url, "PATCH", "/upgrade")
    after = _call(base_url, "GET", "/db_schema_status")
    return {
        "db_schema_status_before": before,
        "upgrade": upgrade,
        "db_schema_status_after": after,
    }
