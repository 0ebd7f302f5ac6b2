"""Outputs never destroy anything: links, devices, FIFOs, inputs, read-only files, odd names,
full disks and signals. Every refusal is one line, exit 2, and nothing is left behind."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from caspian.layers.io.errors import OutputError
from caspian.layers.io.fileio import atomic_path, write_text_atomic
from cli_support import run_cli
from hostile_support import device, leftovers, one_error_line, run, user_file

EXPORT_CSV = ("export", "btc_pipeline", "--format", "csv", "-o")


def test_a_symlink_is_followed_and_its_target_written_atomically(tmp_path: Path) -> None:
    (tmp_path / "real.csv").write_text("old", encoding="utf-8")
    (tmp_path / "link.csv").symlink_to("real.csv")
    assert run(*EXPORT_CSV, str(tmp_path / "link.csv")).returncode == 0
    assert (tmp_path / "link.csv").is_symlink()
    assert (tmp_path / "real.csv").read_text(encoding="utf-8").startswith("layer,feature")
    assert leftovers(tmp_path) == []


def test_a_dangling_symlink_is_refused_and_its_target_never_created(tmp_path: Path) -> None:
    (tmp_path / "link.csv").symlink_to("made.csv")
    line = one_error_line(run(*EXPORT_CSV, str(tmp_path / "link.csv")))
    assert "is a symbolic link to made.csv, which does not exist" in line
    assert (tmp_path / "link.csv").is_symlink() and not (tmp_path / "made.csv").exists()


def test_a_dangling_symlink_in_a_split_folder_cannot_send_a_layer_elsewhere(
    tmp_path: Path,
) -> None:
    folder, outside = tmp_path / "split", tmp_path / "outside" / "context.kml"
    folder.mkdir()
    (folder / "context.kml").symlink_to(outside)
    line = one_error_line(run("export", "--format", "kml", "--split", "-o", str(folder)))
    assert "context.kml is a symbolic link" in line
    assert not outside.parent.exists()
    assert leftovers(folder) == []


def test_a_folder_named_like_a_layers_file_in_a_split_folder_is_named_as_in_the_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    # It said "split/btc_pipeline.geojson is a folder; give a file name, e.g.
    # split/btc_pipeline.geojson/out": a name the user never gave, and no way to give one.
    folder = tmp_path / "split"
    (folder / "btc_pipeline.geojson").mkdir(parents=True)
    code, out, err = run_cli(["export", "btc_pipeline", "zangezur_corridor", "--format",
                              "geojson", "--split", "-o", str(folder)], capsys)
    assert (code, out, err) == (2, "", (
        f"caspian: error: {folder / 'btc_pipeline.geojson'} is a folder where layer "
        "btc_pipeline's file goes; move or remove it, or split into another folder\n"))
    assert sorted(os.listdir(folder)) == ["btc_pipeline.geojson"]


def test_a_chain_of_symlinks_into_another_folder_keeps_every_link(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "real.html").write_text("old", encoding="utf-8")
    (tmp_path / "one.html").symlink_to(tmp_path / "data" / "real.html")
    (tmp_path / "two.html").symlink_to("one.html")
    assert run("map", "aktau_port", "-o", str(tmp_path / "two.html")).returncode == 0
    assert (tmp_path / "two.html").is_symlink() and (tmp_path / "one.html").is_symlink()
    assert "<html" in (tmp_path / "data" / "real.html").read_text(encoding="utf-8").lower()
    assert leftovers(tmp_path / "data") == [] and leftovers(tmp_path) == []


def test_a_fifo_with_a_reader_receives_the_stream_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    try:
        assert run(*EXPORT_CSV, str(fifo)).returncode == 0
    finally:
        reader.join(timeout=30)
    assert received[0].startswith(b"layer,feature")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_fifo_nobody_reads_is_refused_at_once_and_kept(tmp_path: Path) -> None:
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    line = one_error_line(run(*EXPORT_CSV, str(fifo), timeout=30))
    assert "FIFO that no program is reading" in line
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize("command", [EXPORT_CSV, ("map", "aktau_port", "-o")])
def test_a_full_device_is_one_line_and_stays_a_device(tmp_path: Path,
                                                      command: tuple[str, ...]) -> None:
    full = device(tmp_path, "full", 7)
    line = one_error_line(run(*command, str(full)))
    assert "No space left on device" in line and "disk is full" in line
    assert stat.S_ISCHR(full.lstat().st_mode)


def test_a_null_device_swallows_the_output_and_stays_a_device(tmp_path: Path) -> None:
    null = device(tmp_path, "null", 3)
    assert run(*EXPORT_CSV, str(null)).returncode == 0
    assert stat.S_ISCHR(null.lstat().st_mode)


def test_dev_stdout_streams_the_file_to_standard_output() -> None:
    result = run(*EXPORT_CSV, "/dev/stdout")
    assert result.returncode == 0
    assert result.stdout.startswith(b"layer,feature")


@pytest.mark.parametrize("mode", ["wb", "ab"])
def test_dev_stdout_redirected_to_a_file_writes_into_that_file(tmp_path: Path,
                                                               mode: str) -> None:
    # `caspian export ... -o /dev/stdout > btc.csv` (or >>): the shell's file gets the bytes
    # where a pipe would, at the shell's offset; it was refused as "a symbolic link to
    # btc.csv, whose suffix (.csv) says another kind of file than none"
    out = tmp_path / "btc.csv"
    out.write_bytes(b"kept\n")
    with out.open(mode) as sink:
        result = subprocess.run([sys.executable, "-m", "caspian.maps", *EXPORT_CSV, "/dev/stdout"],
                                stdout=sink, stderr=subprocess.PIPE, cwd="/", timeout=60)
    assert result.returncode == 0, result.stderr
    written = out.read_bytes()
    assert written.startswith(b"kept\nlayer,feature" if mode == "ab" else b"layer,feature")
    assert written.count(b"\nbtc_pipeline,") == 5
    assert leftovers(tmp_path) == []


def test_a_relative_output_in_a_deleted_current_folder_is_one_line(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (f'cd "{gone}" && rmdir "{gone}" && exec "{sys.executable}" -m caspian.maps '
              + " ".join(EXPORT_CSV) + " out.csv")
    result = subprocess.run(["sh", "-c", script], capture_output=True, timeout=60)
    line = one_error_line(result)
    assert line == "caspian: error: cannot write out.csv: No such file or directory; choose " \
        "another path"


@pytest.mark.parametrize("command", [EXPORT_CSV, ("map", "aktau_port", "-o"),
                                     ("export", "--format", "gpkg", "-o")])
def test_dash_is_not_taken_as_a_file_name(tmp_path: Path, command: tuple[str, ...]) -> None:
    line = one_error_line(run(*command, "-", cwd=tmp_path))
    assert "'-' is not a file name" in line and "/dev/stdout" in line
    assert os.listdir(tmp_path) == []


def test_map_refuses_to_overwrite_its_own_input(tmp_path: Path) -> None:
    mine = user_file(tmp_path)
    before = mine.read_bytes()
    line = one_error_line(run("map", "--add", str(mine), "-o", str(mine)))
    assert "mine.geojson" in line
    assert mine.read_bytes() == before


@pytest.mark.parametrize("alias", ["symlink", "hardlink", "dotted"])
def test_an_input_reached_by_another_name_is_not_overwritten(tmp_path: Path, alias: str) -> None:
    mine = user_file(tmp_path)
    before = mine.read_bytes()
    target = tmp_path / "map.html"
    if alias == "symlink":
        target.symlink_to(mine)
    elif alias == "hardlink":
        os.link(mine, target)
    else:  # GeoJSON content under an .html name, reached as ./sub/../map.html
        target.write_bytes(before)
        mine = target
        (tmp_path / "sub").mkdir()
        target = tmp_path / "sub" / ".." / "map.html"
    line = one_error_line(run("map", "--add", str(mine), "-o", str(target)))
    assert "one of this command's input files" in line
    assert mine.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_a_library_caller_can_protect_inputs_explicitly(tmp_path: Path) -> None:
    mine = user_file(tmp_path, name="mine.csv")
    with pytest.raises(OutputError, match="input files"), atomic_path(mine, inputs=[mine]):
        pass


@pytest.mark.parametrize("command", [EXPORT_CSV, ("map", "aktau_port", "-o")])
def test_a_read_only_target_is_refused_and_unchanged(tmp_path: Path,
                                                     command: tuple[str, ...]) -> None:
    name = "out.csv" if command[0] == "export" else "out.html"
    target = tmp_path / name
    target.write_text("keep me", encoding="utf-8")
    target.chmod(0o444)
    line = one_error_line(run(*command, str(target)))
    assert "read-only" in line and "chmod u+w" in line
    assert target.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize(
    "command, name, named",
    [
        (("map", "aktau_port", "-o"), "x.gpkg", "GeoPackage"),
        (("map", "aktau_port", "-o"), "x.csv", "CSV"),
        (("map", "aktau_port", "-o"), "mine.GEOJSON", "GeoJSON"),
        (("export", "--format", "csv", "-o"), "x.html", "HTML"),
        (("export", "--format", "kml", "-o"), "x.png", "PNG"),
    ],
)
def test_a_suffix_naming_another_format_is_refused(tmp_path: Path, command: tuple[str, ...],
                                                   name: str, named: str) -> None:
    line = one_error_line(run(*command, str(tmp_path / name)))
    assert f"which is {named}" in line
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    "name, named",
    [("article.mhtml", "MHTML"), ("page.MHT", "MHTML"), ("notes.docx", "Word"),
     ("notes.doc", "Word"), ("notes.odt", "OpenDocument"), ("notes.rtf", "RTF"),
     ("page.html.gz", "gzip"), ("feed.xml", "XML")],
)
def test_a_saved_article_given_as_the_maps_name_is_refused_and_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, named: str
) -> None:
    # An analyst's folder holds the pages and notes they saved; a map written over
    # "article.mhtml" (a slip of tab completion) destroyed the web archive. Before: "wrote
    # article.mhtml (120 kB, online basemaps)", the archive gone.
    target = tmp_path / name
    target.write_bytes(b"keep me")
    code, out, err = run_cli(["map", "aktau_port", "-o", str(target)], capsys)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and f"which is {named}, but this writes HTML" in err
    assert target.read_bytes() == b"keep me"
    assert os.listdir(tmp_path) == [name]


@pytest.mark.parametrize("length", [250, 255])
def test_a_legal_long_name_stays_legal_for_the_temporary_file(tmp_path: Path,
                                                             length: int) -> None:
    target = tmp_path / ("a" * (length - 4) + ".csv")
    assert run(*EXPORT_CSV, str(target)).returncode == 0
    assert target.is_file() and leftovers(tmp_path) == []


@pytest.mark.parametrize("name", ["a" * 256 + ".csv", "d" * 300 + "/out.csv",
                                  "é" * 130 + ".csv"])
def test_a_name_the_file_system_refuses_is_one_line(tmp_path: Path, name: str) -> None:
    line = one_error_line(run(*EXPORT_CSV, str(tmp_path / name)))
    assert "too long" in line or "does not exist" in line
    assert os.listdir(tmp_path) == []


_LIMITED = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (60000, 60000))
from caspian.maps.cli.main import main
main(sys.argv[1:])
"""


@pytest.mark.parametrize("fmt", ["gpkg", "csv", "geojson", "kml"])
def test_a_disk_that_fills_up_midway_is_one_line_and_no_partial_file(tmp_path: Path,
                                                                     fmt: str) -> None:
    # RLIMIT_FSIZE makes every write past 60 kB fail with EFBIG, as a full disk would; the
    # GeoPackage fails inside SQLite's commit.
    target = tmp_path / f"out.{fmt}"
    result = subprocess.run([sys.executable, "-c", _LIMITED, "export", "-o", str(target)],
                            capture_output=True, timeout=120)
    line = one_error_line(result)
    assert f"cannot write {target}" in line
    assert os.listdir(tmp_path) == []


def test_stdout_on_a_full_device_is_one_line(tmp_path: Path) -> None:
    full = device(tmp_path, "full", 7)
    with full.open("wb") as sink:
        result = subprocess.run([sys.executable, "-m", "caspian.maps", "layers"], stdout=sink,
                                stderr=subprocess.PIPE, timeout=60)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "caspian: error: cannot write to standard output: No space left on device\n")


_SLOW = """
import sys, time
from caspian.layers.export import writers as export_writers
write_csv = export_writers.write_csv
def slow(*args):
    write_csv(*args)
    print("written", flush=True)
    time.sleep(60)
export_writers.write_csv = slow
from caspian.maps.cli.main import main
main(sys.argv[1:])
"""


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130),
                                          (signal.SIGHUP, 129)])
def test_a_signal_during_the_write_leaves_no_temporary_file(tmp_path: Path, signum: int,
                                                           code: int) -> None:
    target = tmp_path / "out.csv"
    process = subprocess.Popen([sys.executable, "-c", _SLOW, *EXPORT_CSV, str(target)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    assert process.stdout.readline() == b"written\n"
    assert leftovers(tmp_path)  # the temporary file exists while the writer works
    process.send_signal(signum)
    _, err = process.communicate(timeout=30)
    assert process.returncode == code
    assert b"Traceback" not in err
    assert os.listdir(tmp_path) == []


def test_five_concurrent_writers_leave_one_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    processes = [subprocess.Popen([sys.executable, "-m", "caspian.maps", *EXPORT_CSV,
                                   str(target)], stdout=subprocess.DEVNULL)
                 for _ in range(5)]
    assert [process.wait(timeout=120) for process in processes] == [0] * 5
    assert target.read_text(encoding="utf-8").startswith("layer,feature")
    assert leftovers(tmp_path) == []


def test_text_that_utf8_cannot_carry_is_replaced_not_fatal(tmp_path: Path) -> None:
    path = write_text_atomic(tmp_path / "x.html", "caf\udce9", kind="HTML")
    assert path.read_bytes() == "caf\ufffd".encode()


def test_a_write_that_produced_nothing_is_an_error_not_an_empty_file(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="nothing was written"), atomic_path(tmp_path / "x"):
        pass
    assert os.listdir(tmp_path) == []


def test_a_split_export_with_one_unread_fifo_writes_no_file_at_all(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "aktau_port.csv")
    line = one_error_line(run("export", "aktau_port", "kuryk_port", "--split", "--format", "csv",
                              "-o", str(tmp_path)))
    assert "FIFO that no program is reading" in line
    assert os.listdir(tmp_path) == ["aktau_port.csv"]


def test_the_wrote_line_goes_to_stderr_when_the_output_is_stdout() -> None:
    result = run("map", "aktau_port", "-o", "/dev/stdout")
    assert result.stdout.rstrip().endswith(b"</html>")
    assert result.stderr.startswith(b"wrote /dev/stdout (online basemaps)")


def test_the_wrote_line_escapes_a_line_break_in_the_name(tmp_path: Path) -> None:
    result = run(*EXPORT_CSV, str(tmp_path / "a\nb.csv"))
    assert result.stdout.decode() == f"wrote {tmp_path}/a\\nb.csv\n"


def test_a_path_just_under_the_system_limit_stays_writable(tmp_path: Path) -> None:
    # Folders nested until the whole path is 4,095 bytes (PATH_MAX with its NUL): the target
    # is legal, and so must be the temporary file beside it, which a name longer than the
    # target's would push past the limit. Every folder name stays within NAME_MAX (255), so
    # the test holds whatever the length of the temporary folder it is given.
    name = "out-2026.csv"
    folder = tmp_path
    while (room := 4095 - len(os.fsencode(folder)) - len(name) - 2) > 255:
        folder = folder / ("d" * min(250, room - 2))
    folder = folder / ("e" * room)
    os.makedirs(folder)
    target = folder / name
    assert len(os.fsencode(target)) == 4095
    assert run(*EXPORT_CSV, str(target)).returncode == 0
    assert target.is_file() and leftovers(folder) == []


@pytest.mark.parametrize(("command", "mode"), [(EXPORT_CSV, 0o600), (EXPORT_CSV, 0o604),
                                               (("map", "aktau_port", "-o"), 0o640)])
def test_a_replaced_output_keeps_its_permissions(tmp_path: Path, command: tuple[str, ...],
                                                 mode: int) -> None:
    target = tmp_path / ("private.csv" if command == EXPORT_CSV else "private.html")
    target.write_text("old", encoding="utf-8")
    target.chmod(mode)
    link = tmp_path / f"link{target.suffix}"
    link.symlink_to(target.name)
    for name in (target, link):
        result = run(*command, str(name))
        assert result.returncode == 0, result.stderr
        assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_text(encoding="utf-8") != "old" and link.is_symlink()


def test_a_new_output_gets_the_umasks_permissions(tmp_path: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    target = tmp_path / "new.csv"
    assert run(*EXPORT_CSV, str(target)).returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


# A signal that arrives just after the temporary file is made (before the code that removes it
# runs): the window where it used to stay behind, empty.
_SIGNAL_AT_CREATION = """
import os, signal, sys
open_file = os.open
def open_and_signal(path, flags, *args, **kwargs):
    handle = open_file(path, flags, *args, **kwargs)
    if flags & os.O_EXCL and ".tmp" in os.fsdecode(path):  # the temporary file, created
        os.kill(os.getpid(), int(sys.argv[1]))
    return handle
os.open = open_and_signal
from caspian.maps.cli.main import main
main(sys.argv[2:])
"""


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130),
                                          (signal.SIGHUP, 129)])
def test_a_signal_as_the_temporary_file_is_made_leaves_nothing(tmp_path: Path, signum: int,
                                                               code: int) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _SIGNAL_AT_CREATION, str(int(signum)), *EXPORT_CSV,
         str(tmp_path / "out.csv")],
        capture_output=True, timeout=120,
    )
    assert result.returncode == code, result.stderr
    assert b"Traceback" not in result.stderr
    assert os.listdir(tmp_path) == []


# Atomic writes one after another, as fast as they go. A SIGTERM during a write unwinds it
# with SystemExit, as the command line's handler does; one that comes between two writes is
# counted without unwinding, so the loop outlives every signal. Each signal is answered with
# its number on stdout.
_WRITE_LOOP = """
import signal, sys
from caspian.layers.io.fileio import write_text_atomic
writing, between = False, False
def unwind(signum, frame):
    global writing, between
    if writing:
        writing = False
        raise SystemExit(128 + signum)
    between = True
signal.signal(signal.SIGTERM, unwind)
print("ready", flush=True)
answered = 0
while answered < int(sys.argv[2]):
    if not between:
        try:
            writing = True
            write_text_atomic(sys.argv[1], "x" * 1000)
            writing = False
            continue
        except SystemExit:
            pass
    between = False
    answered += 1
    print(answered, flush=True)
"""


def test_sigterm_at_any_moment_of_a_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    # The code before this test left an empty temporary file for 53 of 1,000 such signals.
    signals = 500
    process = subprocess.Popen(
        [sys.executable, "-c", _WRITE_LOOP, str(tmp_path / "out.csv"), str(signals)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == b"ready\n"
    for number, delay in enumerate(np.random.default_rng(18).uniform(0, 0.002, signals), 1):
        time.sleep(delay)
        process.send_signal(signal.SIGTERM)
        assert process.stdout.readline() == f"{number}\n".encode()
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert os.listdir(tmp_path) == ["out.csv"]
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == "x" * 1000


@pytest.mark.parametrize(("command", "name", "ending"), [
    (EXPORT_CSV, "new-folder/", "/"), (EXPORT_CSV, "out.csv/.", "/."),
    (EXPORT_CSV, "out.csv//", "/"), (("map", "aktau_port", "-o"), "map.html/", "/"),
])
def test_a_name_ending_in_a_slash_is_refused_not_written_as_a_file(
    tmp_path: Path, command: tuple[str, ...], name: str, ending: str
) -> None:
    line = one_error_line(run(*command, name, cwd=tmp_path))
    assert line == (f"caspian: error: {name} ends in '{ending}', so it names a folder, not a "
                    "file; give a file name (without that ending)")
    assert os.listdir(tmp_path) == []


def test_a_format_named_by_a_suffix_before_a_slash_is_refused(tmp_path: Path) -> None:
    line = one_error_line(run("export", "btc_pipeline", "-o", "route.geojson/", cwd=tmp_path))
    assert "route.geojson/ ends in '/', so it names a folder" in line
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("target_name", ["passwd", "notes.txt", "data.geojson"])
def test_a_symlink_to_a_file_of_another_kind_is_refused_and_the_file_kept(
    tmp_path: Path, target_name: str
) -> None:
    # Found by trying: "map -o link.html" with link.html -> /etc/passwd replaced the system's
    # user list with a map, as root.
    target = tmp_path / target_name
    target.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (tmp_path / "link.html").symlink_to(target)
    line = one_error_line(run("map", "aktau_port", "-o", str(tmp_path / "link.html")))
    assert f"link.html is a symbolic link to {target}" in line
    assert f"suffix ({target.suffix or 'none'}) says another kind of file than .html" in line
    assert target.read_text(encoding="utf-8") == "root:x:0:0:root:/root:/bin/bash\n"
    assert (tmp_path / "link.html").is_symlink() and leftovers(tmp_path) == []


@pytest.mark.parametrize(("args", "ending"), [
    ((*EXPORT_CSV, "/dev/stdout"), b"POINT (35.817 37.033)\n"),
    (("map", "aktau_port", "-o", "/dev/stdout"), b"</html>"),
])
def test_dev_stdout_redirected_to_a_file_gets_no_wrote_line(tmp_path: Path, args: tuple[str, ...],
                                                           ending: bytes) -> None:
    # `caspian export ... -o /dev/stdout > btc.csv`: "wrote /dev/stdout" went to stdout, into
    # btc.csv after the last row (a CSV row of its own, text after </html>); the line goes to
    # stderr whenever the output is standard output, a pipe or a file
    out = tmp_path / "out"
    with out.open("wb") as sink:
        result = subprocess.run([sys.executable, "-m", "caspian.maps", *args], stdout=sink,
                                stderr=subprocess.PIPE, cwd="/", timeout=120)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().endswith(ending)
    assert result.stderr.startswith(b"wrote /dev/stdout")
