"""Validate the XML parts of a DOCX against the ECMA-376 transitional schemas (tests/schemas/).

Each part first goes through markup-compatibility processing as a consumer that understands no
extension does it (ECMA-376 Part 3): elements and attributes of the namespaces a part declares
ignorable (mc:Ignorable) are dropped, and mc:AlternateContent is replaced by its mc:Fallback.
"""

from __future__ import annotations

import zipfile
from functools import lru_cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "schemas"
OOXML = SCHEMAS / "ecma-376-transitional"
DUBLIN_CORE = SCHEMAS / "dublin-core"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
ROOTS = [
    ("http://www.w3.org/XML/1998/namespace", DUBLIN_CORE / "xml.xsd"),
    ("http://schemas.openxmlformats.org/wordprocessingml/2006/main", OOXML / "wml.xsd"),
    ("http://schemas.openxmlformats.org/drawingml/2006/main", OOXML / "dml-main.xsd"),
    ("urn:schemas-microsoft-com:vml", OOXML / "vml-main.xsd"),
    ("urn:schemas-microsoft-com:office:office", OOXML / "vml-officeDrawing.xsd"),
    ("urn:schemas-microsoft-com:office:word", OOXML / "vml-wordprocessingDrawing.xsd"),
    ("http://schemas.openxmlformats.org/package/2006/content-types", OOXML / "opc-xsd" / "opc-contentTypes.xsd"),
    ("http://schemas.openxmlformats.org/package/2006/metadata/core-properties", OOXML / "opc-xsd" / "opc-coreProperties.xsd"),
    ("http://schemas.openxmlformats.org/package/2006/relationships", OOXML / "opc-xsd" / "opc-relationships.xsd"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/extended-properties", OOXML / "shared-documentPropertiesExtended.xsd"),
]


class _LocalDublinCore(etree.Resolver):
    """opc-coreProperties.xsd names the Dublin Core schemas by their web address: use the copies."""

    def resolve(self, url, public_id, context):  # type: ignore[no-untyped-def]
        name = url.rsplit("/", 1)[-1]
        if url.startswith("http://dublincore.org/") or (url.startswith("http") and name == "xml.xsd"):
            return self.resolve_filename(str(DUBLIN_CORE / name), context)
        return None


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    imports = "".join(f'<xsd:import namespace="{ns}" schemaLocation="{path.as_uri()}"/>' for ns, path in ROOTS)
    driver = f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{imports}</xsd:schema>'
    parser = etree.XMLParser()
    parser.resolvers.add(_LocalDublinCore())
    return etree.XMLSchema(etree.fromstring(driver.encode(), parser, base_url=(SCHEMAS / "driver.xsd").as_uri()))


def compatibility_processed(root: etree._Element) -> etree._Element:
    """The part as a consumer that understands no extension namespace reads it."""
    ignorable = set()
    for el in root.iter():
        prefixes = el.get(f"{{{MC}}}Ignorable")
        if prefixes:
            ignorable |= {el.nsmap[p] for p in prefixes.split() if p in el.nsmap}
            del el.attrib[f"{{{MC}}}Ignorable"]
    for alt in list(root.iter(f"{{{MC}}}AlternateContent")):
        fallback = alt.find(f"{{{MC}}}Fallback")
        parent = alt.getparent()
        index = parent.index(alt)
        parent.remove(alt)
        for offset, child in enumerate(list(fallback) if fallback is not None else []):
            parent.insert(index + offset, child)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if etree.QName(el).namespace in ignorable and el.getparent() is not None:
            el.getparent().remove(el)
            continue
        for attr in list(el.attrib):
            if attr.startswith("{") and attr[1:].split("}")[0] in ignorable:
                del el.attrib[attr]
    etree.cleanup_namespaces(root)
    return root


def schema_errors(docx: Path) -> list[str]:
    """'part: line: message' for every schema error in every XML part of `docx`."""
    errors: list[str] = []
    with zipfile.ZipFile(docx) as z:
        for name in z.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            root = compatibility_processed(etree.fromstring(z.read(name)))
            checker = schema()
            if not checker.validate(etree.ElementTree(root)):
                errors += [f"{name}: {e.line}: {e.message}" for e in checker.error_log]
    return errors
