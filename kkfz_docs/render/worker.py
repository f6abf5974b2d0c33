"""Worker processes that run a render under a wall-time and a memory limit.

A custom Word template is a program a user received by e-mail; a batch renders dozens of files.
Each runs in a worker process: the worker sets a memory limit on itself (RLIMIT_AS, on Linux,
counted from what it uses once the renderers are imported), the parent process stops a worker
that runs over the wall-time limit, and a worker that dies (the limit, a signal, the system's
out-of-memory killer) is replaced, so one file never takes the others down.

Workers write no files: they return bytes, and the parent writes them (render/pair.py), so a
killed worker leaves nothing behind. Workers ignore Ctrl-C; the parent stops them.

Start method: fork where it is safe (Linux, a parent without threads): a worker then starts in
about 10 ms with everything the parent imported, so the parent imports the modules a worker needs
(preload) before it starts workers. Elsewhere forkserver with those modules preloaded, else spawn.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
import types
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import wait
from typing import Any

from attrs import define

__all__ = ["Limits", "Outcome", "Worker", "context", "describe", "run_many", "run_once"]


@define(frozen=True)
class Limits:
    """The limits of one render: seconds of wall time and megabytes of memory (None: no limit)."""

    seconds: float | None = 60.0
    memory_mb: int | None = 1024

    def __attrs_post_init__(self) -> None:
        if self.seconds is not None and not self.seconds > 0:
            raise ValueError("the time limit must be more than 0 seconds (None: no limit)")
        if self.memory_mb is not None and not self.memory_mb > 0:
            raise ValueError("the memory limit must be more than 0 MB (None: no limit)")


@define(frozen=True)
class Outcome:
    """What a worker made of one call: its value, the exception it raised, or why it stopped."""

    value: Any = None
    error: BaseException | None = None
    stopped: str = ""
    """'' (it returned or raised), 'tijd', 'geheugen' or 'gestopt'."""
    detail: str = ""


def describe(outcome: Outcome, limits: Limits) -> str:
    """Dutch: why a worker stopped ('het maken duurde langer dan 60 seconden en is gestopt')."""
    if outcome.stopped == "tijd":
        eenheid = "seconde" if limits.seconds == 1 else "seconden"
        return f"het maken duurde langer dan {limits.seconds:g} {eenheid} en is gestopt"
    if outcome.stopped == "geheugen":
        return f"het maken had meer dan {limits.memory_mb} MB geheugen nodig en is gestopt"
    return (
        f"het proces dat dit verslag maakte, is onverwacht gestopt ({outcome.detail}), bijvoorbeeld omdat de "
        "computer te weinig geheugen had"
    )


def context(preload: tuple[str, ...] = ()) -> multiprocessing.context.BaseContext:
    """The start method for workers (see the module docstring); imports preload where it helps."""
    if sys.platform == "linux" and threading.active_count() == 1:
        for module in preload:
            importlib.import_module(module)
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(list(preload))
        return ctx
    return multiprocessing.get_context("spawn")


class Worker:
    """One worker process; the parent gives it one call at a time."""

    def __init__(self, ctx: multiprocessing.context.BaseContext, limits: Limits, preload: tuple[str, ...]) -> None:
        self.limits = limits
        self.conn, child = ctx.Pipe()
        process = ctx.Process  # type: ignore[attr-defined]  # every concrete context has it
        self.process = process(target=_serve, args=(child, limits.memory_mb, preload), daemon=True)
        if ctx.get_start_method() == "fork":
            self.process.start()
        else:
            with _without_main():
                self.process.start()
        child.close()
        self.task: int | None = None
        self.deadline = float("inf")

    @property
    def busy(self) -> bool:
        return self.task is not None

    def submit(self, task: int, func: Callable[[Any], Any], arg: Any) -> None:
        self.conn.send((func, arg))
        self.task = task
        self.deadline = time.monotonic() + self.limits.seconds if self.limits.seconds else float("inf")

    def receive(self) -> Outcome:
        """The outcome of the current call (the worker has answered or died)."""
        try:
            kind, payload = self.conn.recv()
        except (EOFError, OSError):
            self.process.join(1)
            return Outcome(stopped="gestopt", detail=_exit(self.process.exitcode))
        if kind == "ok":
            return Outcome(value=payload)
        if kind == "geheugen":
            return Outcome(stopped="geheugen")
        return Outcome(error=payload)

    def stop(self, kill: bool = False) -> None:
        with contextlib.suppress(OSError):
            self.conn.close()  # the worker's recv() ends: it exits by itself
        if kill:
            self.process.kill()
        self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


@contextlib.contextmanager
def _without_main() -> Iterator[None]:
    """Start a spawn or forkserver child without running the user's main script again in it.

    multiprocessing re-imports __main__ in such a child, which runs a script without an
    `if __name__ == "__main__":` guard a second time; a worker only needs kkfz_docs.
    """
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _exit(code: int | None) -> str:
    if code is None:
        return "geen afsluitcode"
    if code < 0:
        with contextlib.suppress(ValueError):
            return f"signaal {signal.Signals(-code).name}"
        return f"signaal {-code}"
    return f"afsluitcode {code}"


def run_many(
    func: Callable[[Any], Any],
    args: Iterable[Any],
    jobs: int,
    limits: Limits,
    preload: tuple[str, ...] = (),
) -> Iterator[tuple[int, Outcome]]:
    """Call func(arg) for each arg in up to jobs workers; yield (index, Outcome) as each finishes.

    preload: modules each worker imports before its memory limit is set. A worker over the time
    limit is killed; a worker that dies is replaced; the others go on. Closing the generator (or an
    exception in the caller, such as KeyboardInterrupt) stops every worker.
    """
    ctx = context(preload)
    pending = deque(enumerate(args))
    workers: list[Worker] = []
    try:
        while pending or any(w.busy for w in workers):
            for worker in [w for w in workers if not w.busy and not w.process.is_alive()]:
                workers.remove(worker)  # died between calls (it ran out of memory on the last one)
                worker.stop()
            while pending and (len(workers) < jobs or any(not w.busy for w in workers)):
                free = next((w for w in workers if not w.busy), None)
                if free is None:
                    free = Worker(ctx, limits, preload)
                    workers.append(free)
                worker = free
                index, arg = pending.popleft()
                worker.submit(index, func, arg)
            busy = [w for w in workers if w.busy]
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait(
                [w.conn for w in busy] + [w.process.sentinel for w in busy],
                None if timeout == float("inf") else timeout,
            )
            finished: list[tuple[int, Outcome]] = []
            for worker in busy:
                if worker.conn in ready or worker.process.sentinel in ready:
                    outcome = worker.receive()
                elif time.monotonic() >= worker.deadline:
                    outcome = Outcome(stopped="tijd")
                else:
                    continue
                assert worker.task is not None  # a busy worker has a task
                finished.append((worker.task, outcome))
                worker.task = None
                if outcome.stopped:
                    workers.remove(worker)
                    worker.stop(kill=True)
            yield from finished
    finally:
        for worker in workers:
            worker.stop(kill=True)


_idle: dict[tuple, Worker] = {}
_idle_lock = threading.Lock()


def run_once(func: Callable[[Any], Any], arg: Any, limits: Limits, preload: tuple[str, ...] = ()) -> Outcome:
    """func(arg) in a worker under limits.

    The worker is kept for the next call with the same limits (its caches, such as a compiled
    template, then serve again); one that was stopped or died is replaced. Calls from several
    threads each get a worker of their own.
    """
    ctx = context(preload)
    key = (limits, preload, ctx.get_start_method())
    with _idle_lock:
        worker = _idle.pop(key, None)
    if worker is None or not worker.process.is_alive():
        worker = Worker(ctx, limits, preload)
    try:
        worker.submit(0, func, arg)
        timeout = worker.deadline - time.monotonic() if worker.deadline != float("inf") else None
        if wait([worker.conn, worker.process.sentinel], timeout):
            outcome = worker.receive()
        else:
            outcome = Outcome(stopped="tijd")
    except BaseException:
        worker.stop(kill=True)
        raise
    worker.task = None
    if outcome.stopped:
        worker.stop(kill=True)
        return outcome
    with _idle_lock:
        spare = _idle.setdefault(key, worker)
    if spare is not worker:
        worker.stop()
    return outcome


# --- in the worker -----------------------------------------------------------------------------


def _serve(conn, memory_mb: int | None, preload: tuple[str, ...]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for module in preload:
        importlib.import_module(module)
    _limit_memory(memory_mb)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        except Exception as e:  # a call that cannot be unpickled here
            message = (_raise, e)
        try:
            func, arg = message
            reply: tuple[str, Any] = ("ok", func(arg))
        except MemoryError:
            reply = ("geheugen", None)
        except BaseException as e:
            reply = ("fout", _portable(e))
        try:
            conn.send(reply)
        except (EOFError, OSError):
            return
        if reply[0] == "geheugen":
            return  # a process that ran out of memory may be in a bad state: the parent starts a new one


def _raise(e: BaseException) -> None:
    raise e


def _portable(e: BaseException) -> BaseException:
    """The exception in a form that survives pickling; an unexpected one with the worker's traceback."""
    import pickle

    from ..errors import OngeldigVerslag, PaginaLimietOverschreden, Schrijffout, SjabloonFout

    if not isinstance(e, OngeldigVerslag | PaginaLimietOverschreden | Schrijffout | SjabloonFout):
        e.add_note("In het werkproces:\n" + "".join(traceback.format_exception(e)))
    try:
        pickle.loads(pickle.dumps(e))
        return e
    except Exception:
        fout = RuntimeError(f"{type(e).__name__}: {e}")
        for note in getattr(e, "__notes__", []):
            fout.add_note(note)
        return fout


def _limit_memory(memory_mb: int | None) -> None:
    """Limit this process's address space to what it uses now plus memory_mb (Linux)."""
    if memory_mb is None or not sys.platform.startswith("linux"):
        return
    import resource

    with open("/proc/self/statm") as f:
        in_use = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    limit = in_use + memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
