#!/usr/bin/env python3
"""Minimal S3-compatible PUT/GET endpoint for the backup upload tests: stores each object under
argv[2] and serves it back, refusing requests that are not SigV4-signed."""
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

root = Path(sys.argv[2])


def signed(headers):
    auth = headers.get("Authorization", "")
    return auth.startswith("AWS4-HMAC-SHA256 Credential=test-key/") and "/s3/aws4_request" in auth


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        src = root / self.path.lstrip("/")
        if not signed(self.headers) or ".." in self.path or not src.is_file():
            self.send_response(403 if not signed(self.headers) else 404)
            self.end_headers()
            return
        body = src.read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_PUT(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if not signed(self.headers):
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
