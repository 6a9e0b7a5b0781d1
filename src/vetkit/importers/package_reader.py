"""LMS exports: IMS Common Cartridge (.imscc, 1.1–1.3) and SCORM 1.2 / 2004 packages (.zip).

The manifest's default organization gives the modules in order; each entry's resource gives
its content: web pages (and PDF or Word files) as text, QTI files as quizzes, web links as
references, discussion topics as text. The manifest and QTI parts are parsed by defusedxml
with DTDs forbidden; every path is resolved inside the package or refused.
"""

from __future__ import annotations

import posixpath
from typing import Any

from . import cues, qti
from .archive import inside, open_archive, read_member, refuse_dtd
from .limits import ImportLimits, refuse
from .model import Document, Package, Quiz, Unit, Where

MANIFEST = "imsmanifest.xml"
_PAGES = {".html": "html_reader", ".htm": "html_reader", ".xhtml": "html_reader", ".pdf": "pdf_reader",
          ".docx": "docx_reader", ".md": "markdown_reader"}


def read(data: bytes, name: str, limits: ImportLimits) -> Package:
    """The package in ``data`` (the bytes of ``name``)."""
    archive = open_archive(data, name, limits, what="IMS Common Cartridge or SCORM package")
    if MANIFEST not in archive.namelist():
        raise refuse(name, f"has no {MANIFEST} at its top, so it is neither a Common Cartridge nor a SCORM package",
                     hint="export the course from the LMS as IMS Common Cartridge or SCORM")
    refuse_dtd(archive, name)
    manifest = qti.parse_xml(read_member(archive, MANIFEST, name), name, MANIFEST)
    return _Package(archive, name, limits, manifest).read()


class _Package:
    def __init__(self, archive, name: str, limits: ImportLimits, manifest):
        self.archive, self.name, self.limits, self.manifest = archive, name, limits, manifest
        self.where = Where(name)
        self.resources: dict[str, Any] = {}
        for resources in qti.children(manifest, "resources"):
            base = _base(resources)
            for resource in qti.children(resources, "resource"):
                self.resources[resource.get("identifier", "")] = (resource, posixpath.join(base, _base(resource)))

    def read(self) -> Package:
        kind = _kind(self.manifest)
        organization = self._organization()
        title = qti.text(next(iter(qti.children(organization, "title")), None)) if organization is not None else ""
        items = qti.children(organization, "item") if organization is not None else []
        if kind.startswith("IMS") and len(items) == 1 and not items[0].get("identifierref"):
            items = qti.children(items[0], "item") or items  # Common Cartridge's root "LearningModules" item
        units = [self._unit(item) for item in items]
        if not units:
            raise refuse(self.name, "has an empty organization: no module to import",
                         hint="export the course with its content", code="empty")
        return Package(self.name, title or _metadata_title(self.manifest) or units[0].title, kind, units,
                       _minutes(self.manifest))

    def _organization(self):
        organizations = next(iter(qti.children(self.manifest, "organizations")), None)
        if organizations is None:
            return None
        found = qti.children(organizations, "organization")
        default = organizations.get("default")
        return next((o for o in found if o.get("identifier") == default), found[0] if found else None)

    def _unit(self, item) -> Unit:
        title = qti.text(next(iter(qti.children(item, "title")), None)) or item.get("identifier", "untitled")
        documents, quizzes, links = [], [], []
        reference = item.get("identifierref")
        if reference:
            if reference not in self.resources:
                raise refuse(self.name, f"its organization names resource `{reference[:80]}`, which the manifest "
                                        "does not list", hint="the package is incomplete; export it again")
            self._resource(*self.resources[reference], documents, quizzes, links)
        return Unit(title, self.where.at(f"item “{title}”"), documents, quizzes, links,
                    [self._unit(child) for child in qti.children(item, "item")], _minutes(item))

    def _resource(self, resource, base: str, documents: list, quizzes: list, links: list) -> None:
        kind = (resource.get("type") or "").lower()
        files = [inside(base, f.get("href", ""), self.name) for f in qti.children(resource, "file") if f.get("href")]
        href = resource.get("href")
        main = inside(base, href, self.name) if href else (files[0] if files else None)
        if main is None:
            return
        if "qti" in kind or "assessment" in kind or "question-bank" in kind:
            quizzes += self._quizzes(main)
        elif "imswl" in kind:
            link = qti.parse_xml(self._member(main), self.name, main)
            url = next(iter(qti.descendants(link, "url")), None)
            links.append((qti.text(next(iter(qti.descendants(link, "title")), None)),
                          url.get("href", "") if url is not None else ""))
        elif "imsdt" in kind:
            topic = qti.parse_xml(self._member(main), self.name, main)
            body = qti.text(next(iter(qti.descendants(topic, "text")), None))
            if body:
                from .html_reader import read as read_html

                documents.append(read_html(body.encode("utf-8"), self.name, self.limits,
                                           where=Where(self.name, main)))
        else:
            page = self._page(main)
            if page is not None:
                documents.append(page)

    def _quizzes(self, part: str) -> list[Quiz]:
        folder = posixpath.dirname(part)
        return qti.read(self._member(part), self.name, part,
                        lambda href: self._member(inside(folder, href, self.name)))

    def _page(self, part: str) -> Document | None:
        suffix = posixpath.splitext(part)[1].lower()
        if suffix not in _PAGES:
            return None
        from importlib import import_module

        reader = import_module(f"{__package__}.{_PAGES[suffix]}")
        return reader.read(self._member(part), self.name, self.limits, where=Where(self.name, part))

    def _member(self, part: str) -> bytes:
        return read_member(self.archive, part, self.name)


def _base(element) -> str:
    return element.get("{http://www.w3.org/XML/1998/namespace}base", "") or ""


def _kind(manifest) -> str:
    """``IMS Common Cartridge 1.3``, ``SCORM 1.2``, ``SCORM 2004``... from the manifest's metadata and namespaces."""
    metadata = next(iter(qti.children(manifest, "metadata")), None)
    schema = qti.text(next(iter(qti.children(metadata, "schema")), None)) if metadata is not None else ""
    version = qti.text(next(iter(qti.children(metadata, "schemaversion")), None)) if metadata is not None else ""
    namespace = manifest.tag.split("}")[0].lower()
    if "common cartridge" in schema.lower() or "imscc" in namespace:
        return f"IMS Common Cartridge {version[:3] or '1.x'}".strip()
    if "scorm" in schema.lower() or "adlcp" in " ".join(manifest.attrib) or version.startswith(("1.2", "2004", "CAM")):
        return "SCORM 1.2" if version.startswith("1.2") else "SCORM 2004"
    return "content package"


def _metadata_title(manifest) -> str:
    for title in qti.descendants(manifest, "title"):
        strings = qti.descendants(title, "string") or qti.descendants(title, "langstring")
        if strings:
            return qti.text(strings[0])
    return ""


def _minutes(element) -> int | None:
    """Typical learning time from the element's own metadata (LOM), if it states one."""
    for metadata in qti.children(element, "metadata"):
        for found in qti.descendants(metadata, "typicalLearningTime") + qti.descendants(metadata, "typicallearningtime"):
            value = qti.text(next(iter(qti.descendants(found, "duration")), None)) or qti.text(found)
            minutes = cues.iso_minutes(value) if value else None
            if minutes:
                return minutes
    return None
