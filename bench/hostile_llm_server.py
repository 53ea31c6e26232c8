#!/usr/bin/env python3
"""A hostile LLM server for idem's bench/hostile.sh (Python 3 stdlib only).

Answers every completion request (OpenAI POST /v1/chat/completions, Azure
POST /openai/deployments/{dep}/chat/completions, Ollama POST /api/chat) the
way --mode says, well-formed or not:

  empty        a valid completion whose content is "" (finish_reason stop)
  null-length  a valid completion whose content is null and finish_reason is
               "length": a reasoning model that spent every token thinking
  error-200    status 200 whose body is an error object, {"error": {...}}
  huge         a valid completion whose content is --size-mb MiB of text
  endless      status 200, chunked, a body that never ends
  cut-stream   Ollama: NDJSON chunks that stop before the "done": true chunk
  many-models  every chat request is a 404 "model not found"; GET /api/tags
               lists --models models

Control endpoints: GET /stats -> {"completions": n}, POST /stats/reset.
Binds 127.0.0.1 only and exits by itself after --max-seconds.
"""
import argparse
import json
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

AZURE_RE = re.compile(r"^/openai/deployments/([^/]+)/chat/completions$")
MODES = ("empty", "null-length", "error-200", "huge", "endless", "cut-stream", "many-models")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    args = None
    lock = threading.Lock()
    completions = 0

    def log_message(self, fmt, *a):
        pass

    def _send(self, status, payload, ctype="application/json"):
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path = urlsplit(self.path).path
        if path == "/stats":
            return self._send(200, {"completions": Handler.completions})
        if path == "/api/tags":
            models = [{"name": "model-%05d:latest" % i, "model": "model-%05d:latest" % i}
                      for i in range(self.args.models)]
            return self._send(200, {"models": models})
        self._send(404, {"error": "not found: %s" % path})

    def do_POST(self):
        path = urlsplit(self.path).path
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if path == "/stats/reset":
            with Handler.lock:
                Handler.completions = 0
            return self._send(200, {"ok": True})
        if path in ("/v1/chat/completions", "/chat/completions") or AZURE_RE.match(path):
            proto = "openai"
        elif path == "/api/chat":
            proto = "ollama"
        else:
            return self._send(404, {"error": "not found: %s" % path})
        with Handler.lock:
            Handler.completions += 1
        try:
            req = json.loads(body or b"{}")
        except ValueError:
            req = {}
        self._answer(proto, req.get("model") or "gpt-4o")

    def _answer(self, proto, model):
        mode = self.args.mode
        if mode == "endless":
            return self._endless()
        if mode == "many-models":
            return self._send(404, {"error": "model '%s' not found" % model} if proto == "ollama" else
                              {"error": {"message": "model not found", "type": "invalid_request_error",
                                         "param": None, "code": "model_not_found"}})
        if mode == "error-200":
            return self._send(200, {"error": "the upstream model crashed"} if proto == "ollama" else
                              {"error": {"message": "The upstream model crashed", "type": "server_error",
                                         "param": None, "code": "upstream_error"}})
        if mode == "cut-stream":
            chunks = [{"model": model, "created_at": "2024-11-27T19:52:35Z",
                       "message": {"role": "assistant", "content": word}, "done": False}
                      for word in ("Half ", "a ", "reply")]
            return self._send(200, ("\n".join(json.dumps(c) for c in chunks) + "\n").encode(),
                              "application/x-ndjson")
        content, finish = {"empty": ("", "stop"), "null-length": (None, "length"),
                           "huge": ("x" * (self.args.size_mb << 20), "stop")}[mode]
        if proto == "ollama":
            return self._send(200, {"model": model, "created_at": "2024-11-27T19:52:35Z",
                                    "message": {"role": "assistant", "content": content or ""},
                                    "done_reason": finish, "done": True,
                                    "prompt_eval_count": 11, "eval_count": 64})
        self._send(200, {
            "id": "chatcmpl-hostile", "object": "chat.completion", "created": int(time.time()), "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content, "refusal": None},
                         "logprobs": None, "finish_reason": finish}],
            "usage": {"prompt_tokens": 11, "completion_tokens": 64, "total_tokens": 75,
                      "completion_tokens_details": {"reasoning_tokens": 64 if content is None else 0}}})

    def _endless(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b'{"choices":[{"message":{"content":"' + b"a" * 65536
        try:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            filler = b"a" * 65536
            line = b"%x\r\n%s\r\n" % (len(filler), filler)
            while True:
                self.wfile.write(line)
        except (BrokenPipeError, ConnectionResetError):
            pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--mode", choices=MODES, required=True)
    p.add_argument("--port", type=int, default=0, help="0 = pick a free port")
    p.add_argument("--port-file", default=None, help="write the bound port here once listening")
    p.add_argument("--size-mb", type=int, default=32, help="content size in MiB for --mode huge")
    p.add_argument("--models", type=int, default=5000, help="models listed by /api/tags")
    p.add_argument("--max-seconds", type=float, default=3600.0)
    args = p.parse_args(argv)
    Handler.args = args
    srv = Server(("127.0.0.1", args.port), Handler)
    if args.port_file:
        with open(args.port_file, "w") as f:
            f.write("%d\n" % srv.server_address[1])
    timer = threading.Timer(args.max_seconds, srv.shutdown)
    timer.daemon = True
    timer.start()
    try:
        srv.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        srv.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
