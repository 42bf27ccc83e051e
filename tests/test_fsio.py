"""The compare-and-swap of atomic writes: a settled file stamp stands in for reading the file
again, and never lets a write replace a file someone else wrote meanwhile."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from editions.errors import CatalogConflictError
from editions.fsio import OnDisk, atomic_write_bytes, file_stamp, settled

AN_HOUR_AGO = time.time() - 3600


def _settled_file(path: Path, data: bytes) -> OnDisk:
    path.write_bytes(data)
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    time.sleep(0.03)  # the change time utime set settles too
    stamp = file_stamp(path)
    assert stamp is not None and settled(stamp)
    return OnDisk(data, stamp)


def test_a_file_just_written_has_no_settled_stamp(tmp_path: Path) -> None:
    path = tmp_path / "zh_CN.po"
    path.write_bytes(b'msgid ""\nmsgstr ""\n')
    stamp = file_stamp(path)
    assert stamp is not None and not settled(stamp)
    assert file_stamp(tmp_path / "missing.po") is None


def test_a_swap_from_a_settled_stamp_does_not_read_the_file_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "zh_CN.po"
    expected = _settled_file(path, b"old\n")

    def unread(cls: type[OnDisk], path: Path) -> OnDisk:
        raise AssertionError("read again although the stamp still held")

    monkeypatch.setattr(OnDisk, "read", classmethod(unread))
    atomic_write_bytes(path, b"new\n", expected=expected)
    assert path.read_bytes() == b"new\n"


def test_a_settled_stamp_never_hides_a_same_size_write_in_place(tmp_path: Path) -> None:
    path = tmp_path / "zh_CN.po"
    expected = _settled_file(path, b"reviewed\n")
    with path.open("r+b") as handle:  # an editor saving in place, same inode, same size
        handle.write(b"REVIEWED\n")
    with pytest.raises(CatalogConflictError, match="changed on disk"):
        atomic_write_bytes(path, b"ours\n", expected=expected)
    assert path.read_bytes() == b"REVIEWED\n"
    assert not list(tmp_path.glob("*.tmp"))


def test_a_stamp_that_no_longer_holds_falls_back_to_comparing_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "zh_CN.po"
    expected = _settled_file(path, b"same\n")
    path.write_bytes(b"same\n")  # rewritten with the same bytes: other times, same content
    atomic_write_bytes(path, b"ours\n", expected=expected)
    assert path.read_bytes() == b"ours\n"
    path.write_bytes(b"theirs\n")
    with pytest.raises(CatalogConflictError):
        atomic_write_bytes(path, b"again\n", expected=OnDisk(b"ours\n", expected.stamp))
    assert path.read_bytes() == b"theirs\n"
