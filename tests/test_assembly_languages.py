"""Generated chapters in Arabic, Russian and Chinese, and the grammar the phrase catalogues carry as data.

The catalogues of the six UN languages have the same keys; the small meeting of test_assembly.py is
written in each of the three (counts agreeing with their nouns, the Arabic dual, a woman opening
the session, Chinese word order); the examples are built as language editions and read back from
the PDF (pdftotext) and the DOCX (python-docx); French and Spanish contract "de le", "de el"."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from click.testing import CliRunner

from reportgen.build.meeting import BuildOptions, build_meeting, render_meeting
from reportgen.cli import main
from reportgen.content import schema
from reportgen.core.project import Project
from reportgen.render.mentions import speaker_line
from reportgen.style.grammar import Forms, contract, fill
from reportgen.style.labels import Labels
from reportgen.style.phrases import Phrases

from .conftest import REPO
from .test_assembly import SMALL, assembler, block, project_with, text

PHRASES = REPO / "templates" / "phrases"
UN_LANGUAGES = ("en", "es", "fr", "ar", "ru", "zh")
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# English words of the packaged phrases; none may be left in a chapter generated in another language.
# (Agenda item titles and document titles are content: untranslated, they stay English.)
ENGLISH_PHRASES = ("held its", "opened the session", "was attended by", "also attended", "were represented", "elected the following",
                   "adopted the following agenda", "had before it", "made statements", "adopted the present report",
                   "Opening, duration", "Attendance", "Documentation", ") and ")


def catalogue(language: str) -> dict[str, Any]:
    return yaml.safe_load((PHRASES / f"{language}.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("language", UN_LANGUAGES[1:])
def test_every_catalogue_has_the_keys_of_the_english_one_and_loads_clean(language: str) -> None:
    english, other = catalogue("en"), catalogue(language)
    assert set(other) == set(english)
    for key in ("organs", "offices", "headings", "elected_how", "agreement"):
        assert set(other[key]) >= set(english[key]), key
    path = [REPO / "templates"]
    phrases = Phrases.load(Labels.load(language, path), path)  # validation of the merged catalogue: no problem
    assert phrases.language == language


# --------------------------------------------------------------------------- the small meeting in ar, ru, zh

OFFICERS = {
    "ar": ["انتخبت اللجنة بالتزكية أعضاء المكتب التالية أسماؤهم:",
           "- الرئيسة: السيدة Anaru Tevita (فيجي)",
           "- نائبا الرئيس: السيد Karma Dorji (بوتان) والسيدة Nilufar Rahimova (أوزبكستان)"],
    "ru": ["Комитет избрал путем аккламации следующих должностных лиц:",
           "- Председатель: г-жа Anaru Tevita (Фиджи)",
           "- Заместители Председателя: г-н Karma Dorji (Бутан) и г-жа Nilufar Rahimova (Узбекистан)"],
    "zh": ["委员会以鼓掌方式选出下列主席团成员：",
           "- 主席：Anaru Tevita女士（斐济）",
           "- 副主席：Karma Dorji先生（不丹）和Nilufar Rahimova女士（乌兹别克斯坦）"],
}


@pytest.mark.parametrize("language", ["ar", "ru", "zh"])
def test_officers_agree_with_their_holders(tmp_path: Path, language: str) -> None:
    assert text(assembler(tmp_path, SMALL, language).block(block("officers"))) == OFFICERS[language]


STATEMENTS = {
    "ar": ["أدلى ببيانات ممثلو الأعضاء التالية أسماؤهم: شيلي وإيطاليا.",
           "أدلى ببيان ممثل العضو التالي: شيلي."],
    "ru": ["С заявлениями выступили представители следующих членов: Чили и Италия.",
           "С заявлением выступил представитель следующего члена: Чили."],
    "zh": ["下列成员的代表作了发言：智利和意大利。", "下列成员的代表作了发言：智利。"],
}


@pytest.mark.parametrize("language", ["ar", "ru", "zh"])
def test_statements_of_one_and_two_members(tmp_path: Path, language: str) -> None:
    a = assembler(tmp_path, SMALL, language)
    assert text(a.block(block("statements", "two"))) + text(a.block(block("statements", "one"))) == STATEMENTS[language]


@pytest.mark.parametrize(("language", "count", "expected"), [
    ("ar", 2, "حضر الدورة ممثلو عضوين في اللجنة:"),
    ("ar", 5, "حضر الدورة ممثلو خمسة أعضاء في اللجنة:"),
    ("ar", 25, "حضر الدورة ممثلو 25 عضوا في اللجنة:"),
    ("ar", 100, "حضر الدورة ممثلو 100 عضو في اللجنة:"),
    ("ru", 5, "На сессии присутствовали представители пяти членов Комитета:"),
    ("ru", 21, "На сессии присутствовали представители 21 члена Комитета:"),
    ("ru", 25, "На сессии присутствовали представители 25 членов Комитета:"),
    ("zh", 2, "委员会两个成员的代表出席了会议："),
    ("zh", 25, "委员会25个成员的代表出席了会议："),
])
def test_counts_agree_with_the_noun_they_count(tmp_path: Path, language: str, count: int, expected: str) -> None:
    codes = ["ARG", "AUS", "BGD", "BOL", "BRA", "CAN", "CHL", "CHN", "COL", "CRI", "CUB", "DEU", "ECU", "EGY", "ESP",
             "FJI", "FRA", "GTM", "IND", "IRN", "ITA", "JPN", "KEN", "MEX", "NPL", "PAK", "PER", "PHL", "THA", "TUR", "URY"]
    data = copy.deepcopy(SMALL)
    data["proceedings"]["attendance"] = {"members": codes[:count]}
    for item in data["agenda"]["items"]:
        item.pop("statements", None)
    a = assembler(tmp_path, data, language)
    if count > len(codes):  # as many members as no list of distinct codes gives: the count alone is checked
        assert a.p.say("attendance_members", count=count, n=a.p.number(count), list="…").startswith(expected)
        return
    assert text(a.block(block("attendance")))[0].startswith(expected)


def test_a_woman_opening_and_closing_makes_the_verbs_agree(tmp_path: Path) -> None:
    data = copy.deepcopy(SMALL)
    data["proceedings"]["opening"] = {"by": {"person": "tevita"}, "welcome_address": True}
    data["proceedings"]["closing"] = {"by": {"person": "dorji"}}
    expected = {
        "ru": ("Г-жа Anaru Tevita открыла сессию и выступила с приветственным словом.",
               "Г-н Karma Dorji закрыл сессию 1 декабря 2017 года."),
        "ar": ("افتتحت السيدة Anaru Tevita الدورة بكلمة ترحيبية.", "اختتم السيد Karma Dorji الدورة في 1 ديسمبر 2017."),
        "zh": ("Anaru Tevita女士宣布会议开幕并致欢迎辞。", "Karma Dorji先生于2017年12月1日宣布会议闭幕。"),
    }
    for language, (opened, closed) in expected.items():
        a = assembler(tmp_path, data, language)
        assert opened in text(a.block(block("opening")))[0]
        assert text(a.block(block("closing"))) == [closed]


def test_russian_sessions_take_the_case_and_gender_of_their_phrase(tmp_path: Path) -> None:
    data = copy.deepcopy(SMALL)
    data["meeting"] |= {"organ": "conference", "session_number": 10}
    pieces = text(assembler(tmp_path, data, "ru").block(block("organization"), "org", 2))
    assert pieces[0] == "A. Открытие, продолжительность и организация работы совещания"
    assert pieces[1].startswith("Конференция провела свое десятое совещание в городе Bangkok с 29 ноября по 1 декабря 2017 года.")
    assert "На совещании присутствовали представители пяти членов Конференции:" in pieces[3]


def test_grammar_devices_are_plain_data() -> None:
    word = Forms({"nom": "сессия", "gen": "сессии"})
    assert str(word) == "сессия" and fill("закрытие {w:gen}, {w}", {"w": word}, {}) == "закрытие сессии, сессия"
    assert fill("{missing}x{w:gen}", {"w": "plain"}, {}) == "xplain"  # a plain text ignores the form asked
    assert contract("au nom de ", "le Comité", {"de le": "du"}) == "au nom du Comité"
    assert contract("au nom de ", "les États membres", {"de les": "des"}) == "au nom des États membres"
    assert contract("en nombre de ", "El Salvador", {"de el": "del"}) == "en nombre de El Salvador"
    assert contract("garde le ", "le texte", {"de le": "du"}) == "garde le le texte"  # only the pair, at the junction


@pytest.mark.parametrize(("override", "message"), [
    ('held: "{The_organ} провел{agr} {the_session:dat}"\n', "phrases/ru.yaml:1:1: held: unknown form 'dat' (the forms given: acc, gen, nom, prep)"),
    ("attendance_members: {one: x, many: {one: y, few: z}}\n", "attendance_members.many: expected a text, or a mapping by CLDR plural category"),
    ('organs: {committee: {the: Комитет, The: Комитет, of_the: Комитета, session: "{ordinal} сессию", session_gender: x, the_session: сессия}}\n', "organs.committee.session_gender: expected one of the ordinals' genders: f, m, n"),
    ('list_patterns: {two: "{first} {third}"}\n', "list_patterns: expected two, middle and end, each a text using only {first} and {second}"),
    ("ordinal_tens: {round: {x: {30: тридцатую}}}\n", "phrases/ru.yaml:1:1: ordinal_tens.round.x: unknown gender; expected one of the ordinals' genders: f, m, n"),
    ("ordinal_tens: {tens: {25: двадцать пять}}\n", "ordinal_tens.tens: expected a mapping of tens (20, 30 … 90) to texts"),
    ('ordinal_tens: {join_for: {"{tens} {city}": [21]}}\n', "ordinal_tens.join_for: expected a mapping of patterns using only {tens} and {unit}"),
    ("ordinal_tens: {units: {f: двадцать}}\n", "ordinal_tens.units.f: expected a list of the ordinals 1, 2, 3 … as they end a compound"),
])
def test_a_broken_grammar_override_is_one_located_line(tmp_path: Path, override: str, message: str) -> None:
    data = copy.deepcopy(SMALL)
    data["document"]["language"] = "ru"
    (tmp_path / "templates" / "phrases").mkdir(parents=True)
    (tmp_path / "templates" / "phrases" / "ru.yaml").write_text(override, encoding="utf-8")
    project_with(tmp_path, data)
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "build", "small", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert message in result.output, result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.pdf"))


# --------------------------------------------------------------------------- ordinals above twenty

# 21, 30, 33, 40, 74, 99 in each gender of each catalogue, as UN documents spell them
ORDINALS = {
    ("es", "m"): ["vigésimo primer", "trigésimo", "trigésimo tercer", "cuadragésimo", "septuagésimo cuarto", "nonagésimo noveno"],
    ("es", "f"): ["vigésima primera", "trigésima", "trigésima tercera", "cuadragésima", "septuagésima cuarta", "nonagésima novena"],
    ("ar", "m"): ["الحادي والعشرين", "الثلاثين", "الثالث والثلاثين", "الأربعين", "الرابع والسبعين", "التاسع والتسعين"],
    ("ar", "f"): ["الحادية والعشرين", "الثلاثين", "الثالثة والثلاثين", "الأربعين", "الرابعة والسبعين", "التاسعة والتسعين"],
    ("ru", "m"): ["двадцать первый", "тридцатый", "тридцать третий", "сороковой", "семьдесят четвертый", "девяносто девятый"],
    ("ru", "f"): ["двадцать первую", "тридцатую", "тридцать третью", "сороковую", "семьдесят четвертую", "девяносто девятую"],
    ("ru", "n"): ["двадцать первое", "тридцатое", "тридцать третье", "сороковое", "семьдесят четвертое", "девяносто девятое"],
} | {(language, gender): words for language, words in {  # the same in both genders
    "en": ["twenty-first", "thirtieth", "thirty-third", "fortieth", "seventy-fourth", "ninety-ninth"],
    "fr": ["vingt et unième", "trentième", "trente-troisième", "quarantième", "soixante-quatorzième", "quatre-vingt-dix-neuvième"],
    "zh": ["第二十一", "第三十", "第三十三", "第四十", "第七十四", "第九十九"],
}.items() for gender in ("m", "f")}


def packaged_phrases(language: str, folders: tuple[Path, ...] = ()) -> Phrases:
    path = [*folders, REPO / "templates"]
    return Phrases.load(Labels.load(language, path), path)


def test_the_ordinals_table_covers_every_gender_of_every_catalogue() -> None:
    assert {(language, gender) for language in UN_LANGUAGES for gender in catalogue(language)["ordinals"]} == set(ORDINALS)


@pytest.mark.parametrize(("language", "gender"), list(ORDINALS))
def test_ordinals_above_twenty_are_composed_from_the_catalogue(language: str, gender: str) -> None:
    phrases = packaged_phrases(language)
    assert [phrases.ordinal(n, gender) for n in (21, 30, 33, 40, 74, 99)] == ORDINALS[(language, gender)]
    assert phrases.ordinal(1, gender) == catalogue(language)["ordinals"][gender][0]  # the list still gives 1–20
    assert phrases.ordinal(20, gender) == catalogue(language)["ordinals"][gender][19]
    assert phrases.ordinal(100, gender) == "100"  # beyond what the data composes: the figure


def test_french_says_et_before_unieme_and_onzieme_but_not_after_quatre_vingt() -> None:
    phrases = packaged_phrases("fr")
    assert [phrases.ordinal(n, "f") for n in (61, 70, 71, 72, 80, 81, 90, 91)] == [
        "soixante et unième", "soixante-dixième", "soixante et onzième", "soixante-douzième",
        "quatre-vingtième", "quatre-vingt-unième", "quatre-vingt-dixième", "quatre-vingt-onzième"]


def test_a_catalogue_with_only_the_list_still_works(tmp_path: Path) -> None:
    # A project's override giving only the list keeps the packaged composition above it.
    (tmp_path / "phrases").mkdir()
    own_list = [word.replace("thirteenth", "13th") for word in catalogue("en")["ordinals"]["f"]]
    (tmp_path / "phrases" / "en.yaml").write_text(f"ordinals: {{f: [{', '.join(own_list)}]}}\n", encoding="utf-8")
    phrases = packaged_phrases("en", (tmp_path,))
    assert [phrases.ordinal(n, "f") for n in (3, 13, 33)] == ["third", "13th", "thirty-third"]
    # A language a project adds with no ordinal_tens at all: the list, then figures.
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "xx.yaml").write_text((REPO / "templates" / "labels" / "en.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    english = catalogue("en")
    del english["ordinal_tens"]
    (tmp_path / "phrases" / "xx.yaml").write_text(yaml.safe_dump(english, allow_unicode=True), encoding="utf-8")
    own = packaged_phrases("xx", (tmp_path,))
    assert (own.ordinal(20, "m"), own.ordinal(21, "m")) == ("twentieth", "21")


@pytest.fixture(scope="module")
def seventy_fourth(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """escap-cmp2017 as a seventy-fourth session, built in English and in French."""
    root = tmp_path_factory.mktemp("seventy-fourth") / "examples"
    shutil.copytree(REPO / "examples", root, ignore=shutil.ignore_patterns("output", ".reportgen*"))
    source = root / "content" / "escap-cmp2017" / "meeting.yaml"
    text_before = source.read_text(encoding="utf-8")
    assert "  session_number: 1\n" in text_before
    source.write_text(text_before.replace("  session_number: 1\n", "  session_number: 74\n"), encoding="utf-8")
    built = {}
    for language in ("en", "fr"):
        paths = build_meeting(Project(root), "escap-cmp2017", BuildOptions(kinds=("rapporteur-report",), language=language,
                                                                           out_dir=root / "out" / language, allow_untranslated=True))
        built[language] = {p.suffix: p for p in paths}
    return built


@pytest.mark.parametrize(("language", "sentence"), [
    ("en", "The Committee held its seventy-fourth session in Bangkok"),
    ("fr", "Le Comité a tenu sa soixante-quatorzième session à Bangkok"),
])
def test_a_seventy_fourth_session_is_spelled_out_in_pdf_and_docx(seventy_fourth: dict[str, dict[str, Path]], language: str, sentence: str) -> None:
    word = docx_text(seventy_fourth[language][".docx"])
    pdf = re.sub(r"(\w)- (\w)", r"\1-\2", pdf_text(seventy_fourth[language][".pdf"]))  # a line broken after a hyphen
    assert sentence in word and sentence in pdf
    assert " 74 session" not in word + pdf and " 74e " not in word + pdf


# --------------------------------------------------------------------------- French and Spanish contractions


@pytest.mark.parametrize(("language", "holder", "expected"), [
    ("fr", "le Groupe des 77", "au nom du Groupe des 77"),
    ("fr", "les pays les moins avancés", "au nom des pays les moins avancés"),
    ("fr", "la Communauté andine", "au nom de la Communauté andine"),
    ("es", "el Grupo de los 77", "en nombre del Grupo de los 77"),
    ("es", "El Salvador", "en nombre de El Salvador"),
])
def test_on_behalf_of_contracts_with_an_article(tmp_path: Path, language: str, holder: str, expected: str) -> None:
    data = copy.deepcopy(SMALL)
    data["proceedings"]["opening"] = {"statements": [{"person": "dorji", "on_behalf_of": {"office": holder}}]}
    sentence = text(assembler(tmp_path, data, language).block(block("opening")))[0]
    assert sentence.endswith(f", {expected}.") and " de le " not in sentence and " de el " not in sentence


def test_a_statement_line_contracts_with_its_holders_article(tmp_path: Path) -> None:
    data = copy.deepcopy(SMALL)
    data["document"]["language"] = "fr"
    data["body"].append({"id": "debate", "heading": "Débat", "blocks": [
        {"intervention": "dorji", "on_behalf_of": {"office": "le Groupe des États d'Asie et du Pacifique"}, "text": "Le Groupe a salué le rapport."}]})
    project = project_with(tmp_path, data)
    html = render_meeting(project, "small", BuildOptions(kinds=("rapporteur-report",)))[0][0].html
    assert "Karma Dorji, au nom du Groupe des États d’Asie et du Pacifique" in html  # the typographer's apostrophe
    assert "au nom de le" not in html


def test_a_speakers_line_contracts_with_an_organisations_article() -> None:
    labels = Labels.load("fr", [REPO / "templates"])
    person = schema.Person(id="a", name="Ana Moreau", post="Directrice")
    organisation = schema.Organisation(id="s", name="Secrétariat", article="le")
    ref = schema.SpeakerRef(person="a", on_behalf_of=schema.RoleHolder(organisation="s"))
    ref._ref, ref.on_behalf_of._ref = person, organisation  # as model.resolve sets them
    assert speaker_line(ref, labels).endswith("Ana Moreau, Directrice, au nom du Secrétariat")


# --------------------------------------------------------------------------- the examples built in ar, ru, zh


def pdf_text(path: Path) -> str:
    shown = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", BIDI_MARKS.sub("", shown))


def docx_text(path: Path) -> str:
    return " ".join(p.text for p in docx.Document(str(path)).paragraphs)


def chapter(whole: str, start: str, end: str | None = None) -> str:
    """The text from the generated chapter's first heading to `end` (or the end)."""
    found = whole[whole.index(start):]
    return found[: found.index(end)] if end else found


ESCAP = {
    "ar": {"headings": ["ألف - الافتتاح والمدة وتنظيم الأعمال", "باء - الحضور", "جيم - انتخاب أعضاء المكتب", "دال - جدول الأعمال",
                        "هاء - الوثائق", "واو - اعتماد التقرير"],
           "sentences": ["عقدت اللجنة دورتها الأولى في Bangkok في الفترة من 29 نوفمبر إلى 1 ديسمبر 2017.",
                         "افتتح الأمين التنفيذي للإسكاب الدورة بكلمة ترحيبية.",
                         "حضر الدورة ممثلو 25 عضوا في اللجنة: أفغانستان، وأرمينيا، وأذربيجان،",
                         "كانت الوكالات المتخصصة التالية ممثلة: منظمة العمل الدولية ومنظمة الصحة العالمية.",
                         "انتخبت اللجنة أعضاء المكتب التالية أسماؤهم:", "نائبا الرئيس: السيد Karma Dorji (بوتان) والسيدة Nilufar Rahimova (أوزبكستان)",
                         "أقرت اللجنة جدول الأعمال التالي (E/ESCAP/CMP/2017/L.1):", "كانت معروضة على اللجنة الوثائق التالية:",
                         "اعتمدت اللجنة هذا التقرير في 1 ديسمبر 2017."],
           "in_pdf": ["عقدت اللجنة دورتها الأولى في", "حضر الدورة ممثلو", "انتخبت اللجنة أعضاء المكتب التالية أسماؤهم", "اعتمدت اللجنة هذا التقرير في"]},
    "ru": {"headings": ["A. Открытие, продолжительность и организация работы сессии", "B. Участники", "C. Выборы должностных лиц",
                        "D. Повестка дня", "E. Документация", "F. Утверждение доклада"],
           "sentences": ["Комитет провел свою первую сессию в городе Bangkok с 29 ноября по 1 декабря 2017 года.",
                         "Исполнительный секретарь ЭСКАТО открыл сессию и выступил с приветственным словом.",
                         "На сессии присутствовали представители 25 членов Комиссии: Афганистан, Армения,",
                         "Были представлены следующие специализированные учреждения: Международная организация труда и Всемирная организация здравоохранения.",
                         "Комитет избрал следующих должностных лиц:", "Комитет утвердил следующую повестку дня (E/ESCAP/CMP/2017/L.1):",
                         "В распоряжении Комитета имелись следующие документы:", "Комитет утвердил настоящий доклад 1 декабря 2017 года."]},
    "zh": {"headings": ["A. 会议开幕、会期和工作安排", "B. 出席情况", "C. 选举主席团成员", "D. 议程", "E. 文件", "F. 通过报告"],
           "sentences": ["委员会于2017年11月29日至12月1日在Bangkok举行第一届会议。亚太经社会执行秘书宣布会议开幕并致欢迎辞。",
                         "委员会25个成员的代表出席了会议：阿富汗、亚美尼亚、阿塞拜疆、",
                         "下列专门机构派代表出席了会议：国际劳工组织和世界卫生组织。",
                         "委员会选出下列主席团成员：", "委员会通过了下列议程（E/ESCAP/CMP/2017/L.1）：", "委员会收到了下列文件：",
                         "委员会于2017年12月1日通过了本报告。"]},
}


@pytest.fixture(scope="module")
def escap_editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    out = tmp_path_factory.mktemp("editions")
    project = Project(REPO / "examples")
    built = {}
    for language in ESCAP:
        paths = build_meeting(project, "escap-cmp2017", BuildOptions(kinds=("rapporteur-report",), language=language, out_dir=out,
                                                                     allow_untranslated=True))
        built[language] = {p.suffix: p for p in paths}
    return built


@pytest.mark.parametrize("language", list(ESCAP))
def test_escap_example_generates_its_chapters_in_the_language(escap_editions: dict[str, dict[str, Path]], language: str) -> None:
    expected = ESCAP[language]
    word = docx_text(escap_editions[language][".docx"])
    pdf = pdf_text(escap_editions[language][".pdf"])
    titles = [heading.split(" ", 1)[1].removeprefix("- ") for heading in expected["headings"]]
    generated = chapter(word, titles[0])
    for heading, title in zip(expected["headings"], titles):
        assert title in word and title in pdf, heading
        assert language == "ar" or heading in pdf, heading  # Arabic lines come out of pdftotext in visual order
    for sentence in expected["sentences"]:
        assert sentence in word, sentence
    squeeze = (lambda t: re.sub(r"\s", "", t)) if language == "zh" else (lambda t: t)  # pdftotext breaks Chinese lines anywhere
    for piece in expected.get("in_pdf", expected["sentences"]):
        assert squeeze(piece) in squeeze(pdf), piece
    for english in ENGLISH_PHRASES:  # no phrase of the English catalogue left in the generated chapter
        assert english not in generated, english
    # Statements and documents before an agenda item (generated blocks of chapter II) are in the language too.
    before = {"ar": "كانت معروضة على اللجنة الوثيقة التالية:", "ru": "В распоряжении Комитета имелся следующий документ:",
              "zh": "委员会收到了下列文件：Macroeconomic"}[language]
    assert before in word


def test_eclac_example_in_russian_agrees_with_a_conference_and_its_female_chair(tmp_path: Path) -> None:
    paths = build_meeting(Project(REPO / "examples"), "eclac-cea2019",
                          BuildOptions(kinds=("rapporteur-report",), formats=("pdf",), language="ru", out_dir=tmp_path, allow_untranslated=True))
    shown = pdf_text(next(p for p in paths if p.suffix == ".pdf"))
    for sentence in ("Конференция провела свое десятое совещание в городе Santiago с 19 по 21 ноября 2019 года.",
                     "открыла совещание 19 ноября 2019 года в 10.00.",
                     "Конференция избрала путем аккламации следующих должностных лиц:",
                     "Заместители Председателя: Аргентина, Чили и Италия",
                     "G. Закрытие совещания"):
        assert sentence in shown, sentence
