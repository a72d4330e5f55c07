"""Persistence for moto's server: its whole state as one snapshot file, written often, restored at start.

moto keeps every resource and every item in memory. Here the state of every backend in use (DynamoDB tables and
their streams, S3 buckets and objects, SQS queues and their messages, SNS topics and subscriptions, IAM, KMS ...)
is pickled as one graph, so that references between them survive, and written to a temporary file, fsynced and
renamed over the snapshot: a crash at any moment leaves either the previous snapshot or the new one, never a torn
file. The snapshot's modification time is the moment its state was taken.

Requests are held at a gate only while the process forks (milliseconds, however large the state), so a snapshot
never sees half of a request; a long-polling SQS receive leaves the gate while it waits for messages. The forked
child, a copy-on-write image of the state at that moment, pickles and writes it while the emulator goes on
answering: pickling a large state takes seconds (a messages table of 100,000 items about 4 s), and the requests
used to wait for all of it.

A snapshot is taken when a request may have changed something (not after reads), at most every
`min_interval` seconds, and never more than a tenth of the time (after a snapshot whose writer took t seconds the
next one waits at least 10 t); on SIGTERM or SIGINT a last snapshot is written in the process itself, with the gate
kept closed, before it exits. A snapshot records the moto and Python versions that wrote it: another version
refuses to read it rather than guess.
"""
import ctypes
import glob
import importlib
import io
import os
import pickle
import signal
import sys
import threading
import time
import traceback

import moto
import moto.server
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes, PublicKeyTypes
from moto.core.base_backend import BackendDict
from moto.sqs.models import Queue

MAGIC = b"wechat-moto-snapshot/1\n"
_PR_SET_PDEATHSIG = 1

_LOCK_TYPES = {
    type(threading.Lock()): threading.Lock,
    type(threading.RLock()): threading.RLock,
    threading.Condition: threading.Condition,
}

# Actions that only read (JSON protocols name the action in X-Amz-Target, e.g. DynamoDB_20120810.Query).
_READ_PREFIXES = ("Get", "Describe", "List", "Query", "Scan", "BatchGet")


class SnapshotError(Exception):
    pass


class Gate:
    """Requests pass in shared; a snapshot closes the gate and waits until no request is inside."""

    def __init__(self):
        self._cond = threading.Condition()
        self._inside = 0
        self._closed = False

    def enter(self):
        with self._cond:
            self._cond.wait_for(lambda: not self._closed)
            self._inside += 1

    def leave(self):
        with self._cond:
            self._inside -= 1
            self._cond.notify_all()

    def close(self):
        with self._cond:
            self._cond.wait_for(lambda: not self._closed)
            self._closed = True
            self._cond.wait_for(lambda: self._inside == 0)

    def open(self):
        with self._cond:
            self._closed = False
            self._cond.notify_all()


def _private_key(der):
    return serialization.load_der_private_key(der, password=None)


def _public_key(der):
    return serialization.load_der_public_key(der)


class _StatePickler(pickle.Pickler):
    """Locks and conditions are not state: they are pickled as new, unlocked ones. The key pairs of KMS keys (objects
    of the cryptography library, which pickle cannot take) are pickled as their DER encoding."""

    def reducer_override(self, obj):
        make = _LOCK_TYPES.get(type(obj))
        if make:
            return make, ()
        if isinstance(obj, PrivateKeyTypes):
            return _private_key, (obj.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                                    serialization.NoEncryption()),)
        if isinstance(obj, PublicKeyTypes):
            return _public_key, (obj.public_bytes(serialization.Encoding.DER,
                                                  serialization.PublicFormat.SubjectPublicKeyInfo),)
        return NotImplemented


def _backends_in_use():
    """{"module:attribute": BackendDict} for every moto service that holds at least one account's data."""
    found = {}
    for backend_dict in list(BackendDict._instances):
        if not len(backend_dict):
            continue
        module = sys.modules[backend_dict.backend.__module__]
        for attribute, value in vars(module).items():
            if value is backend_dict:
                found[f"{module.__name__}:{attribute}"] = backend_dict
                break
    return found


def _versions():
    return f"moto {moto.__version__}, python {sys.version_info.major}.{sys.version_info.minor}"


def dump_state():
    state = {key: {account: dict(regions) for account, regions in backend_dict.items()}
             for key, backend_dict in _backends_in_use().items()}
    buffer = io.BytesIO()
    buffer.write(MAGIC)
    buffer.write(_versions().encode() + b"\n")
    _StatePickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(state)
    return buffer.getvalue()


def load_state(data):
    if not data.startswith(MAGIC):
        raise SnapshotError("not an emulator snapshot")
    header_end = data.index(b"\n", len(MAGIC))
    written_by = data[len(MAGIC):header_end].decode()
    if written_by != _versions():
        raise SnapshotError(f"written by {written_by}, this emulator runs {_versions()}")
    state = pickle.loads(data[header_end + 1:])
    for key, accounts in state.items():
        module_name, attribute = key.split(":")
        backend_dict = getattr(importlib.import_module(module_name), attribute)
        for account, regions in accounts.items():
            for region, backend in regions.items():
                backend_dict[account][region] = backend
    return sum(len(regions) for accounts in state.values() for regions in accounts.values())


def write_atomically(path, data, taken_at=None):
    """Replaces `path` with `data` whole; `taken_at` (seconds since the epoch) becomes its modification time."""
    folder = os.path.dirname(os.path.abspath(path))
    # One temporary file per writer: a writer left over from a killed emulator never writes into the next one's.
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())
    if taken_at is not None:
        os.utime(temporary, (taken_at, taken_at))
    os.replace(temporary, path)
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


class Snapshots:
    def __init__(self, path, min_interval=1.0):
        self.path = path
        self.min_interval = min_interval
        self.gate = Gate()
        self._dirty = threading.Event()
        self._write_lock = threading.Lock()

    def restore(self):
        """Loads the snapshot into moto's backends, when there is one; returns how many backends it held."""
        for leftover in glob.glob(glob.escape(self.path) + ".*.tmp"):
            os.remove(leftover)
        if not os.path.exists(self.path):
            return 0
        with open(self.path, "rb") as file:
            data = file.read()
        try:
            return load_state(data)
        except Exception as error:
            raise SnapshotError(f"{self.path} could not be restored ({error}); "
                                f"`make clean` starts over with an empty emulator") from error

    def request_started(self, environ):
        self.gate.enter()
        if not _only_reads(environ):
            self._dirty.set()

    def request_finished(self):
        self.gate.leave()

    def write(self, reopen=True):
        """Writes a snapshot of the state as it is now; answers how long the writer took, what the pause before the
        next snapshot is measured against.

        Normally the gate is closed only while the process forks, and the child writes the snapshot. Unless
        `reopen`: the last snapshot before exiting pickles in the process and keeps the gate closed, since a request
        answered after the pickling would be acknowledged and lost."""
        with self._write_lock:
            self._dirty.clear()
            self.gate.close()
            started = time.monotonic()
            taken_at = time.time()
            if not reopen:
                write_atomically(self.path, dump_state(), taken_at)
                return time.monotonic() - started
            try:
                pid = os.fork()
            except BaseException:
                self.gate.open()
                raise
            if pid == 0:
                _write_in_child(self.path, taken_at)
            self.gate.open()
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                raise SnapshotError(f"the snapshot writer (pid {pid}) failed with status {os.waitstatus_to_exitcode(status)}")
            return time.monotonic() - started

    def start(self):
        """Writes snapshots from now on; moto's server installs `signal_handler` for SIGTERM and SIGINT."""
        threading.Thread(target=self._loop, name="snapshots", daemon=True).start()
        moto.server.signal_handler = self._write_and_exit

    def _loop(self):
        pause = self.min_interval
        while True:
            time.sleep(pause)
            if not self._dirty.is_set():
                pause = self.min_interval
                continue
            try:
                took = self.write()
                pause = max(self.min_interval, 10 * took)
            except Exception:
                self._discard_stale_snapshot(traceback.format_exc())
                self._dirty.set()
                pause = max(self.min_interval, 5.0)

    def _write_and_exit(self, signum, frame):
        try:
            started = time.monotonic()
            self.write(reopen=False)
            print(f"emulator state written to {self.path} in {time.monotonic() - started:.2f}s", file=sys.stderr, flush=True)
            code = 0
        except Exception:
            self._discard_stale_snapshot(traceback.format_exc())
            code = 1
        os._exit(code)

    def _discard_stale_snapshot(self, reason):
        """A snapshot older than a state that cannot be saved would be restored as if it were current, behind the
        back of Terraform's state: it is removed, so that the next start is an empty emulator with a new instance id
        (and Terraform applies again) rather than a silently outdated one."""
        print(f"emulator state NOT written; removing the outdated {self.path}:\n{reason}", file=sys.stderr, flush=True)
        try:
            os.remove(self.path)
        except FileNotFoundError:
            pass


def _write_in_child(path, taken_at):
    """The forked writer: only this thread was copied, and no request is inside moto (the gate was closed at the
    fork), so the state is whole; the pickler makes new locks instead of taking the copied ones. It dies with the
    emulator (a writer outliving a kill -9 would rename an older state over the next emulator's snapshot) and never
    returns: `os._exit` skips the handlers and buffers it shares with the emulator."""
    code = 1
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        prctl = getattr(ctypes.CDLL(None), "prctl", None)  # Linux's; elsewhere the parent check below must do
        if prctl is not None:
            prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == 1:
            os._exit(1)
        write_atomically(path, dump_state(), taken_at)
        code = 0
    except BaseException:
        os.write(2, f"emulator snapshot writer failed:\n{traceback.format_exc()}".encode())
    finally:
        os._exit(code)


def _only_reads(environ):
    if environ.get("REQUEST_METHOD") in ("GET", "HEAD", "OPTIONS"):
        return True
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    action = target.rsplit(".", 1)[-1]
    return bool(action) and action.startswith(_READ_PREFIXES)


def release_gate_while_waiting_for_messages(snapshots):
    """A long-polling ReceiveMessage waits up to 20 s for a message: it must not hold snapshots back meanwhile."""
    wait_for_messages = Queue.wait_for_messages

    def waiting_outside_the_gate(self, timeout):
        snapshots.gate.leave()
        try:
            return wait_for_messages(self, timeout)
        finally:
            snapshots.gate.enter()

    Queue.wait_for_messages = waiting_outside_the_gate
