"""The command line, tested in-process: exit codes, output files, bad input."""

from __future__ import annotations

import json

import pytest

from kcdiff import __version__
from kcdiff.cli import build_parser, main


def run(capsys, *argv):
    code = main(list(map(str, argv)))
    out, err = capsys.readouterr()
    return code, out, err


def test_differences_exit_1_and_html_goes_to_the_named_file(capsys, tmp_path, interim_path,
                                                             annual_path):
    target = tmp_path / "report.html"
    code, out, err = run(capsys, "diff", interim_path, annual_path, "-o", target)
    assert code == 1
    assert out == ""
    assert str(target) in err
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary left


def test_no_differences_exit_0(capsys, interim_path):
    code, out, _ = run(capsys, "diff", interim_path, interim_path, "--format", "json")
    assert code == 0
    assert json.loads(out)["summary"]["sections_changed"] == 0


def test_text_format_is_a_terminal_summary(capsys, interim_path, annual_path):
    code, out, _ = run(capsys, "diff", interim_path, annual_path)
    assert code == 1
    assert out.startswith("kcdiff: ")
    # What changed, not only counts: the board, the figures, one line per section.
    assert "Board:\n  left: Qiu Ruiheng\n  joined: Feng Honghua\n" in out
    assert "Largest figure moves:\n" in out
    assert "  added         SCOPE OF WORK OF THE AUDITOR" in out
    assert "  removed       RESIGNATION OF JOINT COMPANY SECRETARY" in out
    assert max(map(len, out.splitlines()[1:])) <= 140  # no line runs on without end


@pytest.mark.parametrize("name", ["report.pdf", "report.docx", "report.md"])
def test_an_extension_kcdiff_does_not_write_is_refused(capsys, tmp_path, interim_path, name):
    code, out, err = run(capsys, "diff", interim_path, interim_path, "-o", tmp_path / name)
    assert code == 2 and out == ""
    assert err.startswith(f"kcdiff: error: {tmp_path / name}: kcdiff does not write ")
    assert len(err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_format_contradicting_the_extension_is_refused(capsys, tmp_path, interim_path):
    target = tmp_path / "report.txt"
    code, _, err = run(capsys, "diff", interim_path, interim_path, "-o", target,
                       "--format", "html")
    assert code == 2 and "does not match the .txt extension" in err
    assert not target.exists()


@pytest.mark.parametrize(("name", "fmt", "start"), [
    ("report.txt", None, "kcdiff: "), ("report.htm", None, "<!DOCTYPE html>"),
    ("report.json", None, "{"), ("report", "json", "{"), ("report", None, "kcdiff: "),
])
def test_known_extensions_and_no_extension(capsys, tmp_path, interim_path, name, fmt, start):
    target = tmp_path / name
    extra = ("--format", fmt) if fmt else ()
    assert run(capsys, "diff", interim_path, interim_path, "-o", target, *extra)[0] == 0
    assert target.read_text(encoding="utf-8").startswith(start)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_output_file_mode_follows_the_umask(capsys, tmp_path, interim_path, umask, mode):
    import os
    import stat

    target = tmp_path / "report.json"
    previous = os.umask(umask)
    try:
        run(capsys, "diff", interim_path, interim_path, "-o", target)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"kcdiff {__version__}"


def test_version_imports_no_stage():
    # Start-up is the whole cost of --version: no reader, stage, renderer or logging.
    import subprocess
    import sys

    script = ("import sys, kcdiff.cli\n"
              "print(' '.join(sorted(m for m in sys.modules if m.startswith(('kcdiff.', "
              "'jinja2', 'rapidfuzz', 'pypdfium2', 'lxml', 'logging')))))")
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True).stdout.split()
    assert loaded == ["kcdiff.cli", "kcdiff.errors"]


def test_version_builds_no_parser():
    # `kcdiff --version` is start-up alone: argparse, pathlib and typing (with re) cost
    # more than the bare interpreter's start, and printing the version needs none of them.
    import subprocess
    import sys

    script = ("import sys\nfrom kcdiff.cli import main\n"
              "try:\n    main(['--version'])\nexcept SystemExit as exit:\n"
              "    print(exit.code, *sorted(m for m in ('argparse', 'pathlib', 'typing') "
              "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    assert result.stdout.split() == ["kcdiff", __version__, "0"]


def test_default_max_size_is_the_readers_limit():
    from kcdiff.cli import DEFAULT_MAX_MB
    from kcdiff.ingest import MAX_BYTES

    assert DEFAULT_MAX_MB * 2**20 == MAX_BYTES
    assert build_parser().parse_args(["diff", "a", "b"]).max_size * 2**20 == MAX_BYTES


def test_every_command_has_help(capsys):
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for name, command in commands.items():
        assert command.description, name
        with pytest.raises(SystemExit) as exit_info:
            main([name, "--help"])
        assert exit_info.value.code == 0
        assert "usage: kcdiff " + name in capsys.readouterr().out


def test_sections_prints_level_number_title_and_category_as_its_help_says(capsys,
                                                                          annual_path):
    with pytest.raises(SystemExit):
        main(["sections", "--help"])
    assert "level, number" in " ".join(capsys.readouterr().out.split())
    code, out, _ = run(capsys, "sections", annual_path)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "level  number  title  [category]"
    # In the annual, "Liquidity and Capital Resource" sits under the statements heading
    # with no number; "(b) Going concern consideration" under note 2.
    assert "    2  -         Liquidity and Capital Resource  [liquidity]" in lines
    assert "    3  (b)         Going concern consideration  [notes]" in lines


def bad_inputs(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"  \n\n \r\n")
    binary = tmp_path / "binary.bin"
    binary.write_bytes(bytes(range(256)) * 8)
    undecodable = tmp_path / "undecodable.txt"
    undecodable.write_bytes(b"\xff\xfe" + "RESULTS".encode("utf-16-le") + b"\x00\xd8" * 40)
    folder = tmp_path / "folder"
    folder.mkdir()
    return {
        "missing": (tmp_path / "missing.txt", "no such file"),
        "empty": (empty, "empty"),
        "blank": (blank, "empty"),
        "binary": (binary, "not a PDF, HTML or text filing"),
        "folder": (folder, "directory"),
        "undecodable": (undecodable, "is not valid utf-16"),
    }


@pytest.mark.parametrize("case", ["missing", "empty", "blank", "binary", "folder",
                                  "undecodable"])
def test_bad_input_is_one_line_exit_2_and_no_output(capsys, tmp_path, interim_path, case):
    path, problem = bad_inputs(tmp_path)[case]
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    code, out, err = run(capsys, "diff", interim_path, path, "-o", target)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"kcdiff: error: {path}: ")
    assert problem in lines[0]
    assert "Traceback" not in err
    assert list(target.parent.iterdir()) == []


def test_unwritable_output_is_one_line(capsys, tmp_path, interim_path):
    code, _, err = run(capsys, "diff", interim_path, interim_path, "-o",
                       tmp_path / "no" / "such" / "dir" / "r.html")
    assert code == 2
    assert err.startswith("kcdiff: error: ") and "does not exist" in err


def test_max_size_refuses_a_larger_filing(capsys, interim_path):
    size = interim_path.stat().st_size
    code, out, err = run(capsys, "diff", interim_path, interim_path, "--max-size", "0.01")
    assert code == 2 and out == ""
    assert err.startswith(f"kcdiff: error: {interim_path}: file is {size:,} bytes, over the "
                          f"{int(0.01 * 2**20):,}-byte limit")
    assert run(capsys, "diff", interim_path, interim_path, "--max-size", "1")[0] == 0


def test_watch_once_without_smtp_says_written_to_the_outbox_not_sent(capsys, tmp_path,
                                                                    interim_path, annual_path):
    import shutil

    shutil.copyfile(interim_path, tmp_path / interim_path.name)
    shutil.copyfile(annual_path, tmp_path / annual_path.name)
    code, _, err = run(capsys, "watch", "--once", tmp_path)
    assert code == 0
    assert "1 report(s), 1 e-mail(s) written to the outbox, 0 still queued" in err
    assert " sent" not in err.splitlines()[-1]
    (eml,) = (tmp_path / ".kcdiff" / "outbox").glob("*.eml")
    # The .eml as a mail client opens it: a digest body under the clipping size, the full
    # report attached, a subject that fits.
    import email
    import email.policy

    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert len(message["Subject"]) <= 150
    body = message.get_body(("html",)).get_content()
    assert len(body.encode("utf-8")) <= 100_000 and "<style" not in body
    (attachment,) = message.iter_attachments()
    assert 'id="wording"' in attachment.get_content()


def test_a_reader_that_stops_early_is_not_an_error(interim_path, annual_path):
    import subprocess
    import sys

    # `kcdiff diff OLD NEW | head -1`: the pipe closes before the summary is written.
    command = [sys.executable, "-m", "kcdiff", "diff", str(interim_path), str(annual_path)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        process.stdout.close()
        errors = process.stderr.read().decode()
    assert process.returncode == 1  # differences found, like diff
    assert errors == ""


def test_json_report_loads_neither_jinja_nor_the_view(tmp_path, interim_path, annual_path):
    # The JSON is the model serialized: the HTML machinery is start-up cost it never uses.
    import subprocess
    import sys

    script = ("import sys\nfrom kcdiff.cli import main\n"
              f"main(['diff', {str(interim_path)!r}, {str(annual_path)!r}, "
              f"'-o', {str(tmp_path / 'r.json')!r}])\n"
              "print(' '.join(m for m in sys.modules if m.startswith(('jinja2', "
              "'kcdiff.render.'))))")
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True).stdout.split()
    assert loaded == []
    assert (tmp_path / "r.json").stat().st_size > 0
