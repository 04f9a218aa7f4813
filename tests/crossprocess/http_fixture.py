#!/usr/bin/env python3
"""The HTTP server the BITS service downloads from in the cross-process
tests: GET /payload.bin answers the bytes of http_payload.h, anything else
404. Listens on 127.0.0.1 at a port the system picks, writes that port to
the file named on the command line, and serves until it is killed.

usage: http_fixture.py <port file>
"""
import http.server
import os
import sys

PAYLOAD_PATH = "/payload.bin"
PAYLOAD = bytes((31 * i + 7) % 251 for i in range(40000))


class Handler(http.server.BaseHTTPRequestHandler):
    def _answer(self, with_body):
        if self.path == PAYLOAD_PATH:
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(PAYLOAD)))
            self.end_headers()
            if with_body:
                self.wfile.write(PAYLOAD)
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def do_GET(self):
        self._answer(True)

    def do_HEAD(self):
        self._answer(False)

    def log_message(self, *args):
        pass


def main(port_file):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    tmp = port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(tmp, port_file)   # the harness sees the whole number or nothing
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1])
