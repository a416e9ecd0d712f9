"""Offline test of db_migrate against a stand-in for the metadata service.

The stand-in answers as netflixoss/metaflow_metadata_service does (its
migration_service/api/admin.py, aiohttp): /upgrade in plain text,
"upgrade success" with 200 or "upgrade failed" with 500; /db_schema_status a
JSON document sent as text/plain, or {"detail": ...} with 500 when goose
cannot read the schema version.

Run: python3 -m unittest discover -s modules/metadata-service/lambda
"""

import http.server
import json
import os
import threading
import unittest
from unittest import mock

import db_migrate

# The service's migrations, oldest first, as its /db_schema_status lists them.
VERSIONS = ["20200603104139", "20201002000616", "20210202145952"]


class _FakeMetadataService(http.server.BaseHTTPRequestHandler):
    calls = []
    current = VERSIONS[0]
    upgrade_works = True
    goose_broken = False

    def _reply(self, status, text):
        payload = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self):
        cls = type(self)
        cls.calls.append(("GET", self.path))
        if self.path != "/db_schema_status":
            self._reply(404, "404: Not Found")
        elif cls.goose_broken:
            self._reply(500, json.dumps({"detail": "Exception('unable to get db version via goose: ')"}))
        else:
            unapplied = VERSIONS[VERSIONS.index(cls.current) + 1:]
            self._reply(200, json.dumps({
                "is_up_to_date": not unapplied,
                "current_version": cls.current,
                "migration_in_progress": False,
                "db_schema_versions": VERSIONS,
                "unapplied_migrations": unapplied,
            }))

    def do_PATCH(self):
        cls = type(self)
        cls.calls.append(("PATCH", self.path))
        if self.path != "/upgrade":
            self._reply(404, "404: Not Found")
        elif cls.upgrade_works:
            cls.current = VERSIONS[-1]
            self._reply(200, "upgrade success")
        else:
            self._reply(500, "upgrade failed")

    def log_message(self, *args):
        pass


class HandlerTest(unittest.TestCase):
    def setUp(self):
        _FakeMetadataService.calls = []
        _FakeMetadataService.current = VERSIONS[0]
        _FakeMetadataService.upgrade_works = True
        _FakeMetadataService.goose_broken = False
        self.server = http.server.HTTPServer(("127.0.0.1", 0), _FakeMetadataService)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = "http://127.0.0.1:%d" % self.server.server_port

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()

    def invoke(self, path="/"):
        with mock.patch.dict(os.environ, {"MD_LB_ADDRESS": self.url + path}):
            return db_migrate.handler({}, None)

    def test_upgrade_succeeds(self):
        result = self.invoke()
        self.assertEqual(
            _FakeMetadataService.calls,
            [("GET", "/db_schema_status"), ("PATCH", "/upgrade"), ("GET", "/db_schema_status")],
        )
        self.assertEqual(result["db_schema_status_before"]["status"], 200)
        self.assertEqual(result["db_schema_status_before"]["body"]["unapplied_migrations"], VERSIONS[1:])
        self.assertEqual(result["upgrade"], {"status": 200, "body": "upgrade success"})
        self.assertEqual(result["db_schema_status_after"]["body"]["is_up_to_date"], True)
        self.assertEqual(result["db_schema_status_after"]["body"]["current_version"], VERSIONS[-1])

    def test_already_up_to_date(self):
        _FakeMetadataService.current = VERSIONS[-1]
        result = self.invoke()
        self.assertEqual(result["upgrade"], {"status": 200, "body": "upgrade success"})

    def test_failed_upgrade_raises_with_the_answers(self):
        _FakeMetadataService.upgrade_works = False
        with self.assertRaises(db_migrate.MigrationFailed) as raised:
            self.invoke()
        answers = json.loads(str(raised.exception))
        self.assertEqual(answers["upgrade"], {"status": 500, "body": "upgrade failed"})
        self.assertEqual(answers["db_schema_status_after"]["body"]["is_up_to_date"], False)

    def test_unreadable_schema_raises(self):
        _FakeMetadataService.goose_broken = True
        with self.assertRaises(db_migrate.MigrationFailed) as raised:
            self.invoke()
        answers = json.loads(str(raised.exception))
        self.assertEqual(answers["db_schema_status_after"]["status"], 500)
        self.assertIn("unable to get db version", answers["db_schema_status_after"]["body"]["detail"])

    def test_wrong_address_raises(self):
        with self.assertRaises(db_migrate.MigrationFailed) as raised:
            self.invoke("/missing")
        self.assertEqual(json.loads(str(raised.exception))["upgrade"]["status"], 404)


if __name__ == "__main__":
    unittest.main()
