#!/usr/bin/env python3
"""Minimal S3-compatible PUT endpoint for the backup upload test: stores each object under
argv[2] and records the Authorization header, refusing requests that are not SigV4-signed."""
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

root = Path(sys.argv[2])


class Handler(BaseHTTPRequestHandler):
    def do_PUT(self):
        auth = self.headers.get("Authorization", "")
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if not auth.startswith("AWS4-HMAC-SHA256 Credential=test-key/") or "/s3/aws4_request" not in auth:
            self.send_response(403)
            self.end_headers()
            return
        dest = root / self.path.lstrip("/")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(body)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
