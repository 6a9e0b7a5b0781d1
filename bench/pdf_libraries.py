"""Which PDF library reads vetkit's PDFs best: word accuracy and time for pypdfium2, pypdf and pdfplumber.

    pip install pypdf pdfplumber   # the two vetkit does not use, to compare
    python bench/pdf_libraries.py

Writes two PDFs with fpdf2 whose words are known: a 30-page lesson plan (headings, paragraphs,
numbered lists) and 10 pages set in two columns. For each library installed, prints the median
time to extract all text and the word accuracy (difflib ratio of the extracted words to the
written ones, in reading order), with pypdfium2's time as the baseline of the ratios.
"""

from __future__ import annotations

import difflib
import io
import random
import re
import statistics
import time


def plan_pdf() -> tuple[bytes, list[str]]:
    from fpdf import FPDF

    rng = random.Random(20261125)
    words = ("victim trafficking officer indicator labor service referral interview trauma hotline consent "
             "control debt wage passport employer shelter advocate language interpreter document").split()
    written: list[str] = []
    pdf = FPDF()
    for page in range(30):
        pdf.add_page()
        for style, size, text in ([("B", 16, f"Module {page + 1}: Indicators of labor trafficking")]
                                  + [("", 11, " ".join(rng.choice(words) for _ in range(40)) + ".") for _ in range(4)]
                                  + [("B", 12, "Activity: Spot the signs (20 minutes)")]
                                  + [("", 11, f"{n}. " + " ".join(rng.choice(words) for _ in range(12)))
                                     for n in (1, 2, 3)]):
            pdf.set_font("Helvetica", style, size)
            pdf.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")
            written.append(text)
    return bytes(pdf.output()), written


def columns_pdf() -> tuple[bytes, list[str]]:
    from fpdf import FPDF

    rng = random.Random(7)
    words = "victim's trafficking officer indicator labor-service cafe referral interview trauma consent debt".split()
    written: list[str] = []
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    for _ in range(10):
        pdf.add_page()
        pdf.set_font("Helvetica", "", 10)
        for x in (10, 110):
            text = " ".join(rng.choice(words) for _ in range(120)) + "."
            pdf.set_xy(x, 20)
            pdf.multi_cell(90, 5, text, new_x="LEFT", new_y="NEXT")
            written.append(text)
    return bytes(pdf.output()), written


def with_pypdfium2(data: bytes) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def with_pypdf(data: bytes) -> str:
    import pypdf

    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def with_pdfplumber(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() for page in pdf.pages)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def main() -> None:
    libraries = {"pypdfium2": with_pypdfium2, "pypdf": with_pypdf, "pdfplumber": with_pdfplumber}
    for title, (data, written) in (("30-page lesson plan", plan_pdf()), ("10 pages in two columns", columns_pdf())):
        print(f"{title} ({len(data):,} bytes)")
        baseline = None
        for name, extract in libraries.items():
            try:
                extract(data)
            except ImportError:
                print(f"  {name:<11} not installed")
                continue
            times = []
            for _ in range(3):
                start = time.perf_counter()
                text = extract(data)
                times.append(time.perf_counter() - start)
            median = statistics.median(times)
            baseline = baseline or median
            accuracy = difflib.SequenceMatcher(None, words(" ".join(written)), words(text), autojunk=False).ratio()
            print(f"  {name:<11} {median * 1000:8.1f} ms  {median / baseline:6.1f}x  word accuracy {accuracy:.3f}")


if __name__ == "__main__":
    main()
