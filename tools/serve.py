#!/usr/bin/env python3
"""Serve the site the way a production static host does: gzip, revalidating cache headers and
the right MIME types (application/wasm lets the browser compile the module while it streams).

    python3 tools/serve.py [--port 8000] [--root .]

Port 0 lets the OS pick; the first line printed is "Serving HTTP on 127.0.0.1 port N".
Files are not content-hashed, so everything is sent with `Cache-Control: no-cache` and an ETag:
a browser keeps its copy and asks once per load whether it changed (a 304 costs one round trip),
and the wasm-bindgen glue and the wasm it loads can never come from two different builds.
"""

import argparse
import gzip
import hashlib
import http.server
import os
import sys
import threading

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".wasm": "application/wasm",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".md": "text/markdown; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
}
COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".json", ".webmanifest", ".wasm", ".svg", ".md", ".txt", ".xml"}

# (path, mtime_ns, size) → (etag, raw bytes, gzip bytes or None); compressing once per version.
_cache = {}
_lock = threading.Lock()


def load(path, ext):
    st = os.stat(path)
    key = (path, st.st_mtime_ns, st.st_size)
    with _lock:
        hit = _cache.get(key)
    if hit:
        return hit
    with open(path, "rb") as f:
        raw = f.read()
    etag = '"%s"' % hashlib.sha1(raw).hexdigest()[:16]
    packed = gzip.compress(raw, 9, mtime=0) if ext in COMPRESSIBLE and len(raw) > 256 else None
    entry = (etag, raw, packed)
    with _lock:
        _cache[key] = entry
    return entry


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet: a page load is dozens of requests
        pass

    def send_file(self, head_only):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?", 1)[0] + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = os.path.join(path, "index.html")
        ext = os.path.splitext(path)[1].lower()
        if not os.path.isfile(path):
            self.send_error(404)
            return
        etag, raw, packed = load(path, ext)
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            return
        use_gzip = packed is not None and "gzip" in self.headers.get("Accept-Encoding", "")
        body = packed if use_gzip else raw
        self.send_response(200)
        self.send_header("Content-Type", TYPES.get(ext, "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.send_header("ETag", etag)
        self.send_header("X-Content-Type-Options", "nosniff")
        if packed is not None:
            self.send_header("Vary", "Accept-Encoding")
        if use_gzip:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if not head_only:
            self.wfile.write(body)

    def do_GET(self):
        self.send_file(False)

    def do_HEAD(self):
        self.send_file(True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--bind", default="127.0.0.1")
    ap.add_argument("--root", default=os.getcwd())
    args = ap.parse_args()
    root = os.path.abspath(args.root)

    def handler(*a, **kw):
        return Handler(*a, directory=root, **kw)

    server = http.server.ThreadingHTTPServer((args.bind, args.port), handler)
    print("Serving HTTP on %s port %d" % server.server_address[:2], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
