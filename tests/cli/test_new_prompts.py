"""`appforge new` in a terminal (a pty): each answer is checked when it is given and asked
again with the reason; Ctrl-C at a prompt exits 130 with one line and creates nothing."""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")


class Terminal:
    """``appforge new`` run with a pty as its controlling terminal (so Ctrl-C is SIGINT)."""

    def __init__(self, *args: str, cwd: Path) -> None:
        self.master, slave = os.openpty()

        def controlling_tty() -> None:  # runs after setsid (start_new_session)
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)
            # A shell without job control starts background jobs with SIGINT ignored, and a
            # child inherits that: Ctrl-C would then do nothing. A terminal's program has it.
            signal.signal(signal.SIGINT, signal.SIG_DFL)

        env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "appforge", "new", *args], cwd=cwd, env=env,
            stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
            preexec_fn=controlling_tty)
        os.close(slave)
        self.output = ""

    def expect(self, pattern: str, timeout: float = 20) -> str:
        """Read until ``pattern`` (a regex) shows; everything read so far."""
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.output):
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(left):
                raise AssertionError(f"{pattern!r} never showed; the terminal shows:\n"
                                     f"{self.output}")
        return self.output

    def send(self, text: str) -> None:
        os.write(self.master, text.encode())

    def wait_until_reading(self, timeout: float = 5) -> None:
        """Wait until the process blocks reading the terminal. A SIGINT that lands between
        the prompt being written and the read starting is only acted on once the read returns
        (CPython runs signal handlers between reads), which no person can hit but a test
        sending Ctrl-C the moment the prompt shows can."""
        wchan = Path(f"/proc/{self.process.pid}/wchan")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if wchan.read_text() in ("wait_woken", "n_tty_read"):
                    break
            except OSError:  # no /proc: give it time instead
                time.sleep(0.5)
                break
            time.sleep(0.01)
        time.sleep(0.05)

    def finish(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while self._read(max(deadline - time.monotonic(), 0.01)):
            pass
        code = self.process.wait(timeout=max(deadline - time.monotonic(), 1))
        os.close(self.master)
        return code

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 4096)
        except OSError:  # the other end closed
            return False
        self.output += data.decode("utf-8", "replace").replace("\r\n", "\n")
        return bool(data)


def test_each_bad_answer_is_asked_again_with_the_reason(tmp_path: Path) -> None:
    term = Terminal("shop", cwd=tmp_path)
    term.expect(r"App name \[Shop\]: ")
    term.send("Bad {name}\n")
    term.expect(r"'Bad \{name\}' is not a usable app name: .*braces.*; try again\n"
                r"App name \[Shop\]: ")
    term.send("  My Shop  \n")
    term.expect(r"App id \(reverse DNS\) \[com\.example\.shop\]: ")
    term.send("shop\n")
    term.expect(r"'shop' is not a reverse-DNS app id: .*com\.example\.tasks; try again\n"
                r"App id \(reverse DNS\) \[com\.example\.shop\]: ")
    term.send("com.example.myshop\n")
    term.expect(r"Template \(blank, todo, crud\) \[todo\]: ")
    term.send("kanban\n")
    term.expect(r"unknown template 'kanban': choose one of blank, todo, crud; try again\n"
                r"Template \(blank, todo, crud\) \[todo\]: ")
    term.send("crud\n")
    assert term.finish() == 0, term.output
    spec = (tmp_path / "shop" / "appforge.yaml").read_text()
    assert 'name: "My Shop"' in spec and "id: com.example.myshop" in spec
    assert "Ada Lovelace" in spec  # the crud template's sample data


def test_ctrl_c_at_a_prompt_exits_130_with_one_line(tmp_path: Path) -> None:
    term = Terminal("shop", cwd=tmp_path)
    term.expect(r"App name \[Shop\]: ")
    term.send("My Shop\n")
    before = term.expect(r"App id \(reverse DNS\) \[com\.example\.shop\]: ")
    term.wait_until_reading()
    term.send("\x03")  # Ctrl-C: the terminal sends SIGINT
    assert term.finish() == 130
    after = term.output[len(before):].strip("\n")
    assert after.splitlines()[-1] == "cancelled; nothing was created", term.output
    assert "Traceback" not in term.output and "Aborted" not in term.output
    assert [line for line in after.splitlines() if line.strip() and line != "^C"] == [
        "cancelled; nothing was created"]
    assert list(tmp_path.iterdir()) == []


def test_end_of_input_at_a_prompt_is_a_usage_error(tmp_path: Path) -> None:
    term = Terminal("shop", cwd=tmp_path)
    term.expect(r"App name \[Shop\]: ")
    term.send("\x04")  # Ctrl-D on an empty line: end of input
    assert term.finish() == 2
    assert "no answer (end of input); nothing was created" in term.output
    assert list(tmp_path.iterdir()) == []
