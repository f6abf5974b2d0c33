"""Write files atomically: into a temporary file beside the target, then os.replace.

A failed or interrupted write never leaves a half-written file, and never touches a good file
that is already at the target. write_together() writes several files (the Word file and the PDF
of one verslag) all or none, under a lock, and removes temporary files a killed render left.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from .errors import Schrijffout

__all__ = ["atomic_path", "locked", "remove_stale", "schrijffout", "unchanged_note", "write_atomic", "write_together"]

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; renders to one target are then not serialised
    fcntl = None  # type: ignore[assignment]


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces the target."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = _temporary(target)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o666 & ~_umask())
        os.replace(tmp_path, target)
    finally:
        tmp_path.unlink(missing_ok=True)


def write_atomic(target: str | os.PathLike, write: Callable[[Path], object]) -> Path:
    """Write one file through atomic_path; an OSError becomes a Schrijffout that says what to do."""
    try:
        if os.path.isdir(target):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
        with atomic_path(target) as tmp:
            write(tmp)
    except OSError as e:
        raise schrijffout(e, [Path(target)]) from None
    return Path(target)


def _temporary(target: Path) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    return Path(tmp)


def write_together(files: Mapping[Path, bytes]) -> list[Path]:
    """Write every file or none, in one folder, under the lock of their common name.

    Each file goes to a temporary file first; only when all are written are they moved into place,
    one after the other, while the lock is held, so two renders to the same target never leave
    the Word file of one beside the PDF of the other. If moving one fails, those already moved are
    put back (hard links keep the old files until then); only a process killed between two moves
    can leave a new file beside an old one. Temporary files of these targets that are
    older than the lock (left by a render that was killed) are removed. An OSError becomes a
    Schrijffout that says in Dutch what is wrong and that nothing was written.
    """
    targets = [Path(t) for t in files]
    folder = targets[0].parent
    for target in targets:
        if target.parent != folder:
            raise ValueError("write_together writes into one folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for target in targets:
            if os.path.isdir(target):
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
        with locked(_stem(targets[0])) as since:
            for target in targets:
                remove_stale(target, since)
            temporary: dict[Path, Path] = {}
            backups: dict[Path, Path] = {}
            try:
                for target, data in zip(targets, files.values(), strict=True):
                    temporary[target] = tmp = _temporary(target)
                    tmp.write_bytes(data)
                    os.chmod(tmp, 0o666 & ~_umask())
                if len(targets) > 1:
                    backups = _backups(targets)
                _replace_all(temporary, backups)
            finally:
                for tmp in [*temporary.values(), *backups.values()]:
                    tmp.unlink(missing_ok=True)
    except OSError as e:
        raise schrijffout(e, targets) from None
    return targets


def _backups(targets: list[Path]) -> dict[Path, Path]:
    """A hard link to each existing target, to put it back if a later file cannot be moved into place."""
    backups = {}
    for target in targets:
        if os.path.isfile(target):
            backup = _temporary(target)
            backup.unlink()
            try:
                os.link(target, backup)
            except OSError:  # a file system without hard links: no way back for this file
                continue
            backups[target] = backup
    return backups


def _replace_all(temporary: dict[Path, Path], backups: dict[Path, Path]) -> None:
    """Move every temporary file into place; if one fails, put back the files already replaced."""
    done: list[Path] = []
    try:
        for target, tmp in temporary.items():
            os.replace(tmp, target)
            done.append(target)
    except BaseException:  # an OSError, or Ctrl-C between two moves
        for target in done:
            if target in backups:
                os.replace(backups[target], target)
            else:
                target.unlink(missing_ok=True)
        raise


def _stem(target: Path) -> Path:
    """The name the files of one verslag share: uit/verslag for uit/verslag.docx and uit/verslag.pdf."""
    return target.with_suffix("") if target.suffix else target


@contextlib.contextmanager
def locked(stem: Path) -> Iterator[float]:
    """Hold the lock of the files named stem.*; yields the time.time() at which it was taken.

    The lock is an flock on a hidden file beside the targets (.verslag.kkfz-lock). It is removed
    again while still held; a process that waited on the removed file notices and takes the lock
    on a new one, so the lock file never stays behind and two holders never coexist. A killed
    holder's lock ends with its process.
    """
    if fcntl is None:
        yield time.time()
        return
    lock = stem.parent / f".{stem.name}.kkfz-lock"
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                current = os.stat(lock)
            except FileNotFoundError:
                current = None
            if current is not None and os.path.samestat(current, os.fstat(fd)):
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the holder removed this lock file; take the next one
    try:
        yield time.time()
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(lock)
        os.close(fd)


def remove_stale(target: Path, since: float) -> list[Path]:
    """Remove temporary files of target (.name.*.tmp) last written before since; returns them.

    Called with the target's lock held: every writer of the target holds the lock while its
    temporary files exist, so an older one belongs to a render that was killed.
    """
    removed = []
    for name in glob.glob(glob.escape(str(target.parent / f".{target.name}.")) + "*.tmp"):
        path = Path(name)
        with contextlib.suppress(FileNotFoundError):
            if path.stat().st_mtime < since:
                path.unlink()
                removed.append(path)
    return removed


def schrijffout(e: OSError, targets: list[Path]) -> Schrijffout:
    """A Dutch message for an OSError while writing targets, saying what to do (a Schrijffout as it is)."""
    if isinstance(e, Schrijffout):
        return e
    folder = targets[0].parent
    namen = " en ".join(str(t) for t in targets)
    code = e.errno
    if code in (errno.ENOTDIR, errno.EEXIST) or (os.path.exists(folder) and not os.path.isdir(folder)):
        reden = f"de uitvoermap {_bestaand_bestand(folder)} is een bestand, geen map; kies een andere map met -o"
    elif code == errno.EISDIR:  # the target, not the temporary file os.replace names
        map_ = next((t for t in targets if os.path.isdir(t)), e.filename or namen)
        reden = f"{map_} is een map; kies een andere naam of map"
    elif code in (errno.EACCES, errno.EPERM):
        reden = f"u mag niet schrijven in de map {folder}; kies een andere map met -o of vraag schrijfrechten"
    elif code == errno.EROFS:
        reden = f"de map {folder} staat op een schijf die alleen gelezen kan worden; kies een andere map met -o"
    elif code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        reden = f"de schijf met de map {folder} is vol; maak ruimte vrij of kies een andere map met -o"
    elif code == errno.ENAMETOOLONG:
        reden = f"de naam {namen} is te lang voor het bestandssysteem; kies een kortere naam of map"
    else:
        reden = f"{namen} kan niet worden geschreven ({e.strerror or e})"
    fout = Schrijffout(f"{reden}. Er is niets geschreven{_unchanged(targets)}")
    fout.errno = code
    return fout


def _bestaand_bestand(folder: Path) -> Path:
    """The part of folder's path that exists as a file (the user named it, or a parent of it)."""
    for path in (folder, *folder.parents):
        if os.path.exists(path):
            return path
    return folder


def _unchanged(targets: list[Path]) -> str:
    oud = [str(t) for t in targets if os.path.isfile(t)]
    if not oud:
        return ""
    return f"; {' en '.join(oud)} {'is' if len(oud) == 1 else 'zijn'} niet veranderd"


def unchanged_note(targets: list[Path]) -> str:
    """'Er is niets geschreven; uit/v.docx en uit/v.pdf zijn niet veranderd.' for a refused render."""
    return f"Er is niets geschreven{_unchanged(targets)}."


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
