"""Offline test of db_migrate against a local stand-in for the migration endpoint.

Run: python3 -m unittest discover -s modules/metadata-service/lambda
"""

import http.server
import json
import os
import threading
import unittest
from unittest import mock

import db_migrate


class _FakeMigrationService(http.server.BaseHTTPRequestHandler):
    calls = []
    upgraded = False

    def _reply(self, status, body):
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self):
        type(self).calls.append(("GET", self.path))
        if self.path == "/db_schema_status":
            self._reply(200, {"is_up_to_date": type(self).upgraded})
        else:
            self._reply(404, {"error": "not found"})

    def do_PATCH(self):
        type(self).calls.append(("PATCH", self.path))
        if self.path == "/upgrade":
            type(self).upgraded = True
            self._reply(200, {"result": "upgraded"})
        else:
            self._reply(404, {"error": "not found"})

    def log_message(self, *args):
        pass


class HandlerTest(unittest.TestCase):
    def setUp(self):
        _FakeMigrationService.calls = []
        _FakeMigrationService.upgraded = False
        self.server = http.server.HTTPServer(("127.0.0.1", 0), _FakeMigrationService)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = "http://127.0.0.1:%d" % self.server.server_port

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()

    def test_reads_upgrades_and_reads_again(self):
        with mock.patch.dict(os.environ, {"MD_LB_ADDRESS": self.url + "/"}):
            result = db_migrate.handler({}, None)
        self.assertEqual(
            _FakeMigrationService.calls,
            [("GET", "/db_schema_status"), ("PATCH", "/upgrade"), ("GET", "/db_schema_status")],
        )
        self.assertEqual(result["db_schema_status_before"], {"status": 200, "body": {"is_up_to_date": False}})
        self.assertEqual(result["upgrade"], {"status": 200, "body": {"result": "upgraded"}})
        self.assertEqual(result["db_schema_status_after"], {"status": 200, "body": {"is_up_to_date": True}})

    def test_http_errors_are_returned_not_raised(self):
        with mock.patch.dict(os.environ, {"MD_LB_ADDRESS": self.url + "/missing"}):
            result = db_migrate.handler({}, None)
        self.assertEqual(result["upgrade"]["status"], 404)
        self.assertEqual(result["upgrade"]["body"], {"error": "not found"})


if __name__ == "__main__":
    unittest.main()
