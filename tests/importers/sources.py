"""Source files for the import tests, built at test time with the libraries vetkit reads them with.

Each function returns the bytes of one file. The texts are short and plain; where a test needs a
harm to find, the words are planted in one named place (a speaker note of slide 7).
"""

from __future__ import annotations

import io
import zipfile
from textwrap import dedent

PLANTED = "Many of the girls we meet on night shift are child prostitutes."
OBJECTIVES = ("Identify three indicators of labor trafficking during a traffic stop.",
              "Refer a potential victim to the National Human Trafficking Hotline.")


def png() -> io.BytesIO:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 200, 200)).save(buffer, "PNG")
    buffer.seek(0)
    return buffer


def deck(*, sections: bool = False, slides: int = 0) -> bytes:
    """A ten-slide deck: title, objectives, two section headers, notes, a table, a picture with alt text.

    Slide 7's notes hold :data:`PLANTED`. ``sections`` adds PowerPoint sections (Introduction,
    Indicators, Referrals) in place of relying on the layouts; ``slides`` adds that many filler slides.
    """
    from pptx import Presentation
    from pptx.util import Inches

    presentation = Presentation()
    presentation.core_properties.title = "Human Trafficking: First Contact"
    layouts = {layout.name: layout for layout in presentation.slide_layouts}

    def slide(layout: str, title: str, lines=(), notes: str = ""):
        new = presentation.slides.add_slide(layouts[layout])
        new.shapes.title.text = title
        if lines:
            frame = new.placeholders[1].text_frame
            frame.text = lines[0]
            for line in lines[1:]:
                paragraph = frame.add_paragraph()
                paragraph.text = line.lstrip("-")
                paragraph.level = 1 if line.startswith("-") else 0
        if notes:
            new.notes_slide.notes_text_frame.text = notes
        return new

    first = slide("Title Slide", "Human Trafficking: First Contact")
    first.placeholders[1].text = "A roll-call briefing for patrol officers"
    slide("Title and Content", "Learning objectives", ["By the end of this briefing you will be able to:", *OBJECTIVES])
    slide("Section Header", "Indicators (30 minutes)")
    slide("Title and Content", "Labor trafficking happens in every industry",
          ["Agriculture, construction and restaurants", "-Debts that never shrink"],
          notes="Ask the room where they have seen workers who cannot leave.")
    pictured = slide("Title Only", "What a worksite can show")
    picture = pictured.shapes.add_picture(png(), Inches(1), Inches(2), Inches(2), Inches(2))
    picture._element.xpath("./p:nvPicPr/p:cNvPr")[0].set("descr", "Workers boarding a van before dawn")
    table_slide = slide("Title Only", "Indicators at a traffic stop")
    table = table_slide.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(6), Inches(1)).table
    for (row, column), text in {(0, 0): "Indicator", (0, 1): "What you may see", (1, 0): "Control of documents",
                                (1, 1): "The driver holds everyone's IDs"}.items():
        table.cell(row, column).text = text
    slide("Title and Content", "Talking to the person", ["Separate the person from the driver", "Use a trained interpreter"],
          notes=f"{PLANTED} Treat them as victims and call the hotline.")
    slide("Section Header", "Referrals")
    slide("Title and Content", "Who to call",
          ["National Human Trafficking Hotline: 1-888-373-7888", "Local victim services: (555) 010-2020"])
    slide("Title and Content", "Questions", ["Thank you"])
    for number in range(slides):
        slide("Title and Content", f"Indicator review {number + 1}",
              ["A worker who cannot leave the job site", "Wages held back to pay a debt"],
              notes="Walk through the indicator and ask for examples from patrol.")
    if sections:
        _add_sections(presentation, [("Introduction", 0, 2), ("Indicators", 2, 7), ("Referrals", 7, 10 + slides)])
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def _add_sections(presentation, sections) -> None:
    from lxml import etree

    p = "http://schemas.openxmlformats.org/presentationml/2006/main"
    p14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
    ids = [slide.slide_id for slide in presentation.slides]
    root = presentation.part._element
    ext_list = root.find(f"{{{p}}}extLst")
    if ext_list is None:
        ext_list = etree.SubElement(root, f"{{{p}}}extLst")
    ext = etree.SubElement(ext_list, f"{{{p}}}ext", uri="{521415D9-36F7-43E2-AB2F-B90AF26B5E84}")
    section_list = etree.SubElement(ext, f"{{{p14}}}sectionLst")
    for number, (name, start, end) in enumerate(sections):
        section = etree.SubElement(section_list, f"{{{p14}}}section", name=name,
                                   id=f"{{00000000-0000-0000-0000-00000000000{number}}}")
        listed = etree.SubElement(section, f"{{{p14}}}sldIdLst")
        for slide_id in ids[start:end]:
            etree.SubElement(listed, f"{{{p14}}}sldId", id=str(slide_id))


def plan(*, modules: int = 2) -> bytes:
    """A lesson plan: purpose, objectives, modules with an activity and debrief, a knowledge check, references.

    ``modules`` above 2 adds plain modules of a page each (for the speed figure).
    """
    import docx

    document = docx.Document()
    document.core_properties.title = "Human Trafficking: First Contact"
    document.core_properties.version = "2.1"
    document.add_paragraph("Human Trafficking: First Contact", style="Title")
    document.add_heading("Purpose", level=1)
    document.add_paragraph("Prepare patrol officers to recognize trafficking and respond to the person first.")
    document.add_heading("Target audience", level=1)
    document.add_paragraph("Patrol officers and field training officers.")
    document.add_heading("Learning objectives", level=1)
    document.add_paragraph("At the end of this lesson, participants will be able to:")
    for objective in OBJECTIVES:
        document.add_paragraph(objective, style="List Number")
    document.add_heading("Module 1: Indicators (45 minutes)", level=1)
    document.add_paragraph("Trafficking is compelled labor or commercial sex through force, fraud or coercion.")
    document.add_heading("Indicators in the field", level=2)
    document.add_paragraph("Look for control of documents, debts that grow, and workers who cannot speak for themselves.")
    document.add_heading("Activity 1: Role play - first contact (20 minutes)", level=2)
    document.add_paragraph("In pairs, one officer approaches a worker at a car wash; the other plays the worker.")
    document.add_heading("Debrief", level=3)
    document.add_paragraph("Time: 10 minutes")
    document.add_paragraph("Ask what the officer did to separate the worker from the supervisor.")
    document.add_heading("Knowledge check", level=2)
    for line in ("1. Which of these is an indicator of labor trafficking?", "a) A worker who owns a car",
                 "b) An employer who keeps the workers' passports *", "c) A worker on a lunch break",
                 "2. True or false: a person who agreed to the job cannot be a victim.", "a) True", "b) False",
                 "Answer: B", "3. Name the national hotline that takes tips around the clock.",
                 "Answer: The National Human Trafficking Hotline"):
        document.add_paragraph(line)
    document.add_heading("Module 2: Referrals (1 hour)", level=1)
    document.add_heading("Enabling objectives", level=2)
    document.add_paragraph("Call the hotline with the details a referral needs.", style="List Bullet")
    document.add_paragraph("Connect a potential victim with a local advocate before any interview.",
                           style="List Bullet")
    document.add_paragraph("Victim services come first; a referral never depends on cooperating with an investigation.")
    for number in range(3, modules + 1):
        document.add_heading(f"Module {number}: Case review {number}", level=1)
        for _ in range(12):
            document.add_paragraph("Officers review a case in which workers were housed by their employer and "
                                   "charged rent that grew every week, and discuss which facts point to control.")
    document.add_heading("References", level=1)
    for line in ("Trafficking Victims Protection Act, 22 U.S.C. § 7102.",
                 "National Human Trafficking Hotline: 1-888-373-7888",
                 "Polaris Project. On-Ramps, Intersections, and Exit Routes. Report, 2018."):
        document.add_paragraph(line, style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf(*, pages: int = 0, password: str | None = None) -> bytes:
    """A handout: a large title, bold module headings, body text, a numbered list; ``pages`` adds filler pages."""
    from fpdf import FPDF

    document = FPDF()
    document.set_title("Human Trafficking Handout")
    if password:
        document.set_encryption(owner_password="owner", user_password=password)

    def line(text: str, size: int, style: str = "", gap: float = 2) -> None:
        document.set_font("Helvetica", style, size)
        document.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        document.ln(gap)

    document.add_page()
    line("Human Trafficking Handout", 20, "B", 4)
    line("Learning objectives", 14, "B")
    for number, objective in enumerate(OBJECTIVES, start=1):
        line(f"{number}. {objective}", 11, gap=0)
    document.ln(3)
    line("Recognizing labor trafficking", 14, "B")
    line("Labor trafficking is found in agriculture, construction, restaurants and domestic work. "
         "Workers may owe debts that never shrink and may not hold their own identity documents.", 11)
    document.add_page()
    line("Responding at first contact", 14, "B")
    line("Separate the person from anyone who may control them. Use a trained interpreter, never a companion. "
         "Call the National Human Trafficking Hotline at 1-888-373-7888.", 11)
    for number in range(pages):
        document.add_page()
        line(f"Case review {number + 1}", 14, "B")
        for _ in range(6):
            line("Officers review a case in which workers were housed by their employer and charged rent that "
                 "grew every week, and discuss which facts point to control and which point to a labor dispute.", 11)
    return bytes(document.output())


MARKDOWN = dedent("""\
    # Trafficking awareness for dispatchers

    ## Learning objectives

    - Identify questions that reveal a caller may be controlled by someone else.
    - Route a possible trafficking call to the right responder.

    ## Taking the call (20 minutes)

    Callers may not say the word trafficking. Listen for someone who cannot leave work.

    | Cue | What to ask |
    | --- | --- |
    | Caller is not alone | Are you safe to talk? |

    ![A dispatcher at a console](console.png)

    ## Quiz

    1. What should a call-taker ask first?
       a) The caller's immigration status
       b) Whether the caller is safe to talk *
    """)

HTML = dedent("""\
    <!DOCTYPE html>
    <html><head><title>Working with interpreters</title></head>
    <body>
    <nav><a href="index.html">Home</a></nav>
    <h1>Working with interpreters</h1>
    <h2>Objectives</h2>
    <ul><li>Arrange a qualified interpreter before an interview begins.</li></ul>
    <h2>Why it matters</h2>
    <p>A companion who offers to interpret may be the person who controls the victim.</p>
    <div>Use a telephone interpreter line when no one is on site.</div>
    <img src="phone.png" alt="An officer on a phone call with an interpreter">
    <h2>Resources</h2>
    <ul><li>National Human Trafficking Hotline: 1-888-373-7888</li></ul>
    <script>alert("never read")</script>
    </body></html>
    """)

PAGE_1 = "<html><body><h2>Defining the crime</h2><p>Trafficking is compelled labor or commercial sex.</p></body></html>"
PAGE_2 = ("<html><body><h2>Working with victim services</h2><p>Advocates help people regain safety; "
          "their help never depends on cooperating with police.</p></body></html>")

QTI_1_2 = dedent("""\
    <?xml version="1.0" encoding="UTF-8"?>
    <questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2">
      <assessment ident="QUIZ1" title="Module 2 knowledge check">
        <section ident="root">
          <item ident="I1" title="Indicator">
            <itemmetadata><qtimetadata><qtimetadatafield><fieldlabel>cc_profile</fieldlabel>
              <fieldentry>cc.multiple_choice.v0p1</fieldentry></qtimetadatafield></qtimetadata></itemmetadata>
            <presentation>
              <material><mattext texttype="text/html">&lt;p&gt;Which of these is an indicator of trafficking?&lt;/p&gt;</mattext></material>
              <response_lid ident="R1" rcardinality="Single">
                <render_choice>
                  <response_label ident="A"><material><mattext>The worker cannot keep their own passport</mattext></material></response_label>
                  <response_label ident="B"><material><mattext>The worker takes a lunch break</mattext></material></response_label>
                </render_choice>
              </response_lid>
            </presentation>
            <resprocessing>
              <outcomes><decvar varname="SCORE" vartype="Decimal" minvalue="0" maxvalue="100"/></outcomes>
              <respcondition continue="No"><conditionvar><varequal respident="R1">A</varequal></conditionvar>
                <setvar varname="SCORE" action="Set">100</setvar></respcondition>
            </resprocessing>
          </item>
          <item ident="I2" title="Consent">
            <presentation>
              <material><mattext>Initial consent to a job means the person cannot be a trafficking victim.</mattext></material>
              <response_lid ident="R2" rcardinality="Single">
                <render_choice>
                  <response_label ident="T"><material><mattext>True</mattext></material></response_label>
                  <response_label ident="F"><material><mattext>False</mattext></material></response_label>
                </render_choice>
              </response_lid>
            </presentation>
            <resprocessing>
              <respcondition><conditionvar><varequal respident="R2">F</varequal></conditionvar>
                <setvar varname="SCORE" action="Set">100</setvar></respcondition>
            </resprocessing>
          </item>
        </section>
      </assessment>
    </questestinterop>
    """)

WEBLINK = dedent("""\
    <?xml version="1.0" encoding="UTF-8"?>
    <webLink xmlns="http://www.imsglobal.org/xsd/imsccv1p3/imswl_v1p3">
      <title>Polaris: recognizing the signs</title>
      <url href="https://polarisproject.org/recognizing-the-signs/"/>
    </webLink>
    """)


def cartridge(*, manifest: str | None = None, extra: dict[str, bytes | str] | None = None) -> bytes:
    """An IMS Common Cartridge 1.3: two modules (web pages), a QTI 1.2 quiz and a web link in module 2."""
    files = {"imsmanifest.xml": manifest or CC_MANIFEST, "module1/page.html": PAGE_1, "module2/page.html": PAGE_2,
             "module2/quiz/assessment.xml": QTI_1_2, "module2/link.xml": WEBLINK, **(extra or {})}
    return zipped(files)


CC_MANIFEST = dedent("""\
    <?xml version="1.0" encoding="UTF-8"?>
    <manifest identifier="CC1" xmlns="http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
              xmlns:lomimscc="http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest">
      <metadata>
        <schema>IMS Common Cartridge</schema>
        <schemaversion>1.3.0</schemaversion>
        <lomimscc:lom><lomimscc:general><lomimscc:title><lomimscc:string>Trafficking basics for patrol</lomimscc:string></lomimscc:title></lomimscc:general></lomimscc:lom>
      </metadata>
      <organizations>
        <organization identifier="ORG1" structure="rooted-hierarchy">
          <item identifier="LearningModules">
            <item identifier="MOD1"><title>Module 1: Defining the crime</title>
              <item identifier="I1" identifierref="RES1"><title>Defining the crime</title></item>
            </item>
            <item identifier="MOD2"><title>Module 2: Victim services</title>
              <item identifier="I2" identifierref="RES2"><title>Working with victim services</title></item>
              <item identifier="I3" identifierref="RES3"><title>Knowledge check</title></item>
              <item identifier="I4" identifierref="RES4"><title>Polaris: recognizing the signs</title></item>
            </item>
          </item>
        </organization>
      </organizations>
      <resources>
        <resource identifier="RES1" type="webcontent" href="module1/page.html"><file href="module1/page.html"/></resource>
        <resource identifier="RES2" type="webcontent" href="module2/page.html"><file href="module2/page.html"/></resource>
        <resource identifier="RES3" type="imsqti_xmlv1p2/imscc_xmlv1p3/assessment"><file href="module2/quiz/assessment.xml"/></resource>
        <resource identifier="RES4" type="imswl_xmlv1p3"><file href="module2/link.xml"/></resource>
      </resources>
    </manifest>
    """)

QTI_2_1 = dedent("""\
    <?xml version="1.0" encoding="UTF-8"?>
    <assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="Q1" title="Interpreters">
      <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
        <correctResponse><value>C2</value></correctResponse>
      </responseDeclaration>
      <itemBody>
        <choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="1">
          <prompt>Who should interpret during a victim interview?</prompt>
          <simpleChoice identifier="C1">The person's employer</simpleChoice>
          <simpleChoice identifier="C2">A trained, neutral interpreter</simpleChoice>
        </choiceInteraction>
      </itemBody>
    </assessmentItem>
    """)


def scorm(version: str = "1.2") -> bytes:
    """A SCORM package: two SCOs (web pages) and, in SCORM 2004, a QTI 2.1 item."""
    schemaversion = "1.2" if version == "1.2" else "2004 4th Edition"
    quiz_item = ('<item identifier="ITEM3" identifierref="RES3"><title>Check your understanding</title></item>'
                 if version != "1.2" else "")
    quiz_resource = ('<resource identifier="RES3" type="imsqti_item_xmlv2p1" adlcp:scormType="asset" '
                     'href="quiz/item.xml"><file href="quiz/item.xml"/></resource>' if version != "1.2" else "")
    manifest = dedent(f"""\
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest identifier="SCORM1" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
                  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
          <metadata><schema>ADL SCORM</schema><schemaversion>{schemaversion}</schemaversion></metadata>
          <organizations default="ORG1">
            <organization identifier="ORG1">
              <title>Labor trafficking for patrol</title>
              <item identifier="ITEM1" identifierref="RES1"><title>Defining the crime</title></item>
              <item identifier="ITEM2" identifierref="RES2"><title>Working with victim services</title></item>
              {quiz_item}
            </organization>
          </organizations>
          <resources>
            <resource identifier="RES1" type="webcontent" adlcp:scormtype="sco" href="sco1/index.html"><file href="sco1/index.html"/></resource>
            <resource identifier="RES2" type="webcontent" adlcp:scormtype="sco" href="sco2/index.html"><file href="sco2/index.html"/></resource>
            {quiz_resource}
          </resources>
        </manifest>
        """)
    return zipped({"imsmanifest.xml": manifest, "sco1/index.html": PAGE_1, "sco2/index.html": PAGE_2,
                   "quiz/item.xml": QTI_2_1})


def zipped(files: dict[str, bytes | str], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A ZIP archive of ``files`` (name → content)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content.encode("utf-8") if isinstance(content, str) else content)
    return out.getvalue()
