"""Headless Chromium for the HTML report tests: the DOM after load, screenshots, PDFs and layout facts.

Chromium is installed with ``apt-get install -y chromium`` where it is missing and the tests run
as root; elsewhere the browser tests are skipped with the reason. Set ``VETKIT_SCREENSHOTS`` to a
folder to keep the screenshots.

:meth:`Browser.layout` measures what a reader would see at a given window width. The report pages
carry no script and forbid one, so the page is loaded unchanged into a frame of that width
(``srcdoc``, so its own policy still applies inside) and a script in the outer page measures it
once it has loaded (``PROBE`` below); the DOM dump carries the findings back.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars")


def _find_browser() -> str | None:
    return next((shutil.which(name) for name in BROWSERS if shutil.which(name)), None)


def _install_browser() -> str:
    """Try apt-get (as root); return why it failed, or an empty string."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "not running as root, so `apt-get install chromium` is not possible"
    if not shutil.which("apt-get"):
        return "no apt-get on this machine"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        subprocess.run(["apt-get", "update"], env=env, capture_output=True, timeout=600, check=False)
        done = subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "chromium"], env=env,
                              capture_output=True, text=True, timeout=1200, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"apt-get failed: {err}"
    return "" if done.returncode == 0 else f"apt-get install chromium failed: {done.stderr.strip()[-300:]}"


class Browser:
    """Headless Chromium, one fresh profile per run."""

    def __init__(self, path: str, scratch: Path):
        self.path = path
        self.scratch = scratch
        self.runs = 0

    def run(self, target: Path, *args: str) -> subprocess.CompletedProcess:
        self.runs += 1
        profile = self.scratch / f"profile-{self.runs}"
        command = [self.path, *FLAGS, f"--user-data-dir={profile}", *args, target.as_uri()]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)

    def dom(self, target: Path) -> tuple[str, str]:
        """The DOM after load, and the browser's log (console messages included)."""
        done = self.run(target, "--dump-dom", "--enable-logging=stderr", "--v=0")
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout, done.stderr

    def screenshot(self, target: Path, out: Path, size: str = "1280,2000") -> Path:
        done = self.run(target, f"--screenshot={out}", f"--window-size={size}")
        assert done.returncode == 0 and out.exists(), done.stderr[-2000:]
        keep = os.environ.get("VETKIT_SCREENSHOTS")
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(out, Path(keep) / out.name)
        return out

    def layout(self, target: Path, width: int, selectors: tuple[str, ...] = ()) -> dict:
        """Layout facts of the page ``target`` in a viewport ``width`` pixels wide (see ``PROBE``)."""
        page = html.escape(target.read_text(encoding="utf-8"), quote=True)
        probe = target.with_name(f"{target.stem}.probe-{width}.html")
        probe.write_text(
            '<!DOCTYPE html><html><body style="margin:0">'
            f'<iframe id="page" style="border:0;width:{width}px;height:2000px" srcdoc="{page}"></iframe>'
            f"<script>{PROBE}\nconst frame = document.getElementById('page');\n"
            "frame.addEventListener('load', () => {\n"
            "  const out = document.createElement('pre'); out.id = 'vetkit-layout-facts';\n"
            f"  out.textContent = JSON.stringify(probe(frame.contentWindow, {json.dumps(list(selectors))}));\n"
            "  document.body.appendChild(out);\n});</script></body></html>", encoding="utf-8")
        done = self.run(probe, "--dump-dom", f"--window-size={max(width, 500) + 40},2100")
        assert done.returncode == 0, done.stderr[-2000:]
        found = re.search(r'<pre id="vetkit-layout-facts">(.*?)</pre>', done.stdout, re.DOTALL)
        assert found, f"the probe did not run: {done.stderr[-2000:]}"
        facts = json.loads(html.unescape(found.group(1)))
        assert facts["viewport"] == width, facts["viewport"]
        return facts


@pytest.fixture(scope="session")
def browser(tmp_path_factory) -> Browser:
    path = _find_browser()
    if path is None:
        why = _install_browser()
        path = _find_browser()
        if path is None:
            pytest.skip(f"headless Chromium is not available: {why or 'not found after installing'}")
    return Browser(path, tmp_path_factory.mktemp("chromium"))


def console_errors(log: str) -> list[str]:
    return [line for line in log.splitlines()
            if "Uncaught" in line or "ERROR:CONSOLE" in line or "Content Security Policy" in line]


#: ``probe(window, selectors)`` measures the page in ``window`` as laid out: its viewport width and
#: scroll width; elements that stick out of the viewport outside any scroll container; the
#: horizontal scroll containers; every visible run of text with its size on screen in pixels (SVG
#: text scaled by its transform) and whether it is in a chart; rule ids (``TI-07``) broken across
#: two lines; the boxes of the elements that match ``selectors``.
PROBE = r"""function probe(win, selectors) {
  const doc = win.document;
  const width = doc.documentElement.clientWidth;
  const style = (el) => win.getComputedStyle(el);
  const inScroller = (el) => {
    for (let p = el.parentElement; p && p !== doc.body; p = p.parentElement)
      if (["auto", "scroll", "hidden", "clip"].includes(style(p).overflowX)) return true;
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (el.getAttribute("class") ? "." + el.getAttribute("class").trim().split(/\s+/).join(".") : "");
  const snippet = (text) => text.replace(/\s+/g, " ").trim().slice(0, 60);
  const all = [...doc.body.querySelectorAll("*")];
  const overflowing = all.filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && (box.right > width + 0.5 || box.left < -0.5) && !inScroller(el);
  }).map((el) => name(el) + " " + snippet(el.textContent || ""));
  const scrollers = all.filter((el) => style(el).overflowX === "auto").map((el) => ({
    element: name(el), clientWidth: el.clientWidth, scrollWidth: el.scrollWidth,
    right: el.getBoundingClientRect().right}));
  const texts = [];
  const splitIds = [];
  const walker = doc.createTreeWalker(doc.body, 4);  // text nodes
  const range = doc.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim()) continue;
    range.selectNodeContents(node);
    if (![...range.getClientRects()].some((r) => r.width > 0 && r.height > 0)) continue;
    const el = node.parentElement;
    const svg = el.namespaceURI === "http://www.w3.org/2000/svg" && el.getScreenCTM();
    const px = parseFloat(style(el).fontSize) * (svg ? el.getScreenCTM().a : 1);
    texts.push({px: Math.round(px * 100) / 100, chart: !!el.closest(".chart"), element: name(el),
                text: snippet(node.data)});
    for (const match of node.data.matchAll(/\b[A-Z]{2,}-\d+\b/g)) {
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) splitIds.push(match[0] + " in " + name(el));
    }
  }
  const boxes = {};
  for (const selector of selectors) {
    boxes[selector] = [...doc.querySelectorAll(selector)].map((el) => {
      const box = el.getBoundingClientRect();
      return {left: box.left, right: box.right, width: box.width, height: box.height};
    });
  }
  return {viewport: width, pageWidth: doc.documentElement.scrollWidth, overflowing, scrollers, texts, splitIds,
          boxes};
}
"""
