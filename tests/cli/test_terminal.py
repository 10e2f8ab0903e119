"""
The conventions of a terminal tool: ``--version``, errors as JSON with
``--json``, a quiet end when the reader of standard output goes away, and
status 130 on Ctrl-C — each checked on a real process where a signal is
involved, since that is where a traceback would show.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap

import pytest

import tariffcalc
from tariffcalc.cli import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, main


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == main(["--version"])
    assert f"tariffcalc {tariffcalc.__version__}\n" == capsys.readouterr().out


def test_a_usage_error_with_json_is_a_json_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert 2 == main(["rate", "8703.23.01.90", "--json"])
    out, err = capsys.readouterr()
    error = json.loads(out)["error"]
    assert ("usage", "") == (error["type"], err)
    assert "--origin" in error["message"]


def test_a_refused_question_with_json_is_a_json_error(capsys: pytest.CaptureFixture[str]) -> None:
    # 9999 starts no tariff line of the packaged schedule: the command refuses it (exit 2).
    assert 2 == main(["explain", "9999", "--origin", "JP", "--date", "2025-05-20", "--json"])
    out, err = capsys.readouterr()
    error = json.loads(out)["error"]
    assert ("InvalidCodeError", "") == (error["type"], err)
    assert error["message"].startswith("9999 is not in schedule")


def test_without_json_an_error_stays_one_line_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert 2 == main(["explain", "9999", "--origin", "JP", "--date", "2025-05-20"])
    out, err = capsys.readouterr()
    assert "" == out
    assert err.startswith("tariffcalc: error: 9999 is not in schedule")
    assert 1 == err.count("\n")


def _command(code: str) -> list[str]:
    return [sys.executable, "-c", textwrap.dedent(code)]


def test_a_closed_pipe_ends_quietly() -> None:
    # `tariffcalc measures | head -1`, with a list longer than any pipe's buffer (the real one,
    # about 40 kB, could fit in a 64 kB pipe before the reader goes away).
    code = """
        import sys
        from tariffcalc import cli
        from tariffcalc._commands import measures

        def long_list(args):
            for n in range(1_000_000):
                print(f"us.measure.{n}")
            return 0

        measures.run = long_list
        sys.exit(cli.main(["measures"]))
    """
    command = _command(code)
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        assert process.stdout.readline().startswith(b"us.")
        process.stdout.close()
        err = process.stderr.read()
        assert (EXIT_BROKEN_PIPE, b"") == (process.wait(timeout=60), err)


def test_ctrl_c_ends_with_one_line_and_status_130() -> None:
    # A command that says it is ready and then waits, so the signal surely arrives inside main.
    code = """
        import sys, time
        from tariffcalc import cli
        from tariffcalc._commands import measures

        def slow(args):
            print("ready", flush=True)
            time.sleep(60)
            return 0

        measures.run = slow  # registered by build_parser, which main calls
        sys.exit(cli.main(["measures"]))
    """
    with subprocess.Popen(_command(code), stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        assert b"ready\n" == process.stdout.readline()
        process.send_signal(signal.SIGINT)
        err = process.stderr.read()
        assert (EXIT_INTERRUPTED, b"tariffcalc: interrupted\n") == (process.wait(timeout=60), err)
