"""A TCP proxy on loopback that a test can cut and reopen: a real network outage
between the site and PostgreSQL, without stopping the PostgreSQL that everyone
else's tests use.

`cut()` closes the listening socket (new connections are refused) and every
connection it carries (the site's persistent connections die mid-stream, as
they do when a database server restarts); `reopen()` listens again on the same
port, as a database that came back.
"""

import contextlib
import socket
import threading


class TcpProxy:
    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.port = None
        self._listener = None
        self._accepting = None
        self._acceptor = None
        self._connections = set()
        self._lock = threading.Lock()

    def __enter__(self):
        self.open()
        return self

    def __exit__(self, *exc):
        self.cut()

    def open(self):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port or 0))
        listener.listen(64)
        listener.settimeout(0.1)
        self.port = listener.getsockname()[1]
        self._listener = listener
        self._accepting = threading.Event()
        self._accepting.set()
        self._acceptor = threading.Thread(
            target=self._accept, args=(listener, self._accepting), daemon=True
        )
        self._acceptor.start()

    reopen = open

    def cut(self):
        """Refuse new connections and kill every open one."""
        if self._accepting is not None:
            self._accepting.clear()
        if self._listener is not None:
            self._listener.close()
            self._listener = None
            # The kernel keeps the port listening until the accept thread's poll
            # lets go of the socket: wait, so reopen() can bind the port again.
            self._acceptor.join()
        with self._lock:
            connections, self._connections = self._connections, set()
        for sock in connections:
            _close(sock)

    @property
    def open_connections(self):
        with self._lock:
            return len(self._connections) // 2

    def _accept(self, listener, accepting):
        while accepting.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _close(client)
                continue
            client.settimeout(None)
            upstream.settimeout(None)
            with self._lock:
                if not accepting.is_set():
                    _close(client)
                    _close(upstream)
                    return
                self._connections.update((client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            with self._lock:
                self._connections.discard(source)
                self._connections.discard(sink)
            _close(source)
            _close(sink)


def _close(sock):
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
