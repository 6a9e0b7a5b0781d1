"""ZIP containers read defensively: .pptx, .docx, Common Cartridge and SCORM packages.

Before any library opens a container, :func:`open_archive` checks what its directory
declares: the number of files, their sizes added up, the ratio of unpacked to packed size
(a ZIP bomb's is in the thousands), encrypted entries and names that would leave the
package (``../``, absolute paths, drive letters). :func:`refuse_dtd` then reads each XML part
and refuses any that declares a DTD or entities, which no genuine Office file or package
manifest does: entity expansion and external entities never reach a parser. Reads are
bounded by the declared sizes, which :mod:`zipfile` enforces.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from typing import Iterable

from .limits import MIB, ImportLimits, refuse

XML_SUFFIXES = (".xml", ".rels", ".xhtml", ".qti", ".imsmanifest")


def open_archive(data: bytes, name: str, limits: ImportLimits, *, what: str) -> zipfile.ZipFile:
    """The container, once its directory is within ``limits``; ``what`` names the expected kind."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE compound file: Office's encryption, or .ppt/.doc
        raise refuse(name, f"is not a {what}: it is password-protected, or saved in the old binary format "
                           "(.ppt, .doc)", hint="save an unprotected copy in the current format (.pptx, .docx)",
                     code="encrypted")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise refuse(name, f"is not a readable {what}: the ZIP container is corrupt or truncated ({error})",
                     hint="open and save the file again in the program that made it") from None
    if len(infos) > limits.max_members:
        raise refuse(name, f"holds {len(infos):,} files, more than the {limits.max_members:,} vetkit reads",
                     code="limit")
    total = 0
    for info in infos:
        check_name(info.filename, name)
        if info.flag_bits & 0x1:
            raise refuse(name, f"is encrypted (its part `{info.filename}` needs a password)",
                         hint="save an unprotected copy and import that", code="encrypted")
        total += info.file_size
        if info.file_size > limits.max_member_bytes:
            raise refuse(name, f"its part `{info.filename}` unpacks to {info.file_size:,} bytes, over the limit "
                               f"of {limits.max_member_bytes:,}", code="limit")
        if info.file_size > MIB and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise refuse(name, f"looks like a ZIP bomb: its part `{info.filename}` unpacks to "
                               f"{info.file_size // max(info.compress_size, 1):,} times its packed size",
                         code="hostile")
    if total > limits.max_unpacked_bytes:
        raise refuse(name, f"unpacks to {total:,} bytes, over the limit of {limits.max_unpacked_bytes:,}",
                     code="limit")
    return archive


def check_name(member: str, name: str) -> None:
    """Refuse a member name that is absolute or climbs out of the package."""
    path = member.replace("\\", "/")
    parts = path.split("/")
    if path.startswith("/") or (len(path) > 1 and path[1] == ":") or ".." in parts or "\x00" in path:
        raise refuse(name, f"holds a file whose path leaves the package (`{member[:120]}`)",
                     hint="a genuine package keeps every file inside it; do not import this file", code="hostile")


def inside(base: str, href: str, name: str) -> str:
    """The package path that ``href`` (relative to the folder ``base``) names; refused if it leaves the package."""
    if "://" in href or href.startswith(("/", "\\")) or href[1:2] == ":":
        raise refuse(name, f"refers to `{href[:120]}`, outside the package", code="hostile",
                     hint="a genuine package refers only to its own files")
    joined = posixpath.normpath(posixpath.join(base, href.replace("\\", "/").split("#")[0].split("?")[0]))
    if joined == ".." or joined.startswith("../"):
        raise refuse(name, f"refers to `{href[:120]}`, which leaves the package", code="hostile",
                     hint="a genuine package refers only to its own files")
    return joined


def read_member(archive: zipfile.ZipFile, member: str, name: str) -> bytes:
    """One file of the container (its size was bounded by :func:`open_archive`)."""
    try:
        with archive.open(member) as stream:
            return stream.read()
    except KeyError:
        raise refuse(name, f"lacks its part `{member}`", hint="the file is incomplete; save it again") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as error:
        raise refuse(name, f"is corrupt or truncated: its part `{member}` cannot be unpacked ({error})",
                     hint="open and save the file again in the program that made it") from None


def refuse_dtd(archive: zipfile.ZipFile, name: str, members: Iterable[str] | None = None) -> None:
    """Refuse the container if an XML part declares a DTD or entities."""
    for member in members if members is not None else archive.namelist():
        if member.lower().endswith(XML_SUFFIXES):
            head = read_member(archive, member, name)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise refuse(name, f"its part `{member}` declares a DTD or XML entities, which can expand without "
                                   "bound or read other files; a genuine file never does", code="hostile",
                             hint="do not import this file; ask for a copy saved by the program that made it")
