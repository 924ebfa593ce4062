"""Drawings python-docx does not write: the DRAFT watermark.

Word's own watermark (Design > Watermark) is a VML text-path shape anchored in the page header,
behind the text and centred on the page's margins; LibreOffice reads it as a watermark too.
Being a floating shape in the header, it takes no room in the body: no page break moves.
"""

from __future__ import annotations

import logging
from xml.sax.saxutils import quoteattr

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph

log = logging.getLogger(__name__)

# The text-path shape type Word writes for WordArt and watermarks (o:spt 136), as Word writes it.
_SHAPETYPE = (
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">'
    "<v:formulas>"
    + "".join(
        f'<v:f eqn="{eqn}"/>'
        for eqn in ("sum #0 0 10800", "prod #0 2 1", "sum 21600 0 @1", "sum 0 0 @2", "sum 21600 0 @3", "if @0 @3 0",
                    "if @0 21600 @1", "if @0 0 @2", "if @0 @4 21600", "mid @5 @6", "mid @8 @5", "mid @7 @8",
                    "mid @6 @7", "sum @6 0 @5")
    )
    + "</v:formulas>"
    '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
    '<v:textpath on="t" fitshape="t"/>'
    '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/>'
    "</v:shapetype>"
)


def add_watermark(paragraph: Paragraph, text: str, number: int, font: str = "Times New Roman") -> None:
    """A light grey diagonal `text` behind the page, anchored in a header paragraph.

    `number` keeps the shape ids of several headers (first page, other pages) distinct."""
    shape = (
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w10="urn:schemas-microsoft-com:office:word">'
        "<w:rPr><w:noProof/></w:rPr><w:pict>"
        + (_SHAPETYPE if number == 1 else "")
        + f'<v:shape id="PowerPlusWaterMarkObject{number}" o:spid="_x0000_s{2048 + number}" type="#_x0000_t136" '
        'style="position:absolute;margin-left:0;margin-top:0;width:430pt;height:130pt;rotation:315;z-index:-251657216;'
        "mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
        'mso-position-vertical:center;mso-position-vertical-relative:margin" '
        'o:allowincell="f" fillcolor="#c8c8c8" stroked="f">'
        '<v:fill opacity=".5"/>'
        f'<v:textpath style="font-family:&quot;{font}&quot;;font-size:1pt" string={quoteattr(text)}/>'
        '<w10:wrap anchorx="margin" anchory="margin"/>'
        "</v:shape></w:pict></w:r>"
    )
    paragraph._p.append(parse_xml(shape))
