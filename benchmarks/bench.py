"""Benchmarks of kkfz-docs; prints medians and, at the end, each target of issue 12 as a ratio
or figure measured in this one run. Figures go to docs/performance.md.

    python benchmarks/bench.py            # everything (a few minutes; `install` needs PyPI)
    python benchmarks/bench.py import check render process batch bad worker install

Each part runs its measurement several times and prints the median (and the spread).
Self-contained: run it from a checkout with `pip install -e ".[test]"` done; LibreOffice
(`soffice`) is needed for `process`.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "a_kortewind.yaml"
PY = sys.executable
# Python writes and reads bytecode as after `pip install .`, whatever the shell says (a
# PYTHONDONTWRITEBYTECODE=1 environment would recompile kkfz_docs in every new process).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
SUMMARY: list[tuple[str, str, str, bool]] = []  # (what, measured, target, met)
PLAIN: dict[str, float] = {}  # plain docxtpl + ReportLab per verslag (render), the libraries' own time


def target(what: str, measured: str, goal: str, met: bool) -> None:
    SUMMARY.append((what, measured, goal, met))


def timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def report(name: str, times: list[float]) -> float:
    median = statistics.median(times)
    print(
        f"{name:<58} median {median * 1000:8.1f} ms   (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}, "
        f"n={len(times)})"
    )
    return median


def _python(code: str) -> None:
    subprocess.run([PY, "-c", code], check=True, env=ENV)


def _import_cost(name: str, module: str) -> float:
    """The median time a new process takes to import module, minus a bare interpreter's start."""
    pairs = zip(timed(lambda: _python(f"import {module}"), 15), timed(lambda: _python("pass"), 15), strict=True)
    return report(name, [a - b for a, b in pairs])


def bench_import() -> None:
    median = _import_cost("import kkfz_docs (new process, minus bare python)", "kkfz_docs")
    target("import kkfz_docs", f"{median * 1000:.0f} ms", "<= 60 ms", median <= 0.060)
    floor = _import_cost("import attrs alone (the model's library, the same way)", "attrs")
    print(f"{'':<58} kkfz_docs costs {(median - floor) * 1000:.0f} ms more than attrs alone")
    report(
        "python -c 'import kkfz_docs' (whole process)",
        timed(lambda: _python("import kkfz_docs"), 15),
    )


def bench_check() -> None:
    report(
        "kkfz-docs check fixture (whole process)",
        timed(
            lambda: subprocess.run(
                [PY, "-m", "kkfz_docs.cli", "check", str(FIXTURE)], check=True, capture_output=True, env=ENV
            ),
            15,
        ),
    )


def bench_render() -> None:
    """kkfz-docs in-process, both formats, beside plain docxtpl + plain ReportLab on the same content.

    The plain scripts get every advantage: the finished context dict (all strings formatted), the
    same template and Jinja environment (compiled once), the same story; no chart at all, no
    running header, no outline, no atomic write. That is the floor (1.0x) for kkfz-docs.
    """
    from docxtpl import DocxTemplate
    from reportlab.platypus import BaseDocTemplate, Spacer

    import kkfz_docs as kd
    from kkfz_docs.render import pdf
    from kkfz_docs.render.context import build
    from kkfz_docs.render.docx import default_template, environment

    verslag = kd.load(FIXTURE)
    context = build(verslag)  # the plain dict: strings, lists, dicts
    out = Path(tempfile.mkdtemp())
    kd.render_docx(verslag, out / "warm.docx")  # warm up imports and font loading
    kd.render_pdf(verslag, out / "warm.pdf")

    def plain_docx() -> None:
        tpl = DocxTemplate(default_template())
        tpl.render(dict(context, gegevens={}, logo="", spinnenweb_grafiek=""), jinja_env=environment(), autoescape=True)
        tpl.save(out / "plain.docx")

    def plain_pdf() -> None:
        story = pdf.story(context, lambda: Spacer(0, 0))
        doc = BaseDocTemplate(str(out / "plain.pdf"), pagesize=pdf.A4)
        frame = pdf.Frame(pdf.MARGIN_X, pdf.MARGIN_BOTTOM, pdf.WIDTH, pdf.A4[1] - pdf.MARGIN_TOP - pdf.MARGIN_BOTTOM)
        doc.addPageTemplates([pdf.PageTemplate(frames=[frame])])
        doc.build(story.flow)

    def ours() -> None:
        kd.render_docx(verslag, out / "a.docx")
        kd.render_pdf(verslag, out / "a.pdf")

    def plain() -> None:
        plain_docx()
        plain_pdf()

    # Interleaved, so a busy machine slows both sides alike.
    runs = {"ours": [], "plain": [], "ours_docx": [], "ours_pdf": [], "plain_docx": [], "plain_pdf": []}
    cpu = {"ours": [], "plain": []}
    for _ in range(21):
        for name, fn in (
            ("ours", ours),
            ("plain", plain),
            ("ours_docx", lambda: kd.render_docx(verslag, out / "a.docx")),
            ("ours_pdf", lambda: kd.render_pdf(verslag, out / "a.pdf")),
            ("plain_docx", plain_docx),
            ("plain_pdf", plain_pdf),
        ):
            start = time.process_time()
            runs[name] += timed(fn, 1)
            if name in cpu:
                cpu[name].append(time.process_time() - start)
    a = report("render_docx + render_pdf (fixture a), chart included", runs["ours"])
    b = report("plain docxtpl + plain ReportLab, same content, no chart", runs["plain"])
    report("  render_docx alone", runs["ours_docx"])
    report("  plain docxtpl alone", runs["plain_docx"])
    report("  render_pdf alone", runs["ours_pdf"])
    report("  plain ReportLab alone", runs["plain_pdf"])
    PLAIN["per_verslag"] = b
    PLAIN["cpu_per_verslag"] = statistics.median(cpu["plain"])
    print(f"{'':<58} ratio {a / b:.2f}x")
    print(
        f"{'':<58} CPU time {statistics.median(cpu['ours']) * 1000:.0f} ms beside "
        f"{PLAIN['cpu_per_verslag'] * 1000:.0f} ms: {statistics.median(cpu['ours']) / PLAIN['cpu_per_verslag']:.2f}x"
    )
    target("per verslag in-process, both formats, vs plain", f"{a / b:.2f}x", "<= 1.5x", a / b <= 1.5)
    shutil.rmtree(out)


def bench_process() -> None:
    out = Path(tempfile.mkdtemp())
    ours = report(
        "kkfz-docs render fixture -o DIR (docx + pdf, whole process)",
        timed(
            lambda: subprocess.run(
                [PY, "-m", "kkfz_docs.cli", "render", str(FIXTURE), "-o", str(out)],
                check=True,
                capture_output=True,
                env=ENV,
            ),
            10,
        ),
    )
    soffice = shutil.which("soffice")
    if soffice:
        profile = (out / "lo").as_uri()
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out / "lo-pdf"),
                str(out / "a_kortewind.docx"),
            ],
            check=True,
            capture_output=True,
        )  # first start creates the profile
        lo = report(
            "LibreOffice headless: the same .docx to PDF",
            timed(
                lambda: subprocess.run(
                    [
                        soffice,
                        f"-env:UserInstallation={profile}",
                        "--headless",
                        "--convert-to",
                        "pdf",
                        "--outdir",
                        str(out / "lo-pdf"),
                        str(out / "a_kortewind.docx"),
                    ],
                    check=True,
                    capture_output=True,
                ),
                5,
            ),
        )
        print(f"{'':<58} ratio {ours / lo:.2f}x")
        target("kkfz-docs render (whole process) vs LibreOffice", f"{ours / lo:.2f}x", "<= 0.5x", ours / lo <= 0.5)
    shutil.rmtree(out)


def _tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
            todo += [int(c) for c in children]
        except (OSError, StopIteration):
            pass
    return total


def bench_batch(n: int = 200, jobs: int = 2) -> None:
    import yaml

    src = Path(tempfile.mkdtemp())
    fixtures = sorted((ROOT / "fixtures").glob("*.yaml"))
    for i in range(n):
        data = yaml.safe_load(fixtures[i % len(fixtures)].read_text(encoding="utf-8"))
        data["organisatie"]["naam"] = f"Stichting Proefzorg {i:03d}"
        (src / f"verslag-{i:03d}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    times, peaks, cpus = [], [], []
    for _ in range(3):
        out = Path(tempfile.mkdtemp())
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.Popen(
            [PY, "-m", "kkfz_docs.cli", "render", str(src), "-o", str(out), "-j", str(jobs)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=ENV,
        )
        peak = 0
        done = threading.Event()

        def watch(proc=proc, done=done) -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _tree_rss_kib(proc.pid))
                time.sleep(0.05)

        watcher = threading.Thread(target=watch)
        watcher.start()
        code = proc.wait()
        done.set()
        watcher.join()
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the CLI and its workers, all waited for
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        peaks.append(peak / 1024)
        assert code == 0, code
        assert len(list(out.glob("*.pdf"))) == n
        shutil.rmtree(out)
    median = report(f"{n} verslagen, docx + pdf, -j {jobs} (whole process)", times)
    peak = statistics.median(peaks)
    cpu = statistics.median(cpus)
    print(f"{'':<58} CPU time of all processes: {cpu:.1f} s, {cpu / n * 1000:.0f} ms per verslag")
    print(f"{'':<58} peak memory of the process tree: median {peak:.0f} MiB (max {max(peaks):.0f})")
    target(f"{n} verslagen -j {jobs}", f"{median:.1f} s", "<= 8 s", median <= 8)
    if "per_verslag" in PLAIN:  # what the libraries alone would need for the batch, from the render part
        floor = n * PLAIN["per_verslag"] / jobs
        print(f"{'':<58} {median / floor:.2f}x of plain docxtpl + ReportLab for {n} on {jobs} cores ({floor:.1f} s)")
        # CPU time suffers less than wall-clock time from other work on the machine.
        print(
            f"{'':<58} CPU per verslag {cpu / n / PLAIN['cpu_per_verslag']:.2f}x of plain docxtpl + ReportLab's; "
            f"two free cores at this CPU speed: about {cpu / jobs:.1f} s"
        )
    target(f"{n} verslagen -j {jobs}, peak memory", f"{peak:.0f} MiB", "<= 300 MiB", peak <= 300)
    shutil.rmtree(src)


def _echo(x):
    return x


def bench_worker() -> None:
    """What a worker process costs: starting one, and a custom template rendered in one."""
    import kkfz_docs as kd
    from kkfz_docs.render import worker

    verslag = kd.load(FIXTURE)
    out = Path(tempfile.mkdtemp())
    custom = out / "eigen.docx"
    kd.export_template(custom)  # the bundled template as a custom one: same work, in a worker
    kd.render_docx(verslag, out / "warm.docx")  # the renderers are imported, as in a long session
    kd.render_docx(verslag, out / "warm.docx", template=custom)
    report(
        "worker: start, one call, stop (fork)",
        timed(lambda: list(worker.run_many(_echo, [1], 1, worker.Limits())), 30),
    )
    report(
        "worker: one call to the kept worker (run_once)", timed(lambda: worker.run_once(_echo, 1, worker.Limits()), 30)
    )
    a = report("render_docx, bundled template (in-process)", timed(lambda: kd.render_docx(verslag, out / "a.docx"), 15))
    b = report(
        "render_docx, the same as a custom template (in a worker)",
        timed(lambda: kd.render_docx(verslag, out / "b.docx", template=custom), 15),
    )
    print(f"{'':<58} a custom template costs {(b - a) * 1000:.0f} ms more ({b / a:.2f}x)")
    shutil.rmtree(out)


def bench_bad() -> None:
    """Each file of the broken-input corpus, and a 50 MB file: how long until the Dutch refusal."""
    import kkfz_docs as kd

    files = sorted(p for p in (ROOT / "tests" / "bad").iterdir() if p.name != "verwacht.yaml")
    big = Path(tempfile.mkdtemp()) / "groot.yaml"
    big.write_bytes(b"verslagjaar: 2024\ninleiding: |\n" + b"  tekst tekst tekst tekst tekst\n" * 1_700_000)
    worst = 0.0
    for path in [*files, big]:

        def attempt(path=path) -> None:
            try:
                kd.load(path)
            except kd.OngeldigVerslag:
                pass

        median = statistics.median(timed(attempt, 5))
        worst = max(worst, median)
        print(f"  load({path.name}) refused in {median * 1000:.1f} ms")
    print(f"{'slowest refusal in the broken-input corpus':<58} median {worst * 1000:8.1f} ms")
    shutil.rmtree(big.parent)


def _du_mib(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink()) / 2**20


def bench_install() -> None:
    """`pip install .` into a fresh virtualenv (no system site-packages): the size of site-packages."""
    venv = Path(tempfile.mkdtemp()) / "venv"
    subprocess.run([PY, "-m", "venv", str(venv)], check=True)
    site = next((venv / "lib").glob("python3*/site-packages"))
    bare = _du_mib(site)  # pip and setuptools, which every venv has
    pip = venv / "bin" / "pip"
    subprocess.run([str(pip), "install", "-q", "--disable-pip-version-check", str(ROOT)], check=True)
    total = _du_mib(site)
    sizes = {}
    for entry in site.iterdir():
        name = entry.name.split("-")[0].split(".")[0].lower()
        size = _du_mib(entry) if entry.is_dir() else entry.stat().st_size / 2**20
        sizes[name] = sizes.get(name, 0) + size
    top = sorted(sizes.items(), key=lambda kv: -kv[1])[:10]
    print(f"{'fresh pip install . : site-packages':<58} {total:8.0f} MiB (the bare venv: {bare:.0f} MiB)")
    print("  largest: " + ", ".join(f"{k} {v:.0f}" for k, v in top))
    target("fresh pip install . (site-packages)", f"{total:.0f} MiB", "<= 130 MiB", total <= 130)
    shutil.rmtree(venv.parent)


PARTS = {
    "import": bench_import,
    "check": bench_check,
    "render": bench_render,
    "process": bench_process,
    "batch": bench_batch,
    "bad": bench_bad,
    "worker": bench_worker,
    "install": bench_install,
}


def machine_speed() -> str:
    """A yardstick for this machine's speed, to compare runs on different days or machines: a
    plain Python loop and a bare interpreter start (medians)."""

    def loop() -> None:
        x = 0
        for i in range(10_000_000):
            x += i

    spin = statistics.median(timed(loop, 3)) * 1000
    start = statistics.median(timed(lambda: _python("pass"), 10)) * 1000
    return f"10 million additions in Python {spin:.0f} ms, python -c pass {start:.0f} ms"


def load_average() -> str:
    return "load average " + ", ".join(f"{x:.1f}" for x in os.getloadavg())


if __name__ == "__main__":
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {sys.platform}, {load_average()}")
    print(f"machine speed: {machine_speed()}")
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "kkfz_docs")], check=True, env=ENV)
    for part in sys.argv[1:] or list(PARTS):
        PARTS[part]()
        print(f"  ({load_average()}: other work on the machine slows every figure above 2 or so)")
    if SUMMARY:
        print("\nTargets (issue 12), measured in this run:")
        for what, measured, goal, met in SUMMARY:
            print(f"  {what:<50} {measured:>9}   {goal:<11} {'met' if met else 'MISSED'}")
