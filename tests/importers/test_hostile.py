"""Hostile and broken files: refused with one clear message and exit code 2, in bounded time, nothing written."""

from __future__ import annotations

import io
import zipfile

import pytest

import vetkit
from vetkit.importers import ImportLimits

import sources
from conftest import built

BILLION_LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{n} "{("&lol%s;" % (n - 1 if n > 1 else "")) * 10}">' for n in range(1, 10))
                  + ']>\n<lolz>&lol9;</lolz>')
EXTERNAL_ENTITY = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<x>&xxe;</x>'


def replaced(data: bytes, member: str, content: str | bytes) -> bytes:
    """A copy of a ZIP container with one member's content replaced (or added)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    files = {info.filename: source.read(info.filename) for info in source.infolist()}
    files[member] = content
    return sources.zipped(files)


def zip_bomb() -> bytes:
    """A .pptx-shaped container whose one part unpacks to 20 MiB of zeros (about a thousand times its size)."""
    return sources.zipped({"[Content_Types].xml": "<Types/>", "ppt/slides/slide1.xml": b"\0" * (20 * 1024 * 1024)})


def many_slides() -> bytes:
    return sources.zipped({f"ppt/slides/slide{n}.xml": "<sld/>" for n in range(1, 1002)})


CASES = {
    "zip bomb": ("bomb.pptx", zip_bomb, "looks like a ZIP bomb: its part `ppt/slides/slide1.xml` unpacks to"),
    "entity expansion in a deck": (
        "laughs.pptx", lambda: replaced(built("deck.pptx"), "ppt/slides/slide2.xml", BILLION_LAUGHS),
        "its part `ppt/slides/slide2.xml` declares a DTD or XML entities"),
    "entity expansion in a plan": (
        "laughs.docx", lambda: replaced(built("plan.docx"), "word/document.xml", BILLION_LAUGHS),
        "its part `word/document.xml` declares a DTD or XML entities"),
    "external entity in a manifest": (
        "xxe.imscc", lambda: sources.cartridge(manifest=EXTERNAL_ENTITY),
        "its part `imsmanifest.xml` declares a DTD or XML entities"),
    "external entity in a QTI file": (
        "xxe-quiz.imscc", lambda: sources.cartridge(extra={"module2/quiz/assessment.xml": EXTERNAL_ENTITY}),
        "its part `module2/quiz/assessment.xml` declares a DTD or XML entities"),
    "path traversal in the archive": (
        "escape.zip", lambda: replaced(built("scorm12.zip"), "../../outside.html", "<p>x</p>"),
        "holds a file whose path leaves the package (`../../outside.html`)"),
    "path traversal in the manifest": (
        "escape-href.imscc", lambda: sources.cartridge(manifest=sources.CC_MANIFEST.replace(
            'href="module1/page.html"><file', 'href="../../etc/passwd"><file')),
        "refers to `../../etc/passwd`, which leaves the package"),
    "absolute path in the manifest": (
        "absolute.imscc", lambda: sources.cartridge(manifest=sources.CC_MANIFEST.replace(
            'href="module1/page.html"><file', 'href="/etc/passwd"><file')),
        "refers to `/etc/passwd`, outside the package"),
    "truncated deck": ("truncated.pptx", lambda: built("deck.pptx")[: len(built("deck.pptx")) // 2],
                       "is not a readable PowerPoint deck (.pptx): the ZIP container is corrupt or truncated"),
    "not a Word file": ("noise.docx", lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
                        "is not a readable Word document (.docx): the ZIP container is corrupt or truncated"),
    "password-protected Office file": ("locked.docx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
                                       "is not a Word document (.docx): it is password-protected, or saved in the "
                                       "old binary format (.ppt, .doc)"),
    "truncated PDF": ("truncated.pdf", lambda: built("handout.pdf")[:200], "is not a PDF vetkit can read"),
    "encrypted PDF": ("locked.pdf", lambda: sources.pdf(password="secret"),
                      "is an encrypted PDF that needs a password to open"),
    "huge deck": ("huge.pptx", many_slides, "has 1,001 slides, more than the 1,000 vetkit imports from one deck"),
    "package without a manifest": ("plain.zip", lambda: sources.zipped({"index.html": "<p>hi</p>"}),
                                   "has no imsmanifest.xml at its top"),
    "manifest naming a missing resource": (
        "missing.imscc", lambda: sources.cartridge(manifest=sources.CC_MANIFEST.replace(
            'identifierref="RES1"', 'identifierref="RES9"')),
        "its organization names resource `RES9`, which the manifest does not list"),
    "empty Markdown": ("empty.md", lambda: b"  \n", "is empty"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_refused_by_the_command_line(case, cli, source, tmp_path):
    """Exit 2, one message naming the file and what is wrong, no traceback, no output file."""
    name, make, message = CASES[case]
    path = source(name, make())
    result = cli("import", path, "-o", tmp_path / "course.yaml")
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith(f"{name}: error: {message}"), result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "course.yaml").exists()


@pytest.mark.parametrize("case", ["zip bomb", "encrypted PDF", "huge deck"])
def test_scoring_refuses_them_too(case, cli, source):
    """`vetkit score` on a hostile source exits 2 with the same message."""
    name, make, message = CASES[case]
    result = cli("score", source(name, make()))
    assert (result.exit_code, result.stdout) == (2, "")
    assert message in result.stderr


def test_html_entities_are_never_expanded(source):
    """An HTML page that declares entities is read without expanding them."""
    page = b'<!DOCTYPE html [<!ENTITY boom "EXPANDED">]><html><body><h2>One</h2><p>before &boom; after</p></body></html>'
    data = vetkit.import_course([source("entities.html", page)]).data
    assert "EXPANDED" not in str(data)
    assert data["modules"][0]["text"].startswith("before")


class TestLimits:
    def test_text_limit(self, source):
        """A file with more text than the limit is refused, not read to its end."""
        with pytest.raises(vetkit.InvalidSource) as raised:
            vetkit.import_course([source("plan.docx")], limits=ImportLimits(max_text_chars=500))
        assert raised.value.problems[0].message == "holds more text than vetkit imports from one file (500 characters)"
        assert raised.value.problems[0].code == "limit"

    def test_page_limit(self, source):
        """A PDF with more pages than the limit is refused before its text is read."""
        with pytest.raises(vetkit.InvalidSource) as raised:
            vetkit.import_course([source("handout.pdf")], limits=ImportLimits(max_pages=1))
        assert raised.value.problems[0].message == "has 2 pages, more than the 1 vetkit imports"

    def test_file_size_limit(self, source):
        """A file over the size limit is not read."""
        with pytest.raises(vetkit.InvalidSource) as raised:
            vetkit.import_course([source("deck.pptx")], limits=ImportLimits(max_file_bytes=1000))
        assert raised.value.problems[0].message.startswith("is ") and "over the limit of 1,000" in \
            raised.value.problems[0].message

    def test_member_count_limit(self, source):
        """A container with more files than the limit is refused from its directory alone."""
        with pytest.raises(vetkit.InvalidSource) as raised:
            vetkit.import_course([source("course.imscc")], limits=ImportLimits(max_members=3))
        assert raised.value.problems[0].message == "holds 5 files, more than the 3 vetkit reads"

    def test_missing_file(self, cli, tmp_path):
        result = cli("import", tmp_path / "nowhere.pptx")
        assert result.exit_code == 2
        assert result.stderr == f"{tmp_path / 'nowhere.pptx'}: error: file not found. Check the path\n"
