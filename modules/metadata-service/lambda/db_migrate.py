"""Upgrade the Metaflow metadata database schema.

Invoked by hand or by a deploy pipeline after the metadata service image
changes: reads the schema status from the service's migration endpoint, asks
for an upgrade, reads the status again and returns all three answers. A
failed upgrade raises, so the invocation fails (FunctionError) with the three
answers in its message. The service itself holds the database credentials;
this function never sees them.
"""

import json
import os
import urllib.error
import urllib.request

# Each call gets its own timeout; an upgrade of a large database can take
# minutes, the function timeout (set in Terraform) bounds the total.
REQUEST_TIMEOUT_SECONDS = 240


class MigrationFailed(Exception):
    """The service answered, and the answer is not a successful upgrade."""


def _call(base_url, method, path):
    request = urllib.request.Request(base_url.rstrip("/") + path, method=method)
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_SECONDS) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as err:
        # An HTTP error is an answer to report, with its body.
        status, raw = err.code, err.read()
    text = raw.decode("utf-8", errors="replace")
    # The service sends JSON as text/plain (/db_schema_status), and plain
    # text for /upgrade ("upgrade success"): parse what parses.
    try:
        body = json.loads(text)
    except ValueError:
        body = text
    return {"status": status, "body": body}


def _up_to_date(answer):
    return answer["status"] == 200 and isinstance(answer["body"], dict) and answer["body"].get("is_up_to_date") is True


def handler(event, context):
    base_url = os.environ["MD_LB_ADDRESS"]
    result = {"db_schema_status_before": _call(base_url, "GET", "/db_schema_status")}
    result["upgrade"] = _call(base_url, "PATCH", "/upgrade")
    result["db_schema_status_after"] = _call(base_url, "GET", "/db_schema_status")
    if result["upgrade"]["status"] != 200 or not _up_to_date(result["db_schema_status_after"]):
        raise MigrationFailed(json.dumps(result))
    return result
