"""Worker processes: limits, outcomes, and a custom template rendered from a program with threads."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

from conftest import FIXTURES

from kkfz_docs.render import worker


def test_a_worker_returns_values_and_exceptions_in_order_of_finishing():
    outcomes = dict(worker.run_many(int, ["1", "twee", "3"], 2, worker.Limits()))
    assert outcomes[0].value == 1 and outcomes[2].value == 3
    assert isinstance(outcomes[1].error, ValueError)
    assert "In het werkproces" in outcomes[1].error.__notes__[0]  # an unexpected error keeps its traceback


def test_a_worker_over_the_time_limit_is_stopped_and_the_next_call_gets_a_new_one():
    start = time.monotonic()
    outcomes = dict(worker.run_many(time.sleep, [30, 0], 1, worker.Limits(seconds=1)))
    assert outcomes[0].stopped == "tijd" and outcomes[1].value is None and not outcomes[1].stopped
    assert time.monotonic() - start < 15
    assert "duurde langer dan 1 seconde en" in worker.describe(outcomes[0], worker.Limits(seconds=1))


def test_a_worker_over_the_memory_limit_reports_it():
    [(_, outcome)] = worker.run_many(bytearray, [2_000_000_000], 1, worker.Limits(memory_mb=200))
    assert outcome.stopped == "geheugen"


def test_a_custom_template_renders_from_a_script_with_threads_and_no_main_guard(tmp_path):
    # With threads, workers start through forkserver, which would run a script without an
    # `if __name__ == "__main__":` guard again in every worker.
    script = tmp_path / "script.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import threading
            import kkfz_docs as kd
            from kkfz_docs.render import worker
            from docx import Document

            stop = threading.Event()
            threading.Thread(target=stop.wait).start()
            try:
                print(worker.context().get_start_method())
                verslag = kd.load({str(FIXTURES[0])!r})
                kd.export_template("eigen.docx")
                kd.render_docx(verslag, "uit.docx", template="eigen.docx")
                print(Document("uit.docx").core_properties.author)
                doc = Document()
                doc.add_paragraph("{{{{ 'a' * 10**9 }}}}")
                doc.save("kwaad.docx")
                try:
                    kd.render_docx(verslag, "kwaad-uit.docx", template="kwaad.docx")
                except kd.SjabloonFout as e:
                    print("geweigerd:", str(e)[-40:])
            finally:
                stop.set()
            """
        ),
        encoding="utf-8",
    )
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == ("forkserver" if sys.platform != "win32" else "spawn")
    assert lines[1] == "Stichting Kortewind Wonen & Begeleiding"
    assert lines[2].startswith("geweigerd:") and "1.000.000" in lines[2]
    assert len(lines) == 3 and result.stderr == ""  # the script ran once, and nothing else was printed
