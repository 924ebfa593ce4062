#!/bin/sh
# Makes docs/img/redline-page.png: a redline of hld2013 against a copy with a few edits
# (the picture in docs/redline.md). Run from the repository root: sh scripts/redline-picture.sh
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r content "$work/content"
git -C "$work" init -q
git -C "$work" add content
git -C "$work" -c user.name=Secretariat -c user.email=secretariat@example.org commit -qm "first draft"
git -C "$work" tag draft-1
f="$work/content/hld2013/body-1.yaml"
sed -i 's/The present document summarizes/The present document outlines/' "$f"
sed -i 's/The participants numbered about 80 and/The participants numbered about 85 and/' "$f"
sed -i 's/ This group carried out numerous activities, including the provision of technical advice to countries, subregional bodies, intergovernmental consultations, universities and civil society, and training, research, processing and updating of migration data\.//' "$f"
sed -i 's/international and regional labour mobility and its consequences for development\./international and regional labour mobility and its consequences for development; and\n              - |\n                the role of diasporas in the development of their countries of origin./' "$f"
PYTHONPATH=src python3 -m reportgen --project "$work" redline hld2013 --from draft-1 --kind rapporteur-report --pdf \
  --author "Secretariat" --revision 1 --out "$work/out" >/dev/null
pdf="$work/out/hld2013/hld2013-rapporteur-report-redline.pdf"
last=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')  # the list of changes: the last page, after the text
pdftoppm -r 60 -png -f "$last" -l "$last" "$pdf" "$work/changes"
pdftoppm -r 60 -png -f 5 -l 5 "$pdf" "$work/page"
python3 - "$work" <<'PY'
import sys, glob
from PIL import Image
work = sys.argv[1]
a, b = (Image.open(glob.glob(f"{work}/{n}-*.png")[0]) for n in ("changes", "page"))
out = Image.new("RGB", (a.width + b.width + 20, max(a.height, b.height)), "white")
out.paste(a, (0, 0)); out.paste(b, (a.width + 20, 0))
out.save("docs/img/redline-page.png", optimize=True)
PY
echo docs/img/redline-page.png
