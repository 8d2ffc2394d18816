"""The report in a real browser: opened offline, no request leaves file://, printed to A4.

Chromium (Debian's /usr/bin/chromium, driven by Playwright) opens the report from disk,
every request is recorded, and the page is printed to PDF as a user's "print to PDF"
would. The PDF is then read with poppler-utils (``pdfinfo``, ``pdftotext``, ``pdftoppm``;
Debian package poppler-utils) when installed: page count, the pays' name, the sections
in order, the last section (method and data) starting a page, and PNG pages that are not
blank. The PNG pages are also what a developer looks at when changing the print CSS (see
docs/REPORT.md).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ess_graph.i18n import t
from ess_graph.io.read import read_network
from ess_graph.report import SECTION_KEYS, territorial_report

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _print(browser, html: str, folder: Path) -> tuple[Path, list[str]]:
    page_file = folder / "report.html"
    page_file.write_text(html, encoding="utf-8")
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_file.as_uri())
    page.wait_for_selector("section#method h2")
    pdf = folder / "report.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    page.close()
    return pdf, requests


def _pages(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        return int(re.search(r"^Pages:\s+(\d+)", out.stdout, re.M).group(1))
    # Without poppler: count the page objects of the (uncompressed) page tree.
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


@pytest.mark.parametrize(
    ("scope", "lang", "name"),
    [({"territory": "brest"}, "fr", "Brest"), ({"pole": "adess_morlaix"}, "en", "Morlaix")],
)
def test_report_prints_offline_to_a4(browser, tmp_path, scope, lang, name):
    net = read_network(DEMO)
    pdf, requests = _print(browser, territorial_report(net, lang=lang, **scope), tmp_path)

    assert requests, "the page load itself is recorded"
    assert all(url.startswith("file://") for url in requests), requests
    assert pdf.stat().st_size > 20_000
    pages = _pages(pdf)
    assert pages >= 2

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext missing (apt-get install poppler-utils): text checks skipped")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert name in text
    titles = [f"{i}. {t(f'report.section.{key}', lang)}" for i, key in enumerate(SECTION_KEYS, 1)]
    # The contents list at the top repeats the titles: the headings are the last ones.
    positions = [text.rfind(title) for title in titles]
    assert all(p >= 0 for p in positions), titles
    assert positions == sorted(positions), "sections in order"
    # The print CSS starts the last section (method and data) on a new page.
    method_page = [p for p in text.split("\f") if titles[-1] in p][-1]
    assert method_page.lstrip().startswith(titles[-1])

    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm missing (apt-get install poppler-utils): PNG pages skipped")
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == pages
    image = pytest.importorskip("PIL.Image", reason="Pillow missing: blank-page check skipped")
    for png in pngs:
        with image.open(png) as im:
            lo, hi = im.convert("L").getextrema()
            assert lo < 128 < hi, f"{png.name} looks blank"
