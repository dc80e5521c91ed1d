"""Network isolation for the processes that run users' queries.

The embedded engine follows ``SERVICE <url>`` to any host, from the process that evaluates
the query. A query worker (:mod:`nap_graph.query_workers`) therefore starts by moving itself
into a network namespace of its own (Linux ``unshare(CLONE_NEWNET)``, or with
``CLONE_NEWUSER`` where the process may not do that alone): there it has no network at all,
not even loopback, so no query text, however written, can make it open a connection. It
keeps the pipe to its parent and its files. Where the platform cannot do this (not Linux,
namespaces not permitted), :func:`isolate_network` says so and the worker refuses every
query in which the engine might see ``SERVICE`` (:mod:`nap_graph.store.query_guard`, strict).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import socket
import sys

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000


def _unshare(flags: int) -> bool:
    libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    return bool(libc.unshare(flags) == 0)


def can_connect(host: str = "127.0.0.1", port: int = 9) -> bool:
    """Whether this process can open a TCP connection attempt at all (a refused connection
    counts as reachable: the network is there)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.settimeout(1.0)
    try:
        probe.connect((host, port))
    except ConnectionRefusedError:
        return True
    except OSError:
        return False
    finally:
        probe.close()
    return True


def isolate_network() -> bool:
    """Move this process into a network namespace of its own; whether it is now without a
    network (checked, not assumed)."""
    if not sys.platform.startswith("linux") or os.environ.get("NAP_GRAPH_NO_ISOLATION"):
        return False
    if not (_unshare(CLONE_NEWNET) or _unshare(CLONE_NEWUSER | CLONE_NEWNET)):
        return False
    return not can_connect()
