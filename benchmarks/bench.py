"""Benchmarks of kkfz-docs; prints medians. Figures go to docs/performance.md.

    python benchmarks/bench.py            # everything (a few minutes)
    python benchmarks/bench.py import check render process batch bad worker

Each part runs its measurement several times and prints the median (and the spread).
"""

from __future__ import annotations

import io
import os
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


def bench_import() -> None:
    report(
        "import kkfz_docs (new process, minus bare python)",
        [
            a - b
            for a, b in zip(
                timed(lambda: subprocess.run([PY, "-c", "import kkfz_docs"], check=True), 15),
                timed(lambda: subprocess.run([PY, "-c", "pass"], check=True), 15),
                strict=True,
            )
        ],
    )
    report(
        "python -c 'import kkfz_docs' (whole process)",
        timed(lambda: subprocess.run([PY, "-c", "import kkfz_docs"], check=True), 15),
    )


def bench_check() -> None:
    report(
        "kkfz-docs check fixture (whole process)",
        timed(
            lambda: subprocess.run([PY, "-m", "kkfz_docs.cli", "check", str(FIXTURE)], check=True, capture_output=True),
            15,
        ),
    )


def bench_render() -> None:
    """kkfz-docs in-process beside plain docxtpl / ReportLab on the same template, story and data."""
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage
    from reportlab.platypus import BaseDocTemplate

    import kkfz_docs as kd
    from kkfz_docs.render import charts, pdf
    from kkfz_docs.render.context import build
    from kkfz_docs.render.docx import default_template, environment

    verslag = kd.load(FIXTURE)
    context = build(verslag)  # the plain dict: strings, lists, dicts
    out = Path(tempfile.mkdtemp())
    kd.render_docx(verslag, out / "warm.docx")  # warm up imports and font loading
    kd.render_pdf(verslag, out / "warm.pdf")

    def plain_docx(with_chart: bool) -> None:
        charts.forget()
        tpl = DocxTemplate(default_template())
        png = charts.spinnenweb(verslag.spinnenweb, 2024) if with_chart else PNG
        ctx = dict(context, gegevens={}, logo="", spinnenweb_grafiek=InlineImage(tpl, io.BytesIO(png), width=Mm(125)))
        tpl.render(ctx, jinja_env=environment(), autoescape=True)
        tpl.save(out / "plain.docx")

    PNG = charts.spinnenweb(verslag.spinnenweb, 2024)

    def ours_docx() -> None:
        charts.forget()  # draw the chart from scratch, as the plain script does
        kd.render_docx(verslag, out / "a.docx")

    def ours_pdf() -> None:
        charts.forget()
        kd.render_pdf(verslag, out / "a.pdf")

    a = report("render_docx(fixture a), chart drawn from scratch", timed(ours_docx, 15))
    b = report("plain docxtpl, same template and dict, chart drawn too", timed(lambda: plain_docx(True), 15))
    c = report("plain docxtpl, same template and dict, chart made once", timed(lambda: plain_docx(False), 15))
    print(f"{'':<58} overhead {a / b:.2f}x (chart included), {a / c:.2f}x (chart excluded)")

    def plain_pdf(with_chart: bool) -> None:
        charts.forget()
        story = pdf.story(context, pdf._chart(verslag, with_chart))
        doc = BaseDocTemplate(str(out / "plain.pdf"), pagesize=pdf.A4)
        frame = pdf.Frame(pdf.MARGIN_X, pdf.MARGIN_BOTTOM, pdf.WIDTH, pdf.A4[1] - pdf.MARGIN_TOP - pdf.MARGIN_BOTTOM)
        doc.addPageTemplates([pdf.PageTemplate(frames=[frame])])
        doc.build(story.flow)

    a = report("render_pdf(fixture a), chart drawn from scratch", timed(ours_pdf, 15))
    b = report("plain ReportLab, same story, chart drawn too", timed(lambda: plain_pdf(True), 15))
    c = report("plain ReportLab, same story, chart left out", timed(lambda: plain_pdf(False), 15))
    print(f"{'':<58} overhead {a / b:.2f}x (chart included), {a / c:.2f}x (chart excluded)")
    shutil.rmtree(out)


def bench_process() -> None:
    out = Path(tempfile.mkdtemp())
    report(
        "kkfz-docs render fixture -o DIR (docx + pdf, whole process)",
        timed(
            lambda: subprocess.run(
                [PY, "-m", "kkfz_docs.cli", "render", str(FIXTURE), "-o", str(out)], check=True, capture_output=True
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
        report(
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
    times, peaks = [], []
    for _ in range(3):
        out = Path(tempfile.mkdtemp())
        start = time.perf_counter()
        proc = subprocess.Popen(
            [PY, "-m", "kkfz_docs.cli", "render", str(src), "-o", str(out), "-j", str(jobs)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
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
        peaks.append(peak / 1024)
        assert code == 0, code
        assert len(list(out.glob("*.pdf"))) == n
        shutil.rmtree(out)
    report(f"{n} verslagen, docx + pdf, -j {jobs} (whole process)", times)
    print(f"{'':<58} peak memory of the process tree: median {statistics.median(peaks):.0f} MiB (max {max(peaks):.0f})")
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


PARTS = {
    "import": bench_import,
    "check": bench_check,
    "render": bench_render,
    "process": bench_process,
    "batch": bench_batch,
    "bad": bench_bad,
    "worker": bench_worker,
}

if __name__ == "__main__":
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {sys.platform}")
    for part in sys.argv[1:] or list(PARTS):
        PARTS[part]()
